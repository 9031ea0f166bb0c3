// Builds the Teams app package (manifest.json + icons, zipped) for one Azure bot registration's app id:
// what an admin uploads in Teams ("Upload a custom app") or the Teams admin center.
import fs from 'node:fs/promises';
import path from 'node:path';
import { ValidationError } from '../../core/errors.ts';
import { PACKAGE_ROOT } from '../../core/package-root.ts';
import { createZip } from './zip.ts';
import { UUID as GUID } from '../../core/ids.ts';

// From the package root: the build compiles this file to dist/ but leaves the manifest and icons here.
const MANIFEST_DIR = path.join(PACKAGE_ROOT, 'bots', 'teams', 'manifest');

export interface PackageOptions {
  /** The bot's Microsoft App ID (MICROSOFT_APP_ID), a GUID. */
  appId: string;
  /** Manifest version, e.g. "1.0.1"; Teams wants a higher one for each update of an installed app. */
  version?: string;
  /** Domains the bot links to (e.g. your SalesOS host), for the manifest's validDomains. */
  validDomains?: string[];
}

export async function buildAppManifest(opts: PackageOptions): Promise<Record<string, unknown>> {
  if (!GUID.test(opts.appId))
    throw new ValidationError(`The app id must be the bot's Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000 (got "${opts.appId}").`);
  if (opts.version !== undefined && !/^\d+\.\d+\.\d+$/.test(opts.version))
    throw new ValidationError(`The version must look like 1.0.0 (got "${opts.version}").`);
  const template = await fs.readFile(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(template.replaceAll('{{APP_ID}}', opts.appId.toLowerCase())) as Record<string, unknown>;
  if (opts.version) manifest.version = opts.version;
  if (opts.validDomains) manifest.validDomains = opts.validDomains;
  return manifest;
}

/** The zip as bytes; the caller decides where to write it. */
export async function buildAppPackage(opts: PackageOptions): Promise<Buffer> {
  const manifest = await buildAppManifest(opts);
  const [color, outline] = await Promise.all([fs.readFile(path.join(MANIFEST_DIR, 'color.png')), fs.readFile(path.join(MANIFEST_DIR, 'outline.png'))]);
  return createZip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
    { name: 'color.png', data: color },
    { name: 'outline.png', data: outline },
  ]);
}

/** Writes the package and returns its path; `outFile` defaults to ./salesos-teams-<appId>.zip. */
export async function writeAppPackage(opts: PackageOptions & { outFile?: string }): Promise<string> {
  const zip = await buildAppPackage(opts);
  const out = path.resolve(opts.outFile ?? `salesos-teams-${opts.appId.toLowerCase()}.zip`);
  await fs.writeFile(out, zip);
  return out;
}

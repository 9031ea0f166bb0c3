// Whether dist/ was compiled from the sources as they are now. The build records each source file's
// modification time and size; `salesos` compares them at start (a few hundred stat calls, a few ms) rather
// than hashing the sources (tens of ms). Any edit, new or deleted file changes the record, so a developer
// who edits a file and runs `salesos` without rebuilding runs the edited sources, never stale JavaScript.
import fs from 'node:fs';
import path from 'node:path';

export const SOURCE_DIRS = ['app', 'bots', 'assistant', 'tools', 'core'];
export const BUILD_STAMP = '.build-stamp.json';
// In dist/cli/: which sources and packages each file of the CLI bundle holds (scripts/build.mjs).
export const BUNDLE_INPUTS = 'inputs.json';
// The build itself: a changed build must rebuild too.
const BUILD_FILES = ['scripts/build.mjs', 'bin/build-stamp.js'];

/** `{ files: { "core/log.ts": "<mtimeMs>:<size>", … } }`, sorted, for every TypeScript source and the build. */
export function sourceFingerprint(root) {
  const found = [];
  for (const dir of SOURCE_DIRS) {
    for (const entry of fs.readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) found.push(path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)));
    }
  }
  found.sort();
  const files = {};
  for (const file of [...found, ...BUILD_FILES]) {
    const stat = fs.statSync(path.join(root, file));
    files[file] = `${stat.mtimeMs}:${stat.size}`;
  }
  return { files };
}

/** True when dist/ holds the build of exactly these sources, CLI bundle included. */
export function isBuildCurrent(root) {
  let recorded;
  try {
    recorded = fs.readFileSync(path.join(root, 'dist', BUILD_STAMP), 'utf8');
  } catch {
    return false;
  }
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'cli.js'))) return false;
  return recorded === JSON.stringify(sourceFingerprint(root));
}

// The folder SalesOS is installed in (package.json, prisma/migrations, bot manifests), whether this module
// runs from the sources (core/) or from the build (dist/core/), which has no package.json of its own.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const PACKAGE_ROOT: string = fs.existsSync(path.join(here, '..', 'package.json')) ? path.resolve(here, '..') : path.resolve(here, '..', '..');

#!/usr/bin/env node
/**
 * `npm run eval:full`: `byline eval` on the bundled gold (test/gold/) plus whichever of the
 * research-only gold files exist in ../shared/gold/ (they are never copied into the repository).
 * A shared file replaces a bundled one of the same name. Extra arguments are passed on, e.g.
 * `npm run eval:full -- --json scratch/full.json --errors scratch/full-errors.csv`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundled = ['test/gold/seed.jsonl', 'test/gold/meantime-dev.jsonl'];
const shared = ['conll2003-dev', 'polnear-dev', 'timebank', 'meantime-dev'].map((name) => `../shared/gold/${name}.jsonl`);

const found = shared.filter((file) => existsSync(join(root, file)));
const missing = shared.filter((file) => !found.includes(file));
const sharedNames = new Set(found.map((file) => basename(file)));
const gold = [...bundled.filter((file) => !sharedNames.has(basename(file))), ...found];
if (missing.length > 0) process.stderr.write(`eval:full: skipping missing ${missing.join(', ')}\n`);

const bin = join(root, 'dist/cli/bin.js');
if (!existsSync(bin)) {
  process.stderr.write(`eval:full: ${relative(process.cwd(), bin)} not found, run \`npm run build\` first\n`);
  process.exit(2);
}
const args = [bin, 'eval', ...gold.flatMap((file) => ['--gold', file]), ...process.argv.slice(2)];
const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 2);

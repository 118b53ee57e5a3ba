/**
 * Read an output folder into a map of relative path → content, for byte-for-byte comparisons.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every file under `root` except run.json (which holds timings) and the internal cache.
 * @param root an output folder
 */
export function readOutputTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const rel = relative(root, path);
      if (rel === 'run.json' || rel === '.byline' || rel === 'report') continue;
      if (statSync(path).isDirectory()) walk(path);
      else files.set(rel, readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return files;
}

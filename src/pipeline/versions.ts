/**
 * Versions of byline and the libraries it runs on, for `--version` and `run.json`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** A package's version, found by walking up from its entry point (exports maps hide package.json). */
function versionOf(pkg: string): string {
  try {
    let folder = dirname(require.resolve(pkg));
    for (let depth = 0; depth < 6; depth++) {
      const manifest = join(folder, 'package.json');
      if (existsSync(manifest)) {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
        if (parsed.name === pkg && parsed.version) return parsed.version;
      }
      folder = dirname(folder);
    }
  } catch {
    // fall through
  }
  return 'unknown';
}

/** byline's own version, from package.json. */
export const toolVersion: string = (require('../../package.json') as { version: string }).version;

/** Versions of the NLP libraries, recorded in run.json. */
export function libraryVersions(): Record<string, string> {
  return {
    node: process.versions.node,
    'wink-nlp': versionOf('wink-nlp'),
    'wink-eng-lite-web-model': versionOf('wink-eng-lite-web-model'),
    compromise: versionOf('compromise'),
    'chrono-node': versionOf('chrono-node'),
  };
}

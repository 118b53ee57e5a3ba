/**
 * Versions of byline and the libraries it runs on, for `--version` and `run.json`.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function versionOf(pkg: string): string {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
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

/**
 * `byline annotate`: STUB.
 */
import type { Argv } from 'yargs';

export function annotateOptions(yargs: Argv): Argv {
  return yargs;
}

export async function runAnnotate(_argv: Record<string, unknown>): Promise<number> {
  return 2;
}

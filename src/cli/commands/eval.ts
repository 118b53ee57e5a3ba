/**
 * `byline eval`: STUB, replaced by the evaluation command.
 */
import type { Argv } from 'yargs';

/** Register the command's options. */
export function evalOptions(yargs: Argv): Argv {
  return yargs;
}

/** Run the command; returns the exit code. */
export async function runEval(_argv: Record<string, unknown>): Promise<number> {
  process.stderr.write('byline eval: not implemented yet\n');
  return 2;
}

/**
 * `byline report [out]`: write the HTML report of an output folder.
 */
import type { Argv } from 'yargs';
import { writeReport } from '../../report/write-report.js';

/** Register the command's options. */
export function reportOptions(yargs: Argv): Argv {
  return yargs.positional('out', { type: 'string', describe: 'Output folder written by `byline annotate` (default: the config\'s output.folder)' });
}

/** Run the command; returns the exit code. */
export async function runReport(argv: Record<string, unknown>): Promise<number> {
  const outDir = String(argv.out ?? 'output');
  try {
    const index = await writeReport(outDir);
    if (!argv.quiet) process.stderr.write(`byline: report written to ${index}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`byline: ${(error as Error).message}\n`);
    return 2;
  }
}

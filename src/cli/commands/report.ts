/**
 * `byline report [out]`: write the HTML report of an output folder.
 */
import type { Argv } from 'yargs';
import { loadConfig } from '../../config/load-config.js';
import { writeReport } from '../../report/write-report.js';

/** Register the command's options. */
export function reportOptions(yargs: Argv): Argv {
  return yargs.positional('out', { type: 'string', describe: 'Output folder written by `byline annotate` (default: the config\'s output.folder)' });
}

/** Run the command; returns the exit code. */
export async function runReport(argv: Record<string, unknown>): Promise<number> {
  let outDir = argv.out === undefined ? null : String(argv.out);
  if (outDir === null) {
    try {
      const configFile = String(argv.config ?? 'pipeline.config.json');
      outDir = loadConfig(configFile, configFile !== 'pipeline.config.json').config.output.folder;
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
      return 2;
    }
  }
  try {
    const index = await writeReport(outDir);
    if (!argv.quiet) process.stderr.write(`byline: report written to ${index}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`byline: ${(error as Error).message}\n`);
    return 2;
  }
}

/**
 * The CLI as a function: `run(argv)` parses the arguments (yargs) and returns an exit code.
 * 0: done (warnings allowed) · 1: some document failed · 2: the run could not proceed.
 */
import yargs from 'yargs';
import { annotateOptions, runAnnotate } from './commands/annotate.js';
import { evalOptions, runEval } from './commands/eval.js';
import { mergeOptions, runMerge } from './commands/merge.js';
import { reportOptions, runReport } from './commands/report.js';
import { toolVersion } from '../pipeline/versions.js';

/** The arguments do not make a valid command line. */
class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Run the byline CLI.
 * @param argv the arguments after `node bin.js`
 * @returns the process exit code
 */
export async function run(argv: string[]): Promise<number> {
  let exitCode = 0;
  const parser = yargs(argv)
    .scriptName('byline')
    .usage('$0 <command> [options]\n\nPeople, organizations, dates and quotations from news text.')
    .option('config', { alias: 'c', type: 'string', describe: 'Config file', default: 'pipeline.config.json' })
    .option('debug', { type: 'boolean', default: false, describe: 'Print stack traces of unexpected errors' })
    .command(
      'annotate [inputs..]',
      'Annotate folders, files or .jsonl files into JSON and CSV',
      (y) => annotateOptions(y),
      async (args) => {
        exitCode = await runAnnotate(args);
      },
    )
    .command(
      'eval',
      'Score the pipeline against gold annotations',
      (y) => evalOptions(y),
      async (args) => {
        exitCode = await runEval(args);
      },
    )
    .command(
      'merge <shards..>',
      'Merge shard outputs (annotate --shard i/n) and link entities across them',
      (y) => mergeOptions(y),
      async (args) => {
        exitCode = await runMerge(args);
      },
    )
    .command(
      'report [out]',
      'Write an HTML report (highlighted articles, entity pages, charts) of an output folder',
      (y) => reportOptions(y),
      async (args) => {
        exitCode = await runReport(args);
      },
    )
    .demandCommand(1, 'Expected a command: `annotate`, `eval`, `merge` or `report`')
    .strict()
    .version(toolVersion)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .exitProcess(false)
    .fail((message, error) => {
      // Throwing stops yargs: without it, a command still ran after "Unknown argument". An error
      // thrown by a command itself arrives here too and is reported once, below.
      throw error && error.name !== 'YError' ? error : new UsageError(message ?? error?.message ?? 'invalid arguments');
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    process.stderr.write(`byline: ${(error as Error).message}\n`);
    if (error instanceof UsageError) process.stderr.write('Run `byline --help` for usage.\n');
    else if (argv.includes('--debug')) process.stderr.write(`${(error as Error).stack}\n`);
    return 2;
  }
  return exitCode;
}

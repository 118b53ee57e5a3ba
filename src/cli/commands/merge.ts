/**
 * `byline merge OUT1 OUT2 … --out DIR`: combine shard outputs and link entities across them.
 */
import type { Argv } from 'yargs';
import { ConfigError, loadConfig } from '../../config/load-config.js';
import type { Message } from '../../model/message.js';
import { MergeError, mergeOutputs } from '../../pipeline/merge-outputs.js';
import { formatMessage } from '../format-message.js';
import { tuneHeapForCorpusRuns } from '../heap.js';

/** Register the command's options. */
export function mergeOptions(yargs: Argv): Argv {
  return yargs
    .positional('shards', { type: 'string', array: true, describe: 'Output folders written by `annotate --shard i/n`' })
    .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'Merged output folder' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print nothing but errors' })
    .example('$0 merge out-0 out-1 out-2 --out output', 'Merge three shards into ./output');
}

/** Run the command; returns the exit code. */
export async function runMerge(argv: Record<string, unknown>): Promise<number> {
  tuneHeapForCorpusRuns();
  const configFile = String(argv.config ?? 'pipeline.config.json');
  const shards = (argv.shards as string[] | undefined) ?? [];
  if (shards.length === 0) {
    process.stderr.write('byline: expected at least one shard output folder\n');
    return 2;
  }
  try {
    const { config, hash } = loadConfig(configFile, configFile !== 'pipeline.config.json');
    // A document that fails in the merge itself (its output path collides with another's) is an error: printed even with --quiet.
    const printFailure = (source: string, text: string, message: Message) => process.stderr.write(`${formatMessage(source, text, message)}\n`);
    const summary = await mergeOutputs(shards, String(argv.out), config, hash, printFailure);
    if (!argv.quiet) process.stderr.write(`byline: merged ${summary.documents} documents from ${shards.length} shards → ${String(argv.out)}\n`);
    return summary.exitCode;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof MergeError) {
      process.stderr.write(`byline: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/**
 * `byline merge OUT1 OUT2 … --out DIR`: combine shard outputs and link entities across them.
 */
import type { Argv } from 'yargs';
import { ConfigError, loadConfig } from '../../config/load-config.js';
import { MergeError, mergeOutputs } from '../../pipeline/merge-outputs.js';
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
    const summary = await mergeOutputs(shards, String(argv.out), config, hash);
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

/**
 * `byline annotate [inputs..]`: annotate folders, files and .jsonl files into JSON and CSV.
 */
import type { Argv } from 'yargs';
import { ConfigError, loadConfig } from '../../config/load-config.js';
import { checkInputs, countInputs, InputError } from '../../corpus/read-corpus.js';
import { PipelineSetupError, runCorpus } from '../../pipeline/run-corpus.js';
import { createProgress } from '../progress.js';
import { formatMessage } from '../format-message.js';
import { resolve } from 'node:path';
import { writeReport } from '../../report/write-report.js';
import { tuneHeapForCorpusRuns } from '../heap.js';

const MAX_PRINTED_WARNINGS = 50;

/** Register the command's options. */
export function annotateOptions(yargs: Argv): Argv {
  return yargs
    .positional('inputs', { type: 'string', array: true, describe: 'Folders, files or .jsonl files (default: the config\'s corpus.folder)' })
    .option('out', { alias: 'o', type: 'string', describe: 'Output folder (default: the config\'s output.folder)' })
    .option('concurrency', { alias: 'j', type: 'number', describe: 'Worker threads (default: run.concurrency, 0 = one per core)' })
    .option('force', { type: 'boolean', default: false, describe: 'Re-annotate every document, even unchanged ones' })
    .option('shard', { type: 'string', describe: 'Annotate only shard i of n (0-based, e.g. 0/4), partitioned by document id; combine with `byline merge`' })
    .option('html', { type: 'boolean', default: false, describe: 'Also write the HTML report to <out>/report/' })
    .option('print-config', { type: 'boolean', default: false, describe: 'Print the resolved config as JSON and exit' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress output and no warnings (fatal messages still print)' })
    .example('$0 annotate', 'Annotate ./corpus into ./output')
    .example('$0 annotate articles/ extra.jsonl --out results', 'Annotate a folder and a JSONL file into ./results');
}

/** Run the command; returns the exit code (0 done, 1 some document failed, 2 could not proceed). */
export async function runAnnotate(argv: Record<string, unknown>): Promise<number> {
  tuneHeapForCorpusRuns();
  const configFile = String(argv.config ?? 'pipeline.config.json');
  let loaded;
  try {
    loaded = loadConfig(configFile, argv.config !== undefined && configFile !== 'pipeline.config.json');
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const { config, hash } = loaded;
  if (argv.printConfig) {
    process.stdout.write(JSON.stringify(config, null, 2) + '\n');
    return 0;
  }
  const inputs = ((argv.inputs as string[] | undefined) ?? []).length > 0 ? (argv.inputs as string[]) : [config.corpus.folder];
  const outDir = String(argv.out ?? config.output.folder);
  try {
    await checkInputs(inputs);
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`byline: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const shard = parseShard(argv.shard);
  if (shard === 'invalid') {
    process.stderr.write(`byline: --shard ${String(argv.shard)}: expected i/n with 0 ≤ i < n, e.g. 0/4\n`);
    return 2;
  }
  const quiet = Boolean(argv.quiet);
  const readOptions = { ...config.corpus, skipFolders: [resolve(outDir)] };
  // A shard's count is its share of the corpus (ids hash evenly): telling which documents are its own
  // would mean reading every JSONL line.
  const total = quiet ? 0 : Math.round((await countInputs(inputs, readOptions)) / (shard ? shard.count : 1));
  const progress = createProgress(total, quiet ? 'off' : process.stderr.isTTY ? 'bar' : 'lines', Boolean(shard));
  let warningsPrinted = 0;
  let warningsHidden = 0;
  const printed: string[] = [];
  // SIGINT: finish the documents in flight, start no new ones, leave a consistent output folder.
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(130);
    process.stderr.write('\nbyline: interrupted; finishing the documents in flight (Ctrl-C again to quit at once)\n');
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const summary = await runCorpus({
      signal: interrupt.signal,
      ...(shard ? { shard } : {}),
      inputs,
      outDir,
      config,
      configHash: hash,
      force: Boolean(argv.force),
      concurrency: (argv.concurrency as number | undefined) ?? config.run.concurrency,
      onProgress(event) {
        progress.tick(event.done);
        for (const message of event.messages) {
          if (message.severity === 'info') continue;
          if (message.severity === 'warning' && (quiet || warningsPrinted >= MAX_PRINTED_WARNINGS)) {
            warningsHidden++;
            continue;
          }
          if (message.severity === 'warning') warningsPrinted++;
          printed.push(formatMessage(event.source, event.text, message));
        }
      },
    });
    progress.stop();
    if (summary.interrupted) {
      process.stderr.write(`byline: stopped after ${summary.documents} documents; run again to complete the corpus\n`);
      return 130;
    }
    if (printed.length > 0) process.stderr.write(printed.join('\n') + '\n');
    if (warningsHidden > 0 && !quiet) process.stderr.write(`… and ${warningsHidden} more warnings in ${outDir}/csv/messages.csv\n`);
    if (!quiet) {
      const seconds = summary.elapsedMs / 1000;
      process.stderr.write(
        `byline: ${summary.documents} documents (${summary.ok} ok, ${summary.failed} failed, ${summary.reused} unchanged) in ${seconds.toFixed(1)} s → ${outDir}\n`,
      );
    }
    if (argv.html) {
      const index = await writeReport(outDir);
      if (!quiet) process.stderr.write(`byline: report written to ${index}\n`);
    }
    return summary.exitCode;
  } catch (error) {
    progress.stop();
    if (error instanceof PipelineSetupError) {
      // A missing model or knowledge base is a config problem: exit 2, before any document.
      process.stderr.write(`byline: ${configFile}: stages: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`byline: the run could not proceed: ${(error as Error).message}\n`);
    if (argv.debug) process.stderr.write(`${(error as Error).stack}\n`);
    return 2;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function parseShard(value: unknown): { index: number; count: number } | null | 'invalid' {
  if (value === undefined || value === null) return null;
  const match = /^(\d+)\/(\d+)$/.exec(String(value));
  if (!match) return 'invalid';
  const index = Number(match[1]);
  const count = Number(match[2]);
  return count >= 1 && index < count ? { index, count } : 'invalid';
}

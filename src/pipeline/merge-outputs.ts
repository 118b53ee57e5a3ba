/**
 * Merge shard outputs (`annotate --shard i/n`) into one output folder and run the corpus pass over
 * them, so the result is the same as one run over the whole corpus.
 */
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { READ_RULE, type DocumentInput } from '../corpus/read-corpus.js';
import type { Message } from '../model/message.js';
import type { DocumentJson } from '../sinks/document-json.js';
import { journalDirOf, listJournals } from './cache-journal.js';
import type { OutputTarget } from './persist-result.js';
import {
  cacheKeyOf,
  csvOptionsOf,
  finalizeCorpus,
  jsonPath,
  persistWriteFailure,
  readManifest,
  writeRunJson,
  type Manifest,
  type RunEntry,
  type RunSummary,
} from './run-corpus.js';

/** A shard folder that cannot be merged: the merge cannot proceed (exit 2). */
export class MergeError extends Error {
  override name = 'MergeError';
}

/**
 * Merge shard output folders into `outDir`.
 * @param shards output folders written by `byline annotate --shard i/n`
 * @param outDir the merged output folder
 * @param config the resolved config (must be the one the shards ran with)
 * @param configHash its hash
 * @param onFailure told of each document that fails in the merge itself, with its fatal message
 */
export async function mergeOutputs(
  shards: readonly string[],
  outDir: string,
  config: Config,
  configHash: string,
  onFailure: (source: string, text: string, message: Message) => void = () => {},
): Promise<RunSummary> {
  const started = performance.now();
  const target = resolve(outDir);
  const entries = new Map<string, RunEntry>();
  const output: OutputTarget = { outDir: target, cacheKey: cacheKeyOf(configHash), prettyJson: config.output.prettyJson, csv: csvOptionsOf(config) };
  for (const [shardIndex, shard] of shards.entries()) {
    const manifest = await readManifest(shard);
    if (!manifest) throw new MergeError(`${shard}: no manifest.json, expected an output folder written by \`byline annotate\``);
    if (manifest.configHash !== configHash) {
      throw new MergeError(`${shard}: config hash \`${manifest.configHash}\`, expected \`${configHash}\` (the shards and the merge must use the same config)`);
    }
    // The shard's cache journals come along whole: the corpus pass reads the lines it needs.
    if (resolve(shard) !== target) {
      for (const journal of listJournals(shard)) await copyInto(journal, join(journalDirOf(target), `shard${shardIndex}-${basename(journal)}`));
    }
    for (const doc of manifest.documents) {
      if (entries.has(doc.id)) throw new MergeError(`${shard}: document \`${doc.id}\` is in two shards, expected shards that do not overlap`);
      let status = doc.status;
      // A document that failed in its shard without a JSON file (run:write) has none to copy: its record says so.
      if (resolve(shard) !== target && (doc.status === 'ok' || (await isFile(jsonPath(shard, doc.file))))) {
        try {
          await copyInto(jsonPath(shard, doc.file), jsonPath(target, doc.file));
        } catch (error) {
          const { source, text, messages } = await failCopy(output, shard, doc, { config, configHash }, error);
          for (const message of messages) onFailure(source, text, message);
          status = 'failed';
        }
      }
      entries.set(doc.id, { id: doc.id, hash: doc.hash, status, file: doc.file });
    }
  }
  const list = [...entries.values()];
  const passStarted = performance.now();
  await finalizeCorpus(target, config, configHash, list);
  const corpusPassMs = performance.now() - passStarted;
  const failed = list.filter((e) => e.status === 'failed').length;
  const summary: RunSummary = {
    documents: list.length,
    ok: list.length - failed,
    failed,
    reused: list.length,
    chars: 0,
    tokens: 0,
    elapsedMs: performance.now() - started,
    stageMs: {},
    firstDocumentMs: null,
    corpusPassMs,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    interrupted: false,
    exitCode: failed > 0 ? 1 : 0,
  };
  await writeRunJson(target, shards, configHash, summary, [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  return summary;
}

/**
 * A document whose JSON output cannot be copied fails alone, as in a single run: ids such as `x` and
 * `x.json/b`, annotated in different shards, both need `json/x.json`. Its shard JSON gives the
 * text and reading messages of its failure record. A shard file that cannot be read stops the merge.
 */
async function failCopy(
  output: OutputTarget,
  shard: string,
  doc: Manifest['documents'][number],
  run: { config: Config; configHash: string },
  error: unknown,
): Promise<{ source: string; text: string; messages: Message[] }> {
  let json: DocumentJson;
  try {
    json = JSON.parse(await readFile(jsonPath(shard, doc.file), 'utf8')) as DocumentJson;
  } catch {
    throw error;
  }
  const input: DocumentInput = {
    id: json.id,
    source: json.source,
    text: json.text,
    published: json.published,
    bodyStart: 0,
    hash: doc.hash,
    messages: json.messages.filter((message) => message.ruleId.startsWith(`${READ_RULE}:`)),
  };
  const { messages } = persistWriteFailure(output, { ...run, input }, error);
  return { source: json.source, text: json.text, messages: messages.filter((message) => message.severity === 'fatal') };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function copyInto(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await copyFile(from, to);
}

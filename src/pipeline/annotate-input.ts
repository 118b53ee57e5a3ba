/**
 * Annotate one input document and project it onto the output shape. This is the unit of work a
 * worker thread runs; it is also called directly when the run stays on the main thread.
 */
import type { Config } from '../config/schema.js';
import type { DocumentInput } from '../corpus/read-corpus.js';
import { summarizeDocument, type DocumentEntitySummary } from '../linking/link-corpus.js';
import { createDocument } from '../model/document.js';
import { toDocumentJson, type DocumentJson } from '../sinks/document-json.js';
import { createPipeline, runDocument, type Pipeline, type StageTimings } from './run-document.js';

/** What a worker is given. */
export interface AnnotateTask {
  config: Config;
  configHash: string;
  input: DocumentInput;
}

/** What a worker gives back: plain data, cheap to pass between threads. */
export interface AnnotateResult {
  json: DocumentJson;
  summary: DocumentEntitySummary;
  timings: StageTimings;
  /** Number of tokens, for throughput figures. */
  tokens: number;
}

let cached: { hash: string; pipeline: Pipeline } | null = null;

/**
 * The pipeline for a config, built once per thread (models load here, so a missing model or
 * knowledge base throws here).
 * @param config the resolved config
 * @param configHash its hash, the cache key
 */
export function pipelineFor(config: Config, configHash: string): Pipeline {
  if (!cached || cached.hash !== configHash) cached = { hash: configHash, pipeline: createPipeline(config) };
  return cached.pipeline;
}

/**
 * Run the pipeline on one input. Unreadable inputs come back with their messages and no layers,
 * without loading any model.
 * @param task the config and the document
 */
export function annotateInput(task: AnnotateTask): AnnotateResult {
  const { input } = task;
  const doc = createDocument({
    id: input.id,
    source: input.source,
    text: input.text ?? '',
    published: input.published,
    bodyStart: input.bodyStart,
    messages: input.messages,
  });
  const timings: StageTimings = {};
  if (input.text !== null && input.text.trim() !== '') runDocument(pipelineFor(task.config, task.configHash), doc, timings);
  return { json: toDocumentJson(doc), summary: summarizeDocument(doc), timings, tokens: doc.layers.tokens?.length ?? 0 };
}

/**
 * Run the configured stages over one document. A stage that throws gives one fatal message on this
 * document and stops the stages after it; it never crashes the run (unified-engine's rule).
 */
import type { Config } from '../config/schema.js';
import type { Document } from '../model/document.js';
import { makeMessage } from '../model/message.js';
import { findStage } from './registry.js';
import type { StageRunner } from './stage.js';

/** A pipeline built from a config: the stage runners in order. */
export interface Pipeline {
  readonly stages: readonly { name: string; runner: StageRunner }[];
}

/**
 * Build the stage runners named in `config.pipeline`.
 * @param config a resolved config
 */
export function createPipeline(config: Config): Pipeline {
  const stages = config.pipeline.map((name) => {
    const stage = findStage(name);
    if (!stage) throw new Error(`Unknown stage \`${name}\``);
    return { name, runner: stage.create(config.stages[name]) };
  });
  return { stages };
}

/** Milliseconds spent in each stage, keyed by stage name. */
export type StageTimings = Record<string, number>;

/**
 * Annotate one document in place: each stage's layers are set and its messages appended.
 * @param pipeline the stage runners
 * @param doc the document (its text is never changed)
 * @param timings optional accumulator of time per stage
 */
export function runDocument(pipeline: Pipeline, doc: Document, timings?: StageTimings): Document {
  if (doc.messages.some((message) => message.severity === 'fatal')) return doc;
  for (const { name, runner } of pipeline.stages) {
    const started = performance.now();
    try {
      const output = runner.run(doc);
      Object.assign(doc.layers, output.layers);
      if (output.messages) doc.messages.push(...output.messages);
    } catch (error) {
      doc.messages.push(
        makeMessage('fatal', `${name}:crash`, `Unexpected error in stage \`${name}\`: ${(error as Error)?.message ?? String(error)}`),
      );
      break;
    } finally {
      if (timings) timings[name] = (timings[name] ?? 0) + performance.now() - started;
    }
  }
  return doc;
}

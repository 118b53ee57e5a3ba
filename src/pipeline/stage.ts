/**
 * The stage contract (spaCy's components, as plain objects).
 * A stage declares what it reads and writes; `create` returns a runner that adds layers to a document.
 */
import type { z } from 'zod';
import type { Document, LayerName, Layers } from '../model/document.js';
import type { Message } from '../model/message.js';

/** What one stage run returns: layers to set and messages to append. The text is never touched. */
export interface StageOutput {
  layers: Partial<Layers>;
  messages?: Message[];
}

/** A configured stage, ready to run on documents. */
export interface StageRunner {
  run(doc: Readonly<Document>): StageOutput;
}

/** A built-in stage: its name, options schema, contract and factory. */
export interface Stage<Schema extends z.ZodType = z.ZodType> {
  /** Same string as the file name and the prefix of its message ids. */
  readonly name: string;
  /** zod schema of `stages.<name>` in the config, with every default filled in. */
  readonly options: Schema;
  readonly requires: readonly LayerName[];
  readonly assigns: readonly LayerName[];
  create(options: z.output<Schema>): StageRunner;
}

/** Helper that keeps a stage's option type while storing it in a heterogeneous list. */
export function defineStage<Schema extends z.ZodType>(stage: Stage<Schema>): Stage<Schema> {
  return stage;
}

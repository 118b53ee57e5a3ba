/**
 * The public API: build a pipeline from a config and annotate text with it.
 */
import { resolveConfig } from './config/load-config.js';
import type { Config } from './config/schema.js';
import { createDocument, type Document } from './model/document.js';
import { createPipeline, runDocument, type Pipeline } from './pipeline/run-document.js';
import { findBodyStart } from './corpus/metadata.js';

export type { Config } from './config/schema.js';
export type * from './model/document.js';
export type { Message } from './model/message.js';
export type { Span } from './model/span.js';
export { createPipeline, runDocument } from './pipeline/run-document.js';
export { resolveConfig, loadConfig } from './config/load-config.js';

let defaultPipeline: Pipeline | null = null;

/**
 * Annotate one text with the default (or a given) config.
 * @param text the article text
 * @param options publication date, id, and an optional partial config
 */
export function annotateText(
  text: string,
  options: { published?: string | null; id?: string; config?: Config | Record<string, unknown> } = {},
): Document {
  const pipeline = options.config
    ? createPipeline(resolveConfig(options.config))
    : (defaultPipeline ??= createPipeline(resolveConfig({})));
  const header = findBodyStart(text);
  const doc = createDocument({
    id: options.id ?? 'text',
    text,
    published: options.published ?? header.published ?? null,
    bodyStart: header.bodyStart,
  });
  return runDocument(pipeline, doc);
}

/**
 * Build documents by hand for unit tests, without running the pipeline.
 */
import { createDocument, type Document, type Layers } from '../../src/model/document.js';
import { makeSpan, type Span } from '../../src/model/span.js';

/** A document with the given text and layers. */
export function makeDoc(text: string, layers: Layers = {}, published: string | null = null): Document {
  const doc = createDocument({ id: 'test', text, published });
  doc.layers = { ...layers };
  return doc;
}

/** The span of the `occurrence`-th (0-based) appearance of `needle` in `text`. */
export function spanOf(text: string, needle: string, occurrence = 0): Span {
  let from = -1;
  for (let i = 0; i <= occurrence; i++) {
    from = text.indexOf(needle, from + 1);
    if (from < 0) throw new Error(`\`${needle}\` occurs fewer than ${occurrence + 1} times`);
  }
  return makeSpan(text, from, from + needle.length);
}

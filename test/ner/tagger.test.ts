import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findBodyStart } from '../../src/corpus/metadata.js';
import { createDocument, type Document } from '../../src/model/document.js';
import { FeatureExtractor } from '../../src/ner/features.js';
import { Gazetteer } from '../../src/ner/gazetteer.js';
import { loadModel } from '../../src/ner/model.js';
import { TAG_COUNT } from '../../src/ner/tags.js';
import { decode, type Weights } from '../../src/ner/tagger.js';
import { segment } from '../../src/stages/segment.js';

/** MEANTIME dev (CC BY 4.0, in the repo): real news text with names of every type. */
function segmented(count: number): Document[] {
  const runner = segment.create({});
  return readFileSync('test/gold/meantime-dev.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(0, count)
    .map((line, k) => {
      const text = (JSON.parse(line) as { text: string }).text;
      const doc = createDocument({ id: String(k), text, bodyStart: findBodyStart(text).bodyStart });
      Object.assign(doc.layers, runner.run(doc).layers);
      return doc;
    });
}

/** The packed table unpacked into a plain 2^bits × TAG_COUNT table (no index: the feature-by-feature path). */
function unpacked(weights: Weights): Weights {
  const values = new Int16Array((1 << weights.bits) * TAG_COUNT);
  const index = weights.rowIndex!;
  let k = 0;
  for (let row = 0; row < 1 << weights.bits; row++) {
    if (index[(row >>> 5) << 1]! & (1 << (row & 31))) values.set(weights.values.subarray(k * TAG_COUNT, ++k * TAG_COUNT), row * TAG_COUNT);
  }
  return { bits: weights.bits, values };
}

describe('recognize-names tagger', () => {
  it('should give the same tags with cached per-word sums as feature by feature on the full table', () => {
    const model = loadModel();
    const dense = unpacked(model.weights);
    const extractor = new FeatureExtractor(new Gazetteer(model.header.gazetteer));
    const docs = segmented(12);
    // Twice over, so the second pass reads sums cached by the first (across documents).
    for (const doc of [...docs, ...docs]) {
      const tokens = doc.layers.tokens!;
      const sentences = doc.layers.sentences!;
      const fast = decode(model.weights, extractor.prepare(tokens, sentences), sentences);
      const reference = decode(dense, extractor.prepare(tokens, sentences), sentences);
      expect(fast.some((tag) => tag !== 0)).toBe(true);
      expect([...fast]).toEqual([...reference]);
    }
  });

  it('should give the same tags when prepare leaves the word-pair features to the packed decoder', () => {
    const model = loadModel();
    const extractor = new FeatureExtractor(new Gazetteer(model.header.gazetteer));
    for (const doc of segmented(6)) {
      const tokens = doc.layers.tokens!;
      const sentences = doc.layers.sentences!;
      const without = extractor.prepare(tokens, sentences, { pairFeatures: false });
      expect(without.features.length).toBeLessThan(extractor.prepare(tokens, sentences).features.length);
      expect([...decode(model.weights, without, sentences)]).toEqual([...decode(model.weights, extractor.prepare(tokens, sentences), sentences)]);
    }
  });

  it('should give the same tags as feature by feature when document-feature lists are short, long or repeated', () => {
    const model = loadModel();
    const dense = unpacked(model.weights);
    const extractor = new FeatureExtractor(new Gazetteer(model.header.gazetteer));
    const runner = segment.create({});
    // Hand-written: a headline in capitals (its words carry the caps features), a results table (number
    // buckets), and names repeated with and without titles (document facts).
    const text = [
      'NEW YORK MAYOR MEETS PRESIDENT IN WASHINGTON',
      'Chicago 5 Detroit 3 . Boston 2 New York 1 . Toronto 4 Montreal 0 .',
      'President Anna Novak of Poland met Mayor Tom Bell of New York City in Washington on Monday.',
      'Novak and Bell spoke about trade; Bell said New York Life Insurance Co. and Ford Motor Co. would invest.',
    ].join('\n\n');
    const doc = createDocument({ id: 'lists', text, bodyStart: 0 });
    Object.assign(doc.layers, runner.run(doc).layers);
    const tokens = doc.layers.tokens!;
    const sentences = doc.layers.sentences!;
    const packed = extractor.prepare(tokens, sentences, { pairFeatures: false });
    const lengths = tokens.map((_, i) => packed.offsets[i + 1]! - packed.offsets[i]!);
    // Both paths of the packed decoder: lists summed once (1 to 8 features) and longer ones row by row.
    expect(lengths.some((n) => n > 8)).toBe(true);
    expect(lengths.some((n) => n > 0 && n <= 8)).toBe(true);
    for (let pass = 0; pass < 2; pass++) {
      const fast = decode(model.weights, extractor.prepare(tokens, sentences, { pairFeatures: false }), sentences);
      const reference = decode(dense, extractor.prepare(tokens, sentences), sentences);
      expect(fast.some((tag) => tag !== 0)).toBe(true);
      expect([...fast]).toEqual([...reference]);
    }
  });

  it('should refuse a document without word-pair features on the feature-by-feature path', () => {
    const model = loadModel();
    const extractor = new FeatureExtractor(new Gazetteer(model.header.gazetteer));
    const [doc] = segmented(1);
    const prepared = extractor.prepare(doc!.layers.tokens!, doc!.layers.sentences!, { pairFeatures: false });
    expect(() => decode(unpacked(model.weights), prepared, doc!.layers.sentences!)).toThrow(/word-pair features/);
  });
});

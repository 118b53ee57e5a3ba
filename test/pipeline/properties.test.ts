/**
 * Property tests (fast-check) over arbitrary Unicode text: spans are valid and in order, stages do
 * not mutate their input, output is deterministic, and one throwing stage only costs its document.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load-config.js';
import { createDocument, type Document } from '../../src/model/document.js';
import { createPipeline, runDocument } from '../../src/pipeline/run-document.js';
import { toDocumentJson } from '../../src/sinks/document-json.js';

const pipeline = createPipeline(resolveConfig({}));

/** News-like fragments mixed with arbitrary Unicode, so the stages have something to find. */
const newsText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.constantFrom('Park Jin', ' said ', '“', '”', '"', '‘', '’', ' on Monday', ' in 2019', '\n\n', 'the Foreign Ministry', ' he ', '😀', '\u200d', 'עברית', ', officials said.', '«', '»', '„', 'Mr. ', 'U.S.'),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

function annotate(text: string): Document {
  return runDocument(pipeline, createDocument({ id: 'p', text, published: '2022-06-15' }));
}

function allSpans(doc: Document): { start: number; end: number; text: string }[] {
  const { mentions = [], dates = [], quotes = [] } = doc.layers;
  const spans: { start: number; end: number; text: string }[] = [...mentions, ...dates, ...quotes];
  for (const quote of quotes) {
    if (quote.cue) spans.push(quote.cue);
    if (quote.speaker) spans.push(quote.speaker);
  }
  return spans;
}

describe('pipeline properties', () => {
  it('should give spans that slice the text, for any Unicode text', () => {
    fc.assert(
      fc.property(newsText, (text) => {
        const doc = annotate(text);
        expect(doc.messages.filter((m) => m.severity === 'fatal')).toEqual([]);
        for (const span of allSpans(doc)) {
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(span.start, span.end)).toBe(span.text);
        }
        for (const layer of [doc.layers.mentions ?? [], doc.layers.dates ?? [], doc.layers.quotes ?? []]) {
          const starts = layer.map((s) => s.start);
          expect(starts).toEqual([...starts].sort((a, b) => a - b));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('should be deterministic and never change the text', () => {
    fc.assert(
      fc.property(newsText, (text) => {
        const first = toDocumentJson(annotate(text));
        const second = toDocumentJson(annotate(text));
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
        expect(first.text).toBe(text);
      }),
      { numRuns: 30 },
    );
  });

  it('should not mutate the layers a stage reads', () => {
    fc.assert(
      fc.property(newsText, (text) => {
        const doc = createDocument({ id: 'p', text, published: '2022-06-15' });
        for (const { runner } of pipeline.stages) {
          const before = JSON.stringify(doc.layers);
          const frozen = structuredClone(doc);
          const output = runner.run(frozen);
          expect(JSON.stringify(frozen.layers)).toBe(before);
          Object.assign(doc.layers, output.layers);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('should turn a throwing stage into one fatal message on that document only', () => {
    const broken = {
      stages: [
        ...pipeline.stages.slice(0, 1),
        {
          name: 'explode',
          runner: {
            run(doc: Readonly<Document>) {
              if (doc.id === 'bad') throw new Error('boom');
              return { layers: {} };
            },
          },
        },
        ...pipeline.stages.slice(1),
      ],
    };
    const bad = runDocument(broken, createDocument({ id: 'bad', text: 'Park Jin said it.' }));
    const good = runDocument(broken, createDocument({ id: 'good', text: 'Park Jin said it.' }));
    expect(bad.messages).toEqual([expect.objectContaining({ severity: 'fatal', ruleId: 'explode:crash' })]);
    expect(good.messages.filter((m) => m.severity === 'fatal')).toEqual([]);
    expect(good.layers.mentions?.length).toBeGreaterThan(0);
  });
});

/**
 * Fuzzing (fast-check): every stage, run directly (so a throw is not turned into a message), on
 * 1,000 random and adversarial inputs, never throws and gives spans that slice the text.
 * The figures are recorded in docs/reliability.md.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load-config.js';
import { createDocument, type Document } from '../../src/model/document.js';
import { createPipeline } from '../../src/pipeline/run-document.js';

const pipeline = createPipeline(resolveConfig({}));
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

const adversarial = fc.constantFrom(
  '"', '“', '”', '‘', '’', "'", '«', '»', '„', '‹', '›', '``', "''",
  'PARK JIN', 'Park', 'Mr.', 'U.S.', 'Inc.', ' & ', '-', '—', '...', '\n\n', '\r\n', '\t', '\u0000', '\u200b', '\u200d', '\u202e',
  '😀', '𝔘𝔫𝔦', 'עברית', 'مرحبا', '漢字', ' said ', ' says ', ', according to ', ' he ', ' she ', ' they ',
  'Monday', ' last week', ' 2019', ' 1,000,000', '12:30', ' in the 1990s', 'Q3', ' next Friday', ' two years ago',
  '(', ')', '[', ']', ':', ';', ',', '.', '?', '!', '0', '9999', '   ',
);
const input = fc
  .array(fc.oneof({ weight: 2, arbitrary: adversarial }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) }), { maxLength: 60 })
  .map((parts) => parts.join(''));
const published = fc.option(fc.constantFrom('2022-06-15', '1999-12-31', '2024-02-29'), { nil: null });

function checkSpans(doc: Document, stage: string): void {
  const { text } = doc;
  const spans = [
    ...(doc.layers.paragraphs ?? []),
    ...(doc.layers.sentences ?? []),
    ...(doc.layers.tokens ?? []),
    ...(doc.layers.mentions ?? []),
    ...(doc.layers.dates ?? []),
    ...(doc.layers.quotes ?? []).flatMap((q) => [q, q.cue, q.speaker].filter((s) => s !== null)),
  ];
  for (const span of spans) {
    if (!span) continue;
    expect(span.start, stage).toBeGreaterThanOrEqual(doc.bodyStart);
    expect(span.end, stage).toBeLessThanOrEqual(text.length);
    expect(text.slice(span.start, span.end), stage).toBe(span.text);
  }
}

describe('fuzzing every stage', () => {
  it(`should never throw and always give valid spans on ${FUZZ_RUNS} inputs`, () => {
    fc.assert(
      fc.property(input, published, (text, date) => {
        const doc = createDocument({ id: 'fuzz', text, published: date });
        for (const { name, runner } of pipeline.stages) {
          const output = runner.run(doc);
          Object.assign(doc.layers, output.layers);
          checkSpans(doc, name);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

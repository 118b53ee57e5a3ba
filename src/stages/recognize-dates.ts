/**
 * recognize-dates: time expressions (TIMEX3 DATE, TIME, DURATION, SET) with normalized values.
 *
 * requires: paragraphs, sentences, tokens → assigns: dates
 * messages: `recognize-dates:no-publication-date` (warning, once per document) when relative
 *   expressions ("Monday", "last week") cannot be resolved because `published` is missing.
 * method: our own rules (src/dates/rules.ts) for dates, durations, sets, refs, quarters, seasons;
 *   chrono-node (strict) for clock times and numeric dates; resolution by the clause's tense.
 * limits: English only; relative expressions are anchored to the publication date, never to another
 *   date in the text ("two days later"); nothing reads the wall clock.
 */
import { z } from 'zod';
import { tagDates } from '../dates/tag.js';
import { makeMessage } from '../model/message.js';
import { defineStage } from '../pipeline/stage.js';

const options = z.strictObject({}).prefault({});

export const recognizeDates = defineStage({
  name: 'recognize-dates',
  options,
  requires: ['paragraphs', 'sentences', 'tokens'],
  assigns: ['dates'],
  create() {
    return {
      run(doc) {
        const { dates, unresolved } = tagDates({
          text: doc.text,
          bodyStart: doc.bodyStart,
          published: doc.published,
          tokens: doc.layers.tokens ?? [],
          sentences: doc.layers.sentences ?? [],
          paragraphs: doc.layers.paragraphs ?? [],
        });
        const messages =
          unresolved > 0
            ? [
                makeMessage(
                  'warning',
                  'recognize-dates:no-publication-date',
                  `Unexpected ${unresolved} relative date expression(s) without a publication date, expected \`published\` to resolve them`,
                ),
              ]
            : [];
        return { layers: { dates }, messages };
      },
    };
  },
});

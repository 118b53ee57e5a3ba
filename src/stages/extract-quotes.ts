/**
 * extract-quotes: who said what. Direct quotes from paired quotation marks (every mark style, nested,
 * news-style quotes over several paragraphs, and quotes whose opener is not repeated on the paragraphs
 * they run over), mixed and indirect quotes from reporting cues, transcript lines (`WALLACE: …`) and
 * lines opening with a recognized person and a colon (`Ann Lee: voters ‘are tired’`), and
 * the speaker of each: a name, a pronoun resolved to a person named before, a nominal resolved to a
 * matching organization ("the ministry") or to the person introduced with that title ("the minister"),
 * or — for a floating quote paragraph — the previous quote's speaker. A quote split by its attribution
 * (`“A,” X said. “B.”`), or continuing after a trailing attribution, is one quote.
 *
 * requires: paragraphs, sentences, tokens, mentions → assigns: quotes
 * messages: `extract-quotes:unclosed-quote` (an opening mark never closed: the quote runs to the end of
 *   its paragraph), `extract-quotes:unopened-quote` (a closing double mark with no opener).
 * limits: rules, not a trained model. Speakers are found in the attribution clause next to the quote or
 *   cue; appositions after a name are left out of the speaker span. `speakerEntity` stays null:
 *   link-entities fills it from `speakerMention`. When recognize-names gives no mentions, capitalized
 *   proper-noun runs stand in for names. A reporting verb inside reported content is not a quote of its
 *   own (nested attributions are not reported). Floating quotes get a speaker but no cue. Linear time:
 *   marks are paired in one scan with a bounded stack; an unclosed opener waits at most a few lines.
 */
import { z } from 'zod';
import { defineStage } from '../pipeline/stage.js';
import { extractQuotesFrom } from '../quotes/extract.js';
import { createCueMatcher, DEFAULT_CUES } from '../quotes/lexicon.js';
import { speakerNames } from '../quotes/names.js';

const options = z
  .strictObject({
    /** Reporting verbs (lemmas, inflected automatically) and phrases ("according to", "point out"). */
    cues: z.array(z.string().min(1)).min(1).default([...DEFAULT_CUES]),
    /** Quoted text shorter than this many words, with no reporting cue, is a scare quote, not speech. */
    minDirectWords: z.number().int().min(1).default(4),
    /** Paragraphs a floating quote or a pronoun speaker looks back for its speaker. */
    speakerLookback: z.number().int().min(0).default(3),
    /** A floating quote (no cue of its own, after another quote) shorter than this many words is left out. */
    minFloatingWords: z.number().int().min(1).default(15),
  })
  .prefault({});

export const extractQuotes = defineStage({
  name: 'extract-quotes',
  options,
  requires: ['paragraphs', 'sentences', 'tokens', 'mentions'],
  assigns: ['quotes'],
  create(settings) {
    const cues = createCueMatcher(settings.cues);
    return {
      run(doc) {
        const tokens = doc.layers.tokens ?? [];
        const mentions = speakerNames(doc.text, doc.layers.mentions ?? [], tokens, doc.bodyStart);
        const { quotes, messages } = extractQuotesFrom(
          {
            text: doc.text,
            paragraphs: (doc.layers.paragraphs ?? []).filter((p) => p.start >= doc.bodyStart),
            sentences: doc.layers.sentences ?? [],
            tokens,
            mentions,
          },
          {
            cues,
            minDirectWords: settings.minDirectWords,
            speakerLookback: settings.speakerLookback,
            minFloatingWords: settings.minFloatingWords,
          },
        );
        return { layers: { quotes }, messages };
      },
    };
  },
});

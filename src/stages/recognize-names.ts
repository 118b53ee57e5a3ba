/**
 * recognize-names: people, organizations, places (and MISC names, for CoNLL evaluation).
 *
 * A greedy averaged-perceptron BILOU tagger (src/ner/) over the segment stage's tokens, trained on
 * CoNLL-2003 by `npm run train:names`; then document-level post-rules (src/ner/post-rules.ts).
 *
 * requires: tokens, sentences → assigns: mentions
 * messages: recognize-names:no-tokens (info) when the document has no tokens to tag
 * limits: trained on 1996 Reuters news; names in lower case are rarely found; MISC follows CoNLL's
 *   conventions (nationalities, events, works); nested names ("Bank of England" inside
 *   "Governor of the Bank of England") are not produced; a company name ends before a period that also
 *   ends its line ("Lear Corp" + "."), as CoNLL tokenizes it.
 */
import { z } from 'zod';
import type { Mention, MentionType } from '../model/document.js';
import { makeMessage } from '../model/message.js';
import { makeSpan } from '../model/span.js';
import { loadModel } from '../ner/model.js';
import { companyNameEnd } from '../ner/post-rules.js';
import { createRecognizer, recognizeRuns, type Recognizer } from '../ner/recognize.js';
import { ENTITY_TYPES } from '../ner/tags.js';
import { defineStage } from '../pipeline/stage.js';

const options = z
  .strictObject({
    /** Path of a model file; the committed `models/ner.bin.gz` when absent. */
    model: z.string().min(1).optional(),
    /** Mention types to keep. */
    types: z.array(z.enum(['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC'])).default(['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC']),
  })
  .prefault({});

export const recognizeNames = defineStage({
  name: 'recognize-names',
  options,
  requires: ['tokens', 'sentences'],
  assigns: ['mentions'],
  create(opts) {
    let recognizer: Recognizer | null = null;
    const keep = new Set<MentionType>(opts.types);
    return {
      run(doc) {
        const tokens = doc.layers.tokens ?? [];
        const sentences = doc.layers.sentences ?? [];
        if (tokens.length === 0) {
          return {
            layers: { mentions: [] },
            messages: [makeMessage('info', 'recognize-names:no-tokens', 'Unexpected document without tokens, expected text to tag')],
          };
        }
        recognizer ??= createRecognizer(loadModel(opts.model));
        const mentions: Mention[] = [];
        for (const run of recognizeRuns(recognizer, tokens, sentences)) {
          const type = ENTITY_TYPES[run.type]!;
          const first = tokens[run.first]!;
          if (!keep.has(type) || first.start < doc.bodyStart) continue;
          const last = tokens[run.last]!;
          const end = type === 'ORGANIZATION' && run.last > run.first ? companyNameEnd(doc.text, last.end, last.text) : last.end;
          // Literals, not `{ ...span, type }`: Node 20 builds a spread followed by more properties on a slow path.
          const { start, text } = makeSpan(doc.text, first.start, end);
          const mention: Mention = run.role
            ? { start, end, text, type, form: 'NAM', entity: null, role: makeSpan(doc.text, tokens[run.role.first]!.start, tokens[run.role.last]!.end) }
            : { start, end, text, type, form: 'NAM', entity: null };
          mentions.push(mention);
        }
        return { layers: { mentions } };
      },
    };
  },
});

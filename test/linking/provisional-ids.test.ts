import { describe, expect, it } from 'vitest';
import type { DocumentEntitySummary } from '../../src/linking/link-corpus.js';
import { ProvisionalIds } from '../../src/linking/provisional-ids.js';
import type { MentionType } from '../../src/model/document.js';

/** A summary of one document whose entities are `[id, mentions]`. */
function summary(docId: string, entities: [string, number][]): DocumentEntitySummary {
  return {
    docId,
    entities: entities.map(([id, mentions]) => ({ id, name: id, type: id.split(':')[0]!.toUpperCase() as MentionType, aliases: [], mentions, quotes: 0, titles: [] })),
  };
}

describe('ProvisionalIds', () => {
  it.each([
    { case: 'a name never seen under another type', seen: [['person:ada-lovelace', 3]], doc: [['person:ada-lovelace', 1]], expected: [] },
    { case: 'MISC gives way to a real type, however rare', seen: [['misc:united-states', 9], ['location:united-states', 1]], doc: [['misc:united-states', 2]], expected: [['misc:united-states', 'location:united-states']] },
    { case: 'a real type does not give way to MISC', seen: [['misc:united-states', 9]], doc: [['location:united-states', 1]], expected: [] },
    { case: 'the type with more mentions wins', seen: [['organization:mac', 8], ['person:mac', 2]], doc: [['person:mac', 1]], expected: [['person:mac', 'organization:mac']] },
    { case: 'on a tie, the first type in order', seen: [['person:tiger', 3], ['organization:tiger', 2]], doc: [['organization:tiger', 1]], expected: [] },
    { case: 'one name typed two ways in the same document', seen: [], doc: [['misc:falcon', 3], ['location:falcon', 1]], expected: [['misc:falcon', 'location:falcon']] },
  ] as const)('should guess the corpus linker\'s type for a name: $case', ({ seen, doc, expected }) => {
    const guesses = new ProvisionalIds();
    guesses.learn(summary('earlier', seen.map(([id, n]) => [id, n])));
    const current = summary('current', doc.map(([id, n]) => [id, n]));
    guesses.learn(current);
    expect([...guesses.guess(current)]).toEqual(expected);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkDocument, mentionTitles, titlesBefore } from '../../src/linking/link-document.js';
import type { Mention, MentionType } from '../../src/model/document.js';
import { spanOf } from '../helpers/make-doc.js';
import { isTitleWord, nameKey } from '../../src/linking/names.js';

/** The plain definition: the last four pieces of the 40-character window split at non-letters. */
function titlesBySplit(text: string, start: number, bodyStart: number): string[] {
  const from = Math.max(bodyStart, start - 40);
  const words = text.slice(from, start).split(/[^\p{L}]+/u).slice(-4);
  return words.map((word) => nameKey(word)).filter((word) => isTitleWord(word));
}

describe('link-entities titlesBefore', () => {
  it.each([
    ['Secretary of State Antony Blinken', 19, ['secretary', 'state']],
    ['said Foreign Minister Park Jin', 22, ['foreign', 'minister']],
    ['the former prime minister, Mr. Abe', 31, ['prime', 'minister', 'mr']],
    ['Président Macron', 10, ['president']],
    ['CEO Tim Cook', 4, ['ceo']],
    ['a long sentence without any role words at all before the name Kim', 63, []],
  ])('should find the role words before %j at %d', (text, start, titles) => {
    expect(titlesBefore(text, start, 0)).toEqual(titles);
    expect(titlesBySplit(text, start, 0)).toEqual(titles);
  });

  it('should not read before bodyStart', () => {
    expect(titlesBefore('President Moon', 10, 3)).toEqual([]);
  });

  it('should give the titles of the split definition for any text and offset', () => {
    const piece = fc.constantFrom(
      'minister', 'Minister', 'MR', 'ceo', 'Président', 'state', 'x', ' ', ', ', '.', '-', '’s', '😀', '\ud83d', '\ude00',
      '𝐀', 'ǅ', 'ﬁ', 'Sec', 'retary', '\n', '12', 'Ｍr',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), fc.nat(), (pieces, at, body) => {
        const text = pieces.join('');
        const start = text.length === 0 ? 0 : at % (text.length + 1);
        const bodyStart = body % (text.length + 1);
        expect(titlesBefore(text, start, bodyStart)).toEqual(titlesBySplit(text, start, bodyStart));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('link-entities linkDocument', () => {
  const text = 'Minister Park Jin met Acme Corp. The Foreign Ministry said Park agreed, and the ministry and Acme Corp (AC) rose.';
  const at = (needle: string, type: MentionType, occurrence = 0): Mention => ({ ...spanOf(text, needle, occurrence), type, form: 'NAM', entity: null });

  it('should give each output mention its own role words, by index, whatever order the mentions came in', () => {
    const mentions = [at('Acme Corp', 'ORGANIZATION', 1), at('Park', 'PERSON', 1), at('Foreign Ministry', 'ORGANIZATION'), at('Minister Park Jin', 'PERSON'), at('Acme Corp', 'ORGANIZATION')];
    const links = linkDocument(text, mentions);
    expect(links.mentions.map((m) => m.start)).toEqual([...links.mentions.map((m) => m.start)].sort((a, b) => a - b));
    expect(links.mentions.some((m) => m.form === 'NOM')).toBe(true); // "the ministry", appended then sorted
    expect(links.mentionTitles).toHaveLength(links.mentions.length);
    links.mentions.forEach((mention, i) => {
      expect(links.mentionTitles[i]).toEqual(mention.form === 'NAM' ? mentionTitles(text, mention, 0) : undefined);
    });
    expect(links.mentionTitles[0]).toEqual(['minister']);
  });

  it('should type an entity by its majority, a tie going to person, then organization, then location', () => {
    const two = 'Jordan spoke. Jordan won. Jordan lost.';
    const jordan = (type: MentionType, occurrence: number): Mention => ({ ...spanOf(two, 'Jordan', occurrence), type, form: 'NAM', entity: null });
    const typeOf = (types: MentionType[]) => linkDocument(two, types.map((type, k) => jordan(type, k))).entities[0]!.type;
    expect(typeOf(['LOCATION', 'PERSON'])).toBe('PERSON');
    expect(typeOf(['MISC', 'LOCATION'])).toBe('LOCATION');
    expect(typeOf(['MISC', 'ORGANIZATION', 'MISC'])).toBe('MISC');
    expect(typeOf(['LOCATION', 'ORGANIZATION', 'LOCATION'])).toBe('LOCATION');
    expect(Object.keys(linkDocument(two, [jordan('MISC', 0)]).entities[0]!)).toEqual(['id', 'name', 'type', 'aliases']);
  });
});

describe('link-entities linkDocument ids', () => {
  /** "Rock & Roll" and "Rock and Roll" are two entities with one slug: the later one gets a suffix. */
  function idsWith(fillers: number): string[] {
    const names = [...Array.from({ length: fillers }, (_, k) => `Filler${String.fromCharCode(97 + (k % 26))}${k}`), 'Rock & Roll', 'Rock and Roll'];
    const text = names.join(' met ');
    let at = 0;
    const mentions: Mention[] = names.map((name) => {
      const mention: Mention = { start: at, end: at + name.length, text: name, type: 'ORGANIZATION', form: 'NAM', entity: null };
      at += name.length + 5;
      return mention;
    });
    return linkDocument(text, mentions).entities.map((entity) => entity.id);
  }

  it.each([0, 5, 30])('should give a colliding id a suffix with %d other entities (scan or set of ids taken)', (fillers) => {
    const ids = idsWith(fillers);
    expect(ids).toHaveLength(fillers + 2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(-2)).toEqual(['organization:rock-and-roll', 'organization:rock-and-roll-1uaxx14']);
  });
});

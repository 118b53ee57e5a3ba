import { describe, expect, it } from 'vitest';
import { decodeTags, ENTITY_TYPES, OUTSIDE, tagId, type TagPosition } from '../../src/ner/tags.js';

/** Tags from names such as `O`, `B-PERSON`, `U-LOCATION`. */
function tags(names: string): Uint8Array {
  return Uint8Array.from(names.split(' ').map((name) => {
    if (name === 'O') return OUTSIDE;
    const [position, type] = name.split('-') as [TagPosition, string];
    return tagId(ENTITY_TYPES.indexOf(type as (typeof ENTITY_TYPES)[number]), position);
  }));
}

const PER = ENTITY_TYPES.indexOf('PERSON');
const LOC = ENTITY_TYPES.indexOf('LOCATION');

describe('recognize-names tags', () => {
  // decodeTags skips an O with no name open: these cases check the O that closes an open name too.
  it.each([
    ['well-formed runs between O', 'O B-PERSON L-PERSON O O U-LOCATION O', [{ first: 1, last: 2, type: PER }, { first: 5, last: 5, type: LOC }]],
    ['a B closed by O', 'O B-PERSON I-PERSON O B-LOCATION', [{ first: 1, last: 2, type: PER }, { first: 4, last: 4, type: LOC }]],
    ['an I after O opens a name', 'O O I-PERSON L-PERSON O', [{ first: 2, last: 3, type: PER }]],
    ['an L alone after O', 'O L-LOCATION O', [{ first: 1, last: 1, type: LOC }]],
    ['a change of type closes the name', 'B-PERSON I-LOCATION L-LOCATION O', [{ first: 0, last: 0, type: PER }, { first: 1, last: 2, type: LOC }]],
    ['only O', 'O O O', []],
  ])('should read runs from BILOU tags: %s', (_case, names, expected) => {
    expect(decodeTags(tags(names))).toEqual(expected);
  });
});

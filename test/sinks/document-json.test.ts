import { describe, expect, it } from 'vitest';
import type { DocumentEntity, Mention, Quote } from '../../src/model/document.js';
import { toDocumentJson } from '../../src/sinks/document-json.js';
import { makeDoc, spanOf } from '../helpers/make-doc.js';

const text = 'Park Jin said “yes” to Kim.';
const park = spanOf(text, 'Park Jin');

describe('document-json', () => {
  it('should keep only the output keys of a mention, in order, whatever the layer object holds', () => {
    const plain: Mention = { ...spanOf(text, 'Kim'), type: 'PERSON', form: 'NAM', entity: 'person:kim' };
    const withRole: Mention = { ...park, type: 'PERSON', form: 'NAM', entity: null, role: spanOf(text, 'said') };
    const reordered = { entity: 'person:kim', ...spanOf(text, 'Kim'), type: 'PERSON', form: 'NAM' } as Mention;
    const json = toDocumentJson(makeDoc(text, { mentions: [withRole, plain, reordered] }));
    expect(json.mentions.map((m) => Object.keys(m))).toEqual(Array(3).fill(['start', 'end', 'text', 'type', 'form', 'entity']));
    expect(json.mentions[0]).toEqual({ ...park, type: 'PERSON', form: 'NAM', entity: null });
    expect(JSON.stringify(json.mentions[2])).toBe(JSON.stringify(plain));
  });

  it('should write quote spans and dates with their output keys only', () => {
    const cue = { ...spanOf(text, 'said'), extra: 1 };
    const quote: Quote = { ...spanOf(text, '“yes”'), kind: 'direct', cue, speaker: park, speakerEntity: null, speakerMention: park, confidence: 0.9 };
    const date = { ...spanOf(text, 'Kim'), type: 'DATE' as const, value: '2020', range: null, note: 'x' };
    const json = toDocumentJson(makeDoc(text, { quotes: [quote], dates: [date] }));
    expect(Object.keys(json.quotes[0]!)).toEqual(['start', 'end', 'text', 'kind', 'cue', 'speaker', 'speakerEntity', 'confidence']);
    expect(Object.keys(json.quotes[0]!.cue!)).toEqual(['start', 'end', 'text']);
    expect(Object.keys(json.dates[0]!)).toEqual(['start', 'end', 'text', 'type', 'value', 'range']);
  });

  it('should sort entities by id (stable) and write kb, sameAs and candidates only when set', () => {
    const entities: DocumentEntity[] = [
      { id: 'person:b', name: 'B', type: 'PERSON', aliases: ['Bee'] },
      { id: 'person:a', name: 'A', type: 'PERSON', aliases: [], kb: 'Q1', sameAs: [] },
      { id: 'person:c', name: 'C', type: 'PERSON', aliases: [], candidates: ['person:cc'], sameAs: ['x'] },
      { id: 'person:a', name: 'A2', type: 'PERSON', aliases: [] },
    ];
    const json = toDocumentJson(makeDoc(text, { entities }));
    expect(json.entities.map((e) => e.name)).toEqual(['A', 'A2', 'B', 'C']);
    expect(json.entities.map((e) => Object.keys(e))).toEqual([
      ['id', 'name', 'type', 'aliases', 'kb'],
      ['id', 'name', 'type', 'aliases'],
      ['id', 'name', 'type', 'aliases'],
      ['id', 'name', 'type', 'aliases', 'sameAs', 'candidates'],
    ]);
    expect(entities.map((e) => e.name)).toEqual(['B', 'A', 'C', 'A2']);
  });
});

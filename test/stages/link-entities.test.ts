import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Mention, MentionForm, MentionType, Quote } from '../../src/model/document.js';
import { linkEntities } from '../../src/stages/link-entities.js';
import { makeDoc, spanOf } from '../helpers/make-doc.js';

/** A mention of the `occurrence`-th `needle` in `text`. */
function mention(text: string, needle: string, type: MentionType, occurrence = 0, form: MentionForm = 'NAM'): Mention {
  return { ...spanOf(text, needle, occurrence), type, form, entity: null };
}

function run(text: string, mentions: Mention[], quotes: Quote[] = [], knowledgeBase: string | null = null) {
  const stage = linkEntities.create(linkEntities.options.parse({ knowledgeBase }));
  return stage.run(makeDoc(text, { mentions, quotes })).layers;
}

/** Entity id of each mention, by mention text, in text order. */
function idsOf(text: string, mentions: [string, MentionType, number?][]) {
  const layers = run(
    text,
    mentions.map(([needle, type, occurrence]) => mention(text, needle, type, occurrence ?? 0)),
  );
  return layers.mentions?.map((m) => [m.text, m.entity]);
}

describe('link-entities', () => {
  it.each([
    {
      case: 'surname alone',
      text: 'Antony Blinken met reporters. Blinken said no.',
      mentions: [['Antony Blinken', 'PERSON'], ['Blinken', 'PERSON', 1]] as [string, MentionType, number?][],
      ids: ['person:antony-blinken', 'person:antony-blinken'],
    },
    {
      case: 'Korean surname first',
      text: 'Park Jin spoke. Later Park added more.',
      mentions: [['Park Jin', 'PERSON'], ['Park', 'PERSON', 1]] as [string, MentionType, number?][],
      ids: ['person:park-jin', 'person:park-jin'],
    },
    {
      case: 'title plus name',
      text: 'Foreign Minister Park Jin arrived. Park Jin left.',
      mentions: [['Foreign Minister Park Jin', 'PERSON'], ['Park Jin', 'PERSON', 1]] as [string, MentionType, number?][],
      ids: ['person:park-jin', 'person:park-jin'],
    },
    {
      case: 'possessive',
      text: 'Park Jin arrived. Over Park’s remarks, critics spoke.',
      mentions: [['Park Jin', 'PERSON'], ['Park’s', 'PERSON']] as [string, MentionType, number?][],
      ids: ['person:park-jin', 'person:park-jin'],
    },
    {
      case: 'initials',
      text: 'John Smith won. J. Smith was happy.',
      mentions: [['John Smith', 'PERSON'], ['J. Smith', 'PERSON']] as [string, MentionType, number?][],
      ids: ['person:john-smith', 'person:john-smith'],
    },
    {
      case: 'hyphen and case variant',
      text: 'Yoon Suk-yeol spoke. Yoon Suk Yeol left.',
      mentions: [['Yoon Suk-yeol', 'PERSON'], ['Yoon Suk Yeol', 'PERSON']] as [string, MentionType, number?][],
      ids: ['person:yoon-suk-yeol', 'person:yoon-suk-yeol'],
    },
    {
      case: 'acronym in parentheses',
      text: 'the General Security of Military Information Agreement (GSOMIA) lapsed. GSOMIA is old.',
      mentions: [
        ['General Security of Military Information Agreement', 'ORGANIZATION'],
        ['GSOMIA', 'ORGANIZATION'],
        ['GSOMIA', 'ORGANIZATION', 1],
      ] as [string, MentionType, number?][],
      ids: Array(3).fill('organization:general-security-of-military-information-agreement'),
    },
    {
      case: 'acronym by initials, no parentheses',
      text: 'Singapore Airlines and the United Auto Workers met. The UAW agreed.',
      mentions: [['Singapore Airlines', 'ORGANIZATION'], ['United Auto Workers', 'ORGANIZATION'], ['UAW', 'ORGANIZATION']] as [string, MentionType, number?][],
      ids: ['organization:singapore-airlines', 'organization:united-auto-workers', 'organization:united-auto-workers'],
    },
    {
      case: 'US, U.S. and United States',
      text: 'The United States said so. U.S. officials and US troops agreed.',
      mentions: [['United States', 'LOCATION'], ['U.S.', 'LOCATION'], ['US', 'LOCATION']] as [string, MentionType, number?][],
      ids: Array(3).fill('location:united-states'),
    },
    {
      case: 'organization short form and legal suffix',
      text: 'Ford Motor Company lost money. Ford Motor Co. and Ford agreed.',
      mentions: [['Ford Motor Company', 'ORGANIZATION'], ['Ford Motor Co.', 'ORGANIZATION'], ['Ford', 'ORGANIZATION', 2]] as [string, MentionType, number?][],
      ids: Array(3).fill('organization:ford-motor'),
    },
    {
      case: 'two people sharing a surname stay apart',
      text: 'Park Jin met Park Geun-hye. Park said hello.',
      mentions: [['Park Jin', 'PERSON'], ['Park Geun-hye', 'PERSON'], ['Park', 'PERSON', 2]] as [string, MentionType, number?][],
      ids: ['person:park-jin', 'person:park-geun-hye', 'person:park-geun-hye'],
    },
    {
      case: 'different names stay apart',
      text: 'Boeing and Airbus compete.',
      mentions: [['Boeing', 'ORGANIZATION'], ['Airbus', 'ORGANIZATION']] as [string, MentionType, number?][],
      ids: ['organization:boeing', 'organization:airbus'],
    },
    {
      case: 'a conjunction is not a longer name',
      text: 'General Motors and Chrysler asked. General Motors said yes.',
      mentions: [['General Motors and Chrysler', 'ORGANIZATION'], ['General Motors', 'ORGANIZATION', 1]] as [string, MentionType, number?][],
      ids: ['organization:general-motors-and-chrysler', 'organization:general-motors'],
    },
  ])('should link $case', ({ text, mentions, ids }) => {
    expect(idsOf(text, mentions)?.map(([, id]) => id)).toEqual(ids);
  });

  it('should pick the most complete name as canonical and list aliases', () => {
    const text = 'Foreign Minister Park Jin spoke. Park added that Park’s view held.';
    const layers = run(text, [
      mention(text, 'Foreign Minister Park Jin', 'PERSON'),
      mention(text, 'Park', 'PERSON', 1),
      mention(text, 'Park’s', 'PERSON'),
    ]);
    expect(layers.entities).toEqual([{ id: 'person:park-jin', name: 'Park Jin', type: 'PERSON', aliases: ['Park'] }]);
  });

  it('should link "the ministry" to the one ministry of the article', () => {
    const text = 'South Korea’s Foreign Ministry spoke. Then the ministry said more.';
    const layers = run(text, [mention(text, 'Foreign Ministry', 'ORGANIZATION')]);
    const nominal = layers.mentions?.find((m) => m.form === 'NOM');
    expect(nominal).toMatchObject({ text: 'the ministry', entity: 'organization:foreign-ministry', type: 'ORGANIZATION' });
  });

  it('should not link "the ministry" when two ministries are named', () => {
    const text = 'The Foreign Ministry and the Defense Ministry met. Then the ministry said more.';
    const layers = run(text, [mention(text, 'Foreign Ministry', 'ORGANIZATION'), mention(text, 'Defense Ministry', 'ORGANIZATION')]);
    expect(layers.mentions?.filter((m) => m.form === 'NOM')).toEqual([]);
  });

  it.each([
    { speaker: 'he', form: 'PRO' },
    { speaker: 'the minister', form: 'NOM' },
  ])('should add a $form mention for a resolved quote speaker "$speaker"', ({ speaker, form }) => {
    const text = `Park Jin arrived. “We agree,” ${speaker} said.`;
    const quote: Quote = {
      ...spanOf(text, '“We agree,”'),
      kind: 'direct',
      cue: spanOf(text, 'said'),
      speaker: spanOf(text, speaker),
      speakerEntity: null,
      speakerMention: spanOf(text, 'Park Jin'),
      confidence: 0.9,
    };
    const layers = run(text, [mention(text, 'Park Jin', 'PERSON')], [quote]);
    expect(layers.mentions?.find((m) => m.text === speaker)).toMatchObject({ form, type: 'PERSON', entity: 'person:park-jin' });
    expect(layers.quotes?.[0]?.speakerEntity).toBe('person:park-jin');
  });

  it('should give a quote with a named speaker its speaker entity', () => {
    const text = 'Antony Blinken spoke. Blinken said “yes.”';
    const quote: Quote = {
      ...spanOf(text, '“yes.”'),
      kind: 'direct',
      cue: spanOf(text, 'said'),
      speaker: spanOf(text, 'Blinken', 1),
      speakerEntity: null,
      confidence: 0.9,
    };
    const layers = run(text, [mention(text, 'Antony Blinken', 'PERSON'), mention(text, 'Blinken', 'PERSON', 1)], [quote]);
    expect(layers.quotes?.[0]?.speakerEntity).toBe('person:antony-blinken');
  });

  it('should never change the document it is given', () => {
    const text = 'Park Jin spoke. Park left.';
    const doc = makeDoc(text, { mentions: [mention(text, 'Park Jin', 'PERSON'), mention(text, 'Park', 'PERSON', 1)], quotes: [] });
    const before = JSON.stringify(doc);
    linkEntities.create(linkEntities.options.parse(undefined)).run(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });

  describe('knowledge base', () => {
    const dir = mkdtempSync(join(tmpdir(), 'byline-kb-'));
    const jsonl = join(dir, 'kb.jsonl');
    writeFileSync(
      jsonl,
      [
        { id: 'Q1', name: 'Park Jin', type: 'PERSON', aliases: ['Jin Park'] },
        { id: 'Q2', name: 'Foreign Ministry', type: 'ORGANIZATION', aliases: [] },
        { id: 'Q3', name: 'Foreign Ministry', type: 'ORGANIZATION', aliases: [] },
      ]
        .map((entry) => JSON.stringify(entry))
        .join('\n'),
    );
    const csv = join(dir, 'kb.csv');
    writeFileSync(csv, 'id,name,type,aliases,description\nQ9,Antony Blinken,PERSON,"Tony Blinken|A. Blinken","US diplomat, born 1962"\n');

    it.each([
      { file: jsonl, text: 'Park Jin spoke.', needle: 'Park Jin', type: 'PERSON' as const, kb: 'Q1' },
      { file: csv, text: 'Antony Blinken spoke.', needle: 'Antony Blinken', type: 'PERSON' as const, kb: 'Q9' },
      { file: jsonl, text: 'The Foreign Ministry spoke.', needle: 'Foreign Ministry', type: 'ORGANIZATION' as const, kb: undefined },
      { file: jsonl, text: 'Park Jin Inc. spoke.', needle: 'Park Jin Inc.', type: 'ORGANIZATION' as const, kb: undefined },
      { file: jsonl, text: 'Park spoke.', needle: 'Park', type: 'PERSON' as const, kb: undefined },
    ])('should give kb $kb to $needle ($type) and never force a link', ({ file, text, needle, type, kb }) => {
      const entity = run(text, [mention(text, needle, type)], [], file).entities?.[0];
      expect(entity?.kb).toBe(kb);
    });

    it.each([
      { content: '{"id":"Q1","name":"X","type":"PERSON","aliases":[]}\n{oops', message: /kb-bad\.jsonl:2: .*expected one JSON object/ },
      { content: '{"id":"Q1","name":"X","type":"THING","aliases":[]}', message: /kb-bad\.jsonl:1: Unexpected `type` "THING", expected one of/ },
      { content: '{"id":"Q1","name":"X","type":"PERSON","aliases":"Y"}', message: /kb-bad\.jsonl:1: Unexpected `aliases`/ },
      { content: '{"name":"X","type":"PERSON"}', message: /kb-bad\.jsonl:1: Unexpected `id` undefined, expected a non-empty string/ },
    ])('should reject a malformed knowledge base naming file and line: $message', ({ content, message }) => {
      const file = join(dir, 'kb-bad.jsonl');
      writeFileSync(file, content);
      expect(() => linkEntities.create(linkEntities.options.parse({ knowledgeBase: file }))).toThrow(message);
    });

    it('should reject a missing knowledge base naming the file', () => {
      expect(() => linkEntities.create(linkEntities.options.parse({ knowledgeBase: join(dir, 'none.jsonl') }))).toThrow(/none\.jsonl/);
    });

    it('should reject a CSV row with the wrong number of cells naming its line', () => {
      const file = join(dir, 'bad.csv');
      writeFileSync(file, 'id,name,type,aliases\nQ1,X,PERSON,\nQ2,Y\n');
      expect(() => linkEntities.create(linkEntities.options.parse({ knowledgeBase: file }))).toThrow(/bad\.csv:3: Unexpected CSV: .*columns length is 4, got 2/);
    });
  });
});

describe('link-entities sample knowledge base', () => {
  const stage = linkEntities.create(linkEntities.options.parse({ knowledgeBase: 'models/kb/sample-kb.jsonl' }));
  it.each([
    { text: 'Boeing Co. won.', needle: 'Boeing Co.', type: 'ORGANIZATION' as const, kb: 'Q66' },
    { text: 'The U.S. agreed.', needle: 'U.S.', type: 'LOCATION' as const, kb: 'Q30' },
    { text: 'Yoon Suk-yeol spoke.', needle: 'Yoon Suk-yeol', type: 'PERSON' as const, kb: 'https://en.wikipedia.org/wiki/Yoon_Suk_Yeol' },
    { text: 'Park Jin spoke.', needle: 'Park Jin', type: 'PERSON' as const, kb: undefined },
    { text: 'Boeing said.', needle: 'Boeing', type: 'PERSON' as const, kb: undefined },
  ])('should load and match $needle ($type) → $kb', ({ text, needle, type, kb }) => {
    const doc = makeDoc(text, { mentions: [mention(text, needle, type)], quotes: [] });
    expect(stage.run(doc).layers.entities?.[0]?.kb).toBe(kb);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../src/linking/knowledge-base.js';
import { CorpusLinker, linkCorpus, remapFromTable, summarizeDocument, type DocumentEntitySummary } from '../../src/linking/link-corpus.js';
import type { Mention, MentionType, Quote } from '../../src/model/document.js';
import { linkEntities } from '../../src/stages/link-entities.js';
import { makeDoc, spanOf } from '../helpers/make-doc.js';

const stage = linkEntities.create(linkEntities.options.parse(undefined));

/** Annotate a hand-written article whose names are given, then summarize it. */
function summary(docId: string, text: string, names: [string, MentionType][]): DocumentEntitySummary {
  const seen = new Map<string, number>();
  const mentions: Mention[] = names.map(([needle, type]) => {
    const occurrence = seen.get(needle) ?? 0;
    seen.set(needle, occurrence + 1);
    return { ...spanOf(text, needle, occurrence), type, form: 'NAM', entity: null };
  });
  const doc = { ...makeDoc(text, { mentions, quotes: [] }), id: docId };
  Object.assign(doc.layers, stage.run(doc).layers);
  return summarizeDocument(doc);
}

const blinkenFull = summary('a', 'US Secretary of State Antony Blinken met Park Jin in Washington. Blinken smiled.', [
  ['Antony Blinken', 'PERSON'],
  ['Park Jin', 'PERSON'],
  ['Blinken', 'PERSON'],
]);
const blinkenShort = summary('b', 'Secretary of State Blinken flew to Seoul.', [['Blinken', 'PERSON']]);
const blinkenNoContext = summary('c', 'A man called Blinken sold apples.', [['Blinken', 'PERSON']]);
const parkChung = summary('d', 'President Park Chung-hee ruled Korea.', [['Park Chung-hee', 'PERSON'], ['Korea', 'LOCATION']]);
const parkShort = summary('e', 'Park met Antony Blinken.', [['Park', 'PERSON'], ['Antony Blinken', 'PERSON']]);
const gmFull = summary('f', 'General Motors (GM) and Chrysler asked for help. GM said so.', [
  ['General Motors', 'ORGANIZATION'],
  ['GM', 'ORGANIZATION'],
  ['Chrysler', 'ORGANIZATION'],
  ['GM', 'ORGANIZATION'],
]);
const gmShort = summary('g', 'GM and Chrysler cut jobs.', [['GM', 'ORGANIZATION'], ['Chrysler', 'ORGANIZATION']]);
const chryslerMisc1 = summary('m1', 'Chrysler workers went on strike in Detroit.', [['Chrysler', 'MISC'], ['Detroit', 'LOCATION']]);
const chryslerMisc2 = summary('m2', 'Chrysler workers in Detroit voted on the strike.', [['Chrysler', 'MISC'], ['Detroit', 'LOCATION']]);
const chryslerOrg = summary('o1', 'Chrysler said the strike by workers in Detroit would end.', [['Chrysler', 'ORGANIZATION'], ['Detroit', 'LOCATION']]);
const unrelated = summary('h', 'Fumio Kishida met Yoon Suk-yeol in Tokyo.', [['Fumio Kishida', 'PERSON'], ['Yoon Suk-yeol', 'PERSON']]);

describe('link-corpus', () => {
  it.each([
    { case: 'a short form with a shared role word joins the full name', docs: [blinkenFull, blinkenShort], doc: 'b', local: 'person:blinken', id: 'person:antony-blinken' },
    { case: 'a short form without shared context stays apart', docs: [blinkenFull, blinkenNoContext], doc: 'c', local: 'person:blinken', id: 'person:blinken' },
    { case: 'a full-name match is the same id', docs: [blinkenFull, parkShort], doc: 'e', local: 'person:antony-blinken', id: 'person:antony-blinken' },
    { case: 'a short form with one candidate and a co-occurring entity joins it', docs: [blinkenFull, parkShort], doc: 'e', local: 'person:park', id: 'person:park-jin' },
    { case: 'an ambiguous short form stays apart', docs: [blinkenFull, parkChung, parkShort], doc: 'e', local: 'person:park', id: 'person:park' },
    { case: 'a name typed MISC more often than ORGANIZATION is the organization', docs: [chryslerMisc1, chryslerMisc2, chryslerOrg], doc: 'm1', local: 'misc:chrysler', id: 'organization:chrysler' },
    { case: 'an acronym defined in another article joins its expansion', docs: [gmFull, gmShort], doc: 'g', local: 'organization:gm', id: 'organization:general-motors' },
  ])('should decide: $case', ({ docs, doc, local, id }) => {
    expect(linkCorpus(docs).remap(doc, local)).toBe(id);
  });

  it('should give worker threads the same remap as plain data (remapTable)', () => {
    const docs = [blinkenFull, blinkenShort, blinkenNoContext, parkChung, parkShort, gmFull, gmShort, chryslerMisc1, chryslerMisc2, chryslerOrg, unrelated];
    const links = linkCorpus(docs);
    const fromTable = remapFromTable(structuredClone(links.remapTable()));
    let changed = 0;
    for (const doc of docs) {
      for (const entity of doc.entities) {
        expect(fromTable(doc.docId, entity.id), `${doc.docId} ${entity.id}`).toBe(links.remap(doc.docId, entity.id));
        if (links.remap(doc.docId, entity.id) !== entity.id) changed++;
      }
    }
    expect(changed).toBeGreaterThanOrEqual(4);
    expect(fromTable('b', 'person:unknown')).toBe('person:unknown');
  });

  it("should give a slice only its documents' per-document changes (remapTable(docIds))", () => {
    const docs = [blinkenFull, blinkenShort, parkShort, gmFull, gmShort];
    const links = linkCorpus(docs);
    const table = links.remapTable(['e']);
    expect([...table.perDocument.keys()]).toEqual(['e\u0000person:park']);
    expect(table.global).toEqual(links.remapTable().global);
    const fromTable = remapFromTable(structuredClone(table));
    for (const entity of parkShort.entities) expect(fromTable('e', entity.id)).toBe(links.remap('e', entity.id));
    expect(fromTable('b', 'person:blinken')).toBe('person:blinken');
    expect(links.remapTable([]).perDocument.size).toBe(0);
  });

  it('should keep every short form record of a large corpus (thousands of context hashes)', () => {
    const entity = (id: string, name: string, titles: string[] = []) => ({ id, name, type: 'PERSON' as const, aliases: [], mentions: 1, quotes: 0, titles });
    // 400 documents, each with a short "Blinken" and 30 other people: ~12,000 context hashes in all.
    const bystanders = (doc: number) => Array.from({ length: 30 }, (_, i) => entity(`person:bystander-${doc}-${i}`, `Bystander ${doc} ${i}`));
    const docs: DocumentEntitySummary[] = Array.from({ length: 400 }, (_, doc) => ({
      docId: `doc-${String(doc).padStart(3, '0')}`,
      entities: [entity('person:blinken', 'Blinken', ['secretary']), ...bystanders(doc)],
    }));
    docs.push({ docId: 'full', entities: [entity('person:antony-blinken', 'Antony Blinken', ['secretary'])] });
    const links = linkCorpus(docs);
    for (const doc of docs.slice(0, 400)) expect(links.remap(doc.docId, 'person:blinken'), doc.docId).toBe('person:antony-blinken');
    expect(links.entities.find((e) => e.id === 'person:antony-blinken')).toMatchObject({ documents: 401, mentions: 401 });
  });

  it('should keep two different Parks apart and record the candidates', () => {
    const { entities } = linkCorpus([blinkenFull, parkChung, parkShort]);
    const park = entities.find((entity) => entity.id === 'person:park');
    expect(park).toMatchObject({ name: 'Park', documents: 1, candidates: ['person:park-chung-hee', 'person:park-jin'] });
    expect(entities.find((entity) => entity.id === 'person:park-jin')).toMatchObject({ documents: 1, mentions: 1 });
  });

  it('should count mentions, documents and first document after merging', () => {
    const { entities } = linkCorpus([blinkenShort, blinkenFull]);
    expect(entities.find((entity) => entity.id === 'person:antony-blinken')).toMatchObject({
      name: 'Antony Blinken',
      aliases: ['Blinken'],
      documents: 2,
      mentions: 3,
      firstDocument: 'a',
    });
    expect(entities.map((entity) => entity.id)).not.toContain('person:blinken');
  });

  it('should keep ids when an unrelated article is added', () => {
    const docs = [blinkenFull, blinkenShort, parkChung, gmFull, gmShort];
    const before = linkCorpus(docs);
    const after = linkCorpus([...docs, unrelated]);
    for (const doc of docs) for (const entity of doc.entities) expect(after.remap(doc.docId, entity.id)).toBe(before.remap(doc.docId, entity.id));
    const unchanged = after.entities.filter((entity) => !unrelated.entities.some((other) => other.id === entity.id));
    expect(unchanged).toEqual(before.entities);
  });

  it('should not depend on document order (property)', () => {
    const docs = [blinkenFull, blinkenShort, blinkenNoContext, parkChung, parkShort, gmFull, gmShort, unrelated];
    const reference = linkCorpus(docs);
    const remaps = (links: ReturnType<typeof linkCorpus>) =>
      docs.flatMap((doc) => doc.entities.map((entity) => `${doc.docId}/${entity.id}→${links.remap(doc.docId, entity.id)}`));
    fc.assert(
      fc.property(fc.shuffledSubarray(docs, { minLength: docs.length, maxLength: docs.length }), (shuffled) => {
        const links = linkCorpus(shuffled);
        expect(links.entities).toEqual(reference.entities);
        expect(remaps(links)).toEqual(remaps(reference));
      }),
      { numRuns: 50 },
    );
  });

  it('should link the same when summaries are added one at a time as documents finish', () => {
    const docs = [blinkenFull, blinkenShort, blinkenNoContext, parkChung, parkShort, gmFull, gmShort, unrelated];
    const reference = linkCorpus(docs);
    const linker = new CorpusLinker();
    for (const doc of [...docs].reverse()) linker.add(doc);
    const links = linker.link();
    expect(links.entities).toEqual(reference.entities);
    expect(links.remapTable()).toEqual(reference.remapTable());
    expect(links.remapTable().global.size + links.remapTable().perDocument.size).toBeGreaterThan(0);
  });

  it('should refuse a summary added after linking, and a second link', () => {
    const linker = new CorpusLinker();
    linker.add(blinkenFull);
    linker.link();
    expect(() => linker.add(blinkenShort)).toThrow(/add\(\) after link\(\)/);
    expect(() => linker.link()).toThrow(/called twice/);
  });

  it('should summarize the same whether the role words come from link-entities or are found again', () => {
    const text = 'Foreign Minister Park Jin met US Secretary of State Antony Blinken. “Yes,” he said. Blinken left.';
    const mentions: Mention[] = [
      { ...spanOf(text, 'Foreign Minister Park Jin'), type: 'PERSON', form: 'NAM', entity: null },
      { ...spanOf(text, 'Antony Blinken'), type: 'PERSON', form: 'NAM', entity: null },
      { ...spanOf(text, 'Blinken', 1), type: 'PERSON', form: 'NAM', entity: null },
    ];
    const quote: Quote = {
      ...spanOf(text, '“Yes,”'),
      kind: 'direct',
      cue: spanOf(text, 'said'),
      speaker: spanOf(text, 'he'),
      speakerEntity: null,
      speakerMention: spanOf(text, 'Antony Blinken'),
      confidence: 1,
    };
    const doc = makeDoc(text, { mentions, quotes: [quote] });
    Object.assign(doc.layers, stage.run(doc).layers);
    const remembered = summarizeDocument(doc);
    const recomputed = summarizeDocument(structuredClone(doc));
    expect(recomputed).toEqual(remembered);
    expect(remembered.entities.map((entity) => entity.titles)).toEqual([['foreign', 'minister'], ['secretary', 'state']]);
  });

  it('should grow about linearly with the entities of one document (not n²)', () => {
    const big = (n: number): DocumentEntitySummary => ({
      docId: `big-${n}`,
      entities: Array.from({ length: n }, (_, i) => ({
        id: `organization:org-${i}`,
        name: `Org ${i}`,
        type: 'ORGANIZATION' as const,
        aliases: [],
        mentions: 1,
        quotes: 0,
        titles: [],
      })),
    });
    const cpu = (n: number) => {
      const summaries = [big(n)];
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = process.cpuUsage();
        linkCorpus(summaries);
        const used = process.cpuUsage(started);
        best = Math.min(best, used.user + used.system);
      }
      return best;
    };
    cpu(1_000); // warm-up: compile before measuring
    const small = cpu(1_000);
    const large = cpu(4_000);
    // Four times the entities: ×4 when linear, ×16 when every entity takes every other as context.
    expect(large / small).toBeLessThan(7);
  });

  it('should output entities sorted by id', () => {
    const ids = linkCorpus([unrelated, gmFull, blinkenFull]).entities.map((entity) => entity.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('should link to a knowledge base only when exactly one entry matches', () => {
    const kb = createKnowledgeBase([
      { id: 'Q4', name: 'Antony Blinken', type: 'PERSON', aliases: ['Tony Blinken'], description: 'US diplomat' },
      { id: 'Q5', name: 'Park Jin', type: 'PERSON', aliases: [] },
      { id: 'Q6', name: 'Park Jin', type: 'PERSON', aliases: [] },
    ]);
    const { entities } = linkCorpus([blinkenFull], { knowledgeBase: kb });
    expect(entities.find((entity) => entity.id === 'person:antony-blinken')).toMatchObject({ kb: 'Q4', description: 'US diplomat' });
    expect(entities.find((entity) => entity.id === 'person:park-jin')?.kb).toBeUndefined();
  });
});

describe('summarizeDocument', () => {
  it('should count mentions, quotes and distinct sorted role words per entity id, one tally per id', () => {
    const text = 'Minister Park met Ambassador Park. Minister Park spoke.';
    const at = (needle: string, occurrence: number, entity: string | null): Mention => ({
      ...spanOf(text, needle, occurrence),
      type: 'PERSON',
      form: 'NAM',
      entity,
    });
    const mentions = [at('Park', 0, 'person:park'), at('Park', 1, 'person:park'), at('Park', 2, 'person:park'), at('met', 0, null)];
    const quote: Quote = { ...spanOf(text, 'spoke'), kind: 'indirect', cue: null, speaker: null, speakerEntity: 'person:park', confidence: 1 };
    const entities = [
      { id: 'person:park', name: 'Park', type: 'PERSON' as const, aliases: [] },
      { id: 'person:park', name: 'Park', type: 'PERSON' as const, aliases: [], kb: 'Q9' },
      { id: 'person:kim', name: 'Kim', type: 'PERSON' as const, aliases: [] },
    ];
    const result = summarizeDocument(makeDoc(text, { mentions, quotes: [quote], entities }));
    expect(result.entities.map((e) => [e.mentions, e.quotes, e.titles, 'kb' in e])).toEqual([
      [3, 1, ['ambassador', 'minister'], false],
      [3, 1, ['ambassador', 'minister'], true],
      [0, 0, [], false],
    ]);
    expect(Object.keys(result.entities[1]!)).toEqual(['id', 'name', 'type', 'aliases', 'kb', 'mentions', 'quotes', 'titles']);
  });
});

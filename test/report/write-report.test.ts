import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monthOf } from '../../src/report/corpus-index.js';
import { renderPager } from '../../src/report/layout.js';
import { pageName } from '../../src/report/paths.js';
import { timelineMonths } from '../../src/report/render-overview.js';
import { documentTitle } from '../../src/report/title.js';
import { writeReport } from '../../src/report/write-report.js';
import type { DocumentJson } from '../../src/sinks/document-json.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Write a synthetic output folder of `count` documents, each mentioning Park Jin twice and quoting him once. */
function writeOutput(out: string, count: number, extra: Partial<DocumentJson> = {}): void {
  mkdirSync(join(out, 'json'), { recursive: true });
  const manifest: { id: string; status: string; file: string; hash: string }[] = [];
  for (let i = 0; i < count; i++) {
    const id = `doc-${String(i).padStart(4, '0')}`;
    const text = `Title ${i}\n\nPark Jin said “we agree” on 13 June 2022. Park Jin left.`;
    const at = (s: string, from = 0): number => text.indexOf(s, from);
    const second = at('Park Jin', at('Park Jin') + 1);
    const doc: DocumentJson = {
      schemaVersion: '1.0.0',
      id,
      source: `${id}.txt`,
      published: '2022-06-15',
      status: 'ok',
      text,
      mentions: [
        { start: at('Park Jin'), end: at('Park Jin') + 8, text: 'Park Jin', type: 'PERSON', form: 'NAM', entity: 'person:park-jin' },
        { start: second, end: second + 8, text: 'Park Jin', type: 'PERSON', form: 'NAM', entity: 'person:park-jin' },
      ],
      dates: [{ start: at('13 June'), end: at('13 June') + 12, text: '13 June 2022', type: 'DATE', value: '2022-06-13', range: { start: '2022-06-13', end: '2022-06-13' } }],
      quotes: [
        {
          start: at('“'),
          end: at('”') + 1,
          text: '“we agree”',
          kind: 'direct',
          cue: null,
          speaker: { start: at('Park Jin'), end: at('Park Jin') + 8, text: 'Park Jin' },
          speakerEntity: 'person:park-jin',
          confidence: 0.9,
        },
      ],
      entities: [{ id: 'person:park-jin', name: 'Park Jin', type: 'PERSON', aliases: [] }],
      messages: [],
      ...extra,
    };
    writeFileSync(join(out, 'json', `${id}.json`), JSON.stringify(doc));
    manifest.push({ id, status: 'ok', file: id, hash: 'x' });
  }
  writeFileSync(join(out, 'manifest.json'), JSON.stringify({ schemaVersion: '1.0.0', documents: manifest }));
  const entities = [{ id: 'person:park-jin', name: 'Park Jin', type: 'PERSON', aliases: [], documents: count, mentions: 2 * count, quotes: count }];
  writeFileSync(join(out, 'entities.json'), JSON.stringify(entities));
}

const count = (html: string, pattern: RegExp): number => html.match(pattern)?.length ?? 0;

describe('report: write-report', () => {
  it('should paginate the article list 100 per page and keep index.html small', async () => {
    const out = join(tempDir(), 'out');
    writeOutput(out, 250);
    const index = await writeReport(out);
    const html = readFileSync(index, 'utf8');
    expect(count(html, /<tr><td class="n">\d+<\/td><td><a href="articles\//g)).toBe(100);
    expect(html).toContain('href="articles-2.html"');
    expect(html).toContain('href="articles-3.html"');
    expect(html).toContain('data-count="documents">250<');
    expect(html).toContain('data-count="mentions">500<');
    expect(html).toContain('data-count="quotes">250<');
    const page3 = readFileSync(join(out, 'report', 'articles-3.html'), 'utf8');
    expect(count(page3, /<tr><td class="n">\d+<\/td><td><a href="articles\//g)).toBe(50);
    expect(existsSync(join(out, 'report', 'articles-4.html'))).toBe(false);
    expect(readdirSync(join(out, 'report', 'articles'))).toHaveLength(250);
    expect(html.length).toBeLessThan(80_000);
  });

  it('should cap entity hit lists and say how many more there are', async () => {
    const out = join(tempDir(), 'out');
    writeOutput(out, 30);
    await writeReport(out, { hitCap: 10 });
    const page = readFileSync(join(out, 'report', 'entities', pageName('person:park-jin')), 'utf8');
    expect(count(page, /<li class="mention">/g)).toBe(10);
    expect(page).toContain('data-count="mentions">60<');
    expect(page).toContain('and 50 more mentions');
    expect(page).toContain('and 20 more quotes');
    expect(page).toMatch(/href="\.\.\/articles\/doc-0000-[0-9a-f]{8}\.html#m1"/);
  });

  it('should remove pages of documents gone since the last report', async () => {
    const out = join(tempDir(), 'out');
    writeOutput(out, 150);
    await writeReport(out);
    expect(existsSync(join(out, 'report', 'articles-2.html'))).toBe(true);
    writeOutput(out, 3);
    await writeReport(out);
    expect(readdirSync(join(out, 'report', 'articles'))).toHaveLength(3);
    expect(existsSync(join(out, 'report', 'articles-2.html'))).toBe(false);
  });

  it('should escape hostile ids and text on every page', async () => {
    const out = join(tempDir(), 'out');
    writeOutput(out, 1, { id: '<script>alert(1)</script>', text: '<script>alert(2)</script> Park Jin said “we agree” on 13 June 2022. Park Jin left.' });
    const index = await writeReport(out);
    const pages = [index, ...readdirSync(join(out, 'report', 'articles')).map((n) => join(out, 'report', 'articles', n))];
    for (const page of pages) expect(readFileSync(page, 'utf8')).not.toMatch(/<script/i);
  });

  it('should refuse a manifest file path that leaves json/', async () => {
    const out = join(tempDir(), 'out');
    writeOutput(out, 1);
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ documents: [{ id: 'x', file: '../../../etc/passwd' }] }));
    const index = await writeReport(out);
    expect(readFileSync(index, 'utf8')).toContain('data-count="failed">1<');
  });

  it('should fail clearly on a folder that is not an output folder', async () => {
    await expect(writeReport(tempDir())).rejects.toThrow(/without `manifest.json`/);
  });
});

describe('report: pagination and helpers', () => {
  it.each([
    [1, 1, []],
    [1, 3, ['1', '2', '3', 'Next ›']],
    [5, 20, ['‹ Previous', '1', '2', '3', '4', '5', '6', '7', '8', '…', '20', 'Next ›']],
    [12, 20, ['‹ Previous', '1', '…', '9', '10', '11', '12', '13', '14', '15', '…', '20', 'Next ›']],
  ])('should render page %i of %i', (current, total, expected) => {
    const html = renderPager(current, total, (p) => `p${p}.html`, 'X');
    const labels = [...html.matchAll(/>([^<>]+)<\/(?:a|span)>/g)].map((m) => m[1]);
    expect(labels).toEqual(expected);
    if (total > 1) expect(html).toContain(`<span aria-current="page">${current}</span>`);
  });

  it.each([
    ['person:park-jin', /^person_park-jin-[0-9a-f]{8}\.html$/],
    ['../../etc/passwd', /^etc_passwd-[0-9a-f]{8}\.html$/],
    ['', /^x-[0-9a-f]{8}\.html$/],
  ])('should name the page of %j safely', (id, expected) => {
    expect(pageName(id)).toMatch(expected);
  });

  it('should give ids that differ only in unsafe characters different pages', () => {
    expect(pageName('a:b')).not.toBe(pageName('a/b'));
  });

  it.each([
    [{ value: '2022-06-13', range: { start: '2022-06-13', end: '2022-06-13' } }, '2022-06'],
    [{ value: '2022-06', range: { start: '2022-06-01', end: '2022-06-30' } }, '2022-06'],
    [{ value: '2022-W26', range: { start: '2022-06-27', end: '2022-07-03' } }, '2022-06'],
    [{ value: '2016', range: { start: '2016-01-01', end: '2016-12-31' } }, null],
    [{ value: 'PRESENT_REF', range: null }, null],
    [{ value: '2022-06-13TMO', range: null }, '2022-06'],
  ])('should put %j in month %s', (fields, expected) => {
    expect(monthOf({ start: 0, end: 1, text: 'x', type: 'DATE', ...fields })).toBe(expected);
  });

  it('should fill gaps between months and trim outliers on long spans', () => {
    const short = timelineMonths(new Map([['2021-11', 2], ['2022-02', 1]]));
    expect(short.months.map((m) => m.month)).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
    const months = new Map<string, number>([['1900-01', 1]]);
    for (let m = 1; m <= 12; m++) months.set(`2020-${String(m).padStart(2, '0')}`, 10);
    const long = timelineMonths(months);
    expect(long.months[0]!.month).toBe('2020-01');
    expect(long.note).toContain('1 dates outside');
  });

  it.each([
    ['date 2022-06-15\nSeoul talks\nbody', 'Seoul talks'],
    ['---\ntitle: x\n---\n\nHeadline here', 'Headline here'],
    ['   \n\n', 'the-id'],
  ])('should title %j as %j', (text, expected) => {
    expect(documentTitle(text, 'the-id')).toBe(expected);
  });
});

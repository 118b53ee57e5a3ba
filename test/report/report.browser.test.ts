/**
 * The report in a real browser: Debian's Chromium driven by playwright-core (never downloads a
 * browser). Skipped only when /usr/bin/chromium is absent; CI installs it through .ci/run.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { pageName } from '../../src/report/paths.js';
import { documentTitle } from '../../src/report/title.js';
import type { DocumentJson } from '../../src/sinks/document-json.js';
import { tempDir } from '../helpers/temp-dir.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run', '--disable-component-update', '--disable-sync', '--disable-quic'];
const SCREENSHOT = join('test', '.tmp', 'report.png');

interface EntityRow {
  id: string;
  name: string;
  mentions: number;
  quotes: number;
}

/** Copy corpus/ (plain files of the top folder and of its sub-folders) into a fresh folder. */
function copyCorpus(to: string): void {
  mkdirSync(to, { recursive: true });
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (/\.(txt|json)$/.test(entry.name)) copyFileSync(join(dir, entry.name), join(to, entry.name));
    }
  };
  walk('corpus');
  // Hostile input: markup in the text must show as text and never run.
  writeFileSync(
    join(to, 'zz-hostile.txt'),
    'date 2022-06-15\nMaria Lopez <script>document.title = "pwned"</script> met Acme officials <img src=x onerror="document.title=1">.\n\n“It went well,” Lopez said on Monday.\n',
  );
}

describe.skipIf(!existsSync(CHROMIUM))('report: in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let out: string;
  let docs: DocumentJson[];
  let entities: EntityRow[];
  let visitedEntity: EntityRow | undefined;
  const offline: string[] = [];

  beforeAll(async () => {
    const dir = tempDir();
    copyCorpus(join(dir, 'corpus'));
    out = join(dir, 'out');
    const code = await run(['annotate', join(dir, 'corpus'), '--out', out, '--quiet', '--html']);
    // 1 (a document failed) still writes the report; the pipeline's own tests catch such failures
    expect(code).toBeLessThan(2);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { documents: { id: string; file: string }[] };
    docs = manifest.documents.map((d) => JSON.parse(readFileSync(join(out, 'json', `${d.file}.json`), 'utf8')) as DocumentJson);
    entities = JSON.parse(readFileSync(join(out, 'entities.json'), 'utf8')) as EntityRow[];
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) offline.push(request.url());
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  const countOf = async (key: string): Promise<number> => Number((await page.textContent(`dd[data-count="${key}"]`))?.replace(/,/g, ''));

  it('should show the same counts on the overview as the JSON output', async () => {
    await page.goto(pathToFileURL(join(out, 'report', 'index.html')).href);
    expect(await countOf('documents')).toBe(docs.length);
    expect(await countOf('mentions')).toBe(docs.reduce((n, d) => n + d.mentions.length, 0));
    expect(await countOf('quotes')).toBe(docs.reduce((n, d) => n + d.quotes.length, 0));
    expect(await countOf('dates')).toBe(docs.reduce((n, d) => n + d.dates.length, 0));
    expect(await countOf('entities')).toBe(entities.length);
    expect(await page.locator('table.articles tbody tr').count()).toBe(Math.min(100, docs.length));
    // three rankings and the timeline, each with its data table
    expect(await page.locator('figure').count()).toBe(4);
    expect(await page.locator('figure svg').count()).toBeGreaterThanOrEqual(1);
  });

  it('should open an article whose highlights and quote badges match its JSON', async () => {
    // The article with the most attributed quotes.
    const doc = [...docs].sort((a, b) => b.quotes.filter((q) => q.speakerEntity).length - a.quotes.filter((q) => q.speakerEntity).length)[0]!;
    await page.click(`table.articles a[href="articles/${pageName(doc.id)}"]`);
    expect(decodeURIComponent(page.url())).toContain(pageName(doc.id));
    expect(await page.locator('#text .m[id^="m"]').count()).toBe(doc.mentions.length);
    expect(await page.locator('#text .m[id^="d"]').count()).toBe(doc.dates.length);
    expect(await page.locator('#text .q[id^="q"]').count()).toBe(doc.quotes.length);
    // every highlight has a visible text label and can take keyboard focus
    const unlabelled = await page.$$eval('#text .m', (els) => els.filter((el) => !el.querySelector(':scope > .tag')?.textContent).length);
    expect(unlabelled).toBe(0);
    const unfocusable = await page.$$eval('#text .m', (els) => els.filter((el) => (el as unknown as { tabIndex: number }).tabIndex < 0).length);
    expect(unfocusable).toBe(0);
    const byId = new Map(entities.map((e) => [e.id, e]));
    const quoteIndex = doc.quotes.findIndex((q) => q.speakerEntity && byId.has(q.speakerEntity));
    expect(quoteIndex).toBeGreaterThanOrEqual(0);
    const speaker = byId.get(doc.quotes[quoteIndex]!.speakerEntity!)!;
    expect(await page.textContent(`#q${quoteIndex} > .badge`)).toContain(speaker.name);
    // focusing a linked mention shows its canonical entity
    const m = doc.mentions.findIndex((x) => x.entity && byId.has(x.entity));
    const entity = byId.get(doc.mentions[m]!.entity!)!;
    await page.focus(`#m${m}`);
    // (string expressions: the project's TypeScript config has no DOM types)
    const tip = String(await page.evaluate(`getComputedStyle(document.querySelector('#m${m}'), '::after').content`));
    expect(tip).toContain(entity.name);
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    visitedEntity = entity;
    await page.click(`#m${m}`);
    expect(decodeURIComponent(page.url())).toContain(`entities/${pageName(entity.id)}`);
  });

  it('should list every mention and quote of the entity, linking back to the articles', async () => {
    const entity = visitedEntity!;
    expect(entity).toBeDefined();
    expect(await countOf('mentions')).toBe(entity.mentions);
    expect(await countOf('quotes')).toBe(entity.quotes);
    expect(await page.locator('li.mention').count()).toBe(Math.min(entity.mentions, 200));
    expect(await page.locator('li.quote').count()).toBe(Math.min(entity.quotes, 200));
    const first = page.locator('li.mention a').first();
    const href = (await first.getAttribute('href'))!;
    expect(href).toMatch(/^\.\.\/articles\/.+\.html#m\d+$/);
    await first.click();
    const anchor = href.split('#')[1]!;
    expect(await page.locator(`#${anchor}`).count()).toBe(1);
    expect(await page.evaluate('location.hash')).toBe(`#${anchor}`);
  });

  it('should render a script in an article as text without running it', async () => {
    const hostile = docs.find((d) => d.id === 'zz-hostile')!;
    expect(hostile).toBeDefined();
    await page.goto(pathToFileURL(join(out, 'report', 'articles', pageName(hostile.id))).href);
    expect(await page.locator('script, #text img').count()).toBe(0);
    // the title is the escaped first line, unchanged by any script
    expect(await page.title()).toBe(`${documentTitle(hostile.text, hostile.id)} · byline report`);
    expect(await page.textContent('#text')).toContain('<script>document.title = "pwned"</script>');
  });

  it('should never touch the network', () => {
    expect(offline).toEqual([]);
  });
});

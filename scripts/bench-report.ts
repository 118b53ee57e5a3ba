/**
 * Bench of the HTML report: build a 1,000-article output folder, write the report, and measure how
 * long the overview takes to load in Chromium (budget: 2 s).
 *
 *   npm run build && npx tsx scripts/bench-report.ts            # annotate a JSONL made from corpus/
 *   npx tsx scripts/bench-report.ts --synthetic                 # synthesize the output JSON directly
 *   npx tsx scripts/bench-report.ts --count 5000 --runs 7
 *
 * Writes bench/corpus/report-<n>.jsonl and bench/out/report-<n>/ (both git-ignored).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { writeReport } from '../src/report/write-report.js';
import type { DocumentJson } from '../src/sinks/document-json.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run', '--disable-component-update', '--disable-sync', '--disable-quic'];
const BUDGET_MS = 2000;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const count = option('count', 1000);
const runs = option('runs', 5);
const synthetic = process.argv.includes('--synthetic');

/** The corpus/ texts with their publication dates (from `.meta.json` sidecars when present). */
function corpusTexts(): { text: string; published: string | null }[] {
  const out: { text: string; published: string | null }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.txt')) {
        const meta = path.replace(/\.txt$/, '.meta.json');
        const published = existsSync(meta) ? ((JSON.parse(readFileSync(meta, 'utf8')) as { published?: string }).published ?? null) : null;
        out.push({ text: readFileSync(path, 'utf8'), published });
      }
    }
  };
  walk(join(root, 'corpus'));
  return out;
}

/** A JSONL corpus of `n` articles cycling through corpus/ (each copy numbered, so hashes differ). */
function writeJsonl(path: string, n: number): void {
  const texts = corpusTexts();
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const { text, published } = texts[i % texts.length]!;
    lines.push(JSON.stringify({ id: `article-${String(i).padStart(5, '0')}`, text: `${text.trimEnd()}\n\n(Copy ${i}.)\n`, published }));
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.join('\n') + '\n');
}

/** An output folder synthesized without the pipeline: names, dates and quotes on a fixed pattern. */
function writeSyntheticOutput(out: string, n: number): void {
  const people = Array.from({ length: 300 }, (_, i) => `Person ${i}`);
  const orgs = Array.from({ length: 100 }, (_, i) => `Org ${i}`);
  const counts = new Map<string, { name: string; type: string; docs: Set<number>; mentions: number; quotes: number }>();
  const manifest: { id: string; hash: string; status: string; file: string }[] = [];
  mkdirSync(join(out, 'json'), { recursive: true });
  for (let d = 0; d < n; d++) {
    const id = `article-${String(d).padStart(5, '0')}`;
    let text = `Headline number ${d}\n\n`;
    const doc: DocumentJson = { schemaVersion: '1.0.0', id, source: `${id}.txt`, published: '2022-06-15', status: 'ok', text: '', mentions: [], dates: [], quotes: [], entities: [], messages: [] };
    for (let s = 0; s < 40; s++) {
      const person = people[(d * 7 + s * 13) % people.length]!;
      const org = orgs[(d * 3 + s) % orgs.length]!;
      const add = (name: string, type: string): void => {
        const entity = `${type.toLowerCase()}:${name.toLowerCase().replace(/ /g, '-')}`;
        doc.mentions.push({ start: text.length, end: text.length + name.length, text: name, type, form: 'NAM', entity });
        const c = counts.get(entity) ?? { name, type, docs: new Set(), mentions: 0, quotes: 0 };
        c.docs.add(d);
        c.mentions++;
        counts.set(entity, c);
        text += name;
      };
      add(person, 'PERSON');
      text += ' of ';
      add(org, 'ORGANIZATION');
      text += ' said ';
      const q = '“We will keep working on this, whatever happens next.”';
      const speaker = doc.mentions[doc.mentions.length - 2]!;
      doc.quotes.push({ start: text.length, end: text.length + q.length, text: q, kind: 'direct', cue: null, speaker: { start: speaker.start, end: speaker.end, text: speaker.text }, speakerEntity: speaker.entity, confidence: 0.9 });
      counts.get(speaker.entity!)!.quotes++;
      text += `${q} on `;
      const month = String((s % 12) + 1).padStart(2, '0');
      const date = `2022-${month}-10`;
      doc.dates.push({ start: text.length, end: text.length + date.length, text: date, type: 'DATE', value: date, range: { start: date, end: date } });
      text += `${date}.\n\n`;
    }
    doc.text = text;
    doc.entities = [...new Set(doc.mentions.map((m) => m.entity!))].map((e) => ({ id: e, name: counts.get(e)!.name, type: counts.get(e)!.type, aliases: [] }));
    writeFileSync(join(out, 'json', `${id}.json`), JSON.stringify(doc, null, 2));
    manifest.push({ id, hash: String(d), status: 'ok', file: id });
  }
  writeFileSync(join(out, 'manifest.json'), JSON.stringify({ schemaVersion: '1.0.0', tool: 'bench', configHash: 'bench', documents: manifest }));
  const entities = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, c]) => ({ id, name: c.name, type: c.type, aliases: [], documents: c.docs.size, mentions: c.mentions, quotes: c.quotes }));
  writeFileSync(join(out, 'entities.json'), JSON.stringify(entities));
}

function folderSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = folderSize(path);
      files += sub.files;
      bytes += sub.bytes;
    } else {
      files++;
      bytes += statSync(path).size;
    }
  }
  return { files, bytes };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Load `url` `runs` times in fresh pages; returns the median load-event time and first contentful paint. */
async function measure(url: string): Promise<{ load: number; fcp: number; nodes: number }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const loads: number[] = [];
  const fcps: number[] = [];
  let nodes = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(url, { waitUntil: 'load' });
      const timing = (await page.evaluate(
        `(() => { const n = performance.getEntriesByType('navigation')[0]; const p = performance.getEntriesByName('first-contentful-paint')[0]; return { load: n.loadEventEnd - n.startTime, fcp: p ? p.startTime : NaN, nodes: document.getElementsByTagName('*').length }; })()`,
      )) as { load: number; fcp: number; nodes: number };
      loads.push(timing.load);
      fcps.push(timing.fcp);
      nodes = timing.nodes;
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return { load: median(loads), fcp: median(fcps), nodes };
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`bench-report: ${CHROMIUM} not found (apt-get install chromium)\n`);
    return 2;
  }
  const out = join(root, 'bench', 'out', `report-${count}${synthetic ? '-synthetic' : ''}`);
  rmSync(out, { recursive: true, force: true });
  if (synthetic) {
    writeSyntheticOutput(out, count);
  } else {
    const bin = join(root, 'dist', 'cli', 'bin.js');
    if (!existsSync(bin)) {
      process.stderr.write('bench-report: dist/cli/bin.js not found, run `npm run build` first (or pass --synthetic)\n');
      return 2;
    }
    const jsonl = join(root, 'bench', 'corpus', `report-${count}.jsonl`);
    writeJsonl(jsonl, count);
    const t = performance.now();
    const result = spawnSync(process.execPath, [bin, 'annotate', jsonl, '--out', out, '--quiet'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if ((result.status ?? 2) >= 2) return 2;
    process.stdout.write(`annotate: ${count} articles in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  const t = performance.now();
  const index = await writeReport(out);
  const writeMs = performance.now() - t;
  const size = folderSize(join(out, 'report'));
  const indexBytes = statSync(index).size;
  process.stdout.write(
    `report: written in ${(writeMs / 1000).toFixed(1)} s, ${size.files} files, ${(size.bytes / 1e6).toFixed(1)} MB; index.html ${(indexBytes / 1024).toFixed(0)} KB\n`,
  );
  const overview = await measure(pathToFileURL(index).href);
  process.stdout.write(
    `overview: load ${overview.load.toFixed(0)} ms, first contentful paint ${overview.fcp.toFixed(0)} ms, ${overview.nodes} elements (median of ${runs}; budget ${BUDGET_MS} ms)\n`,
  );
  // The longest article page, for reference.
  const articles = join(out, 'report', 'articles');
  const longest = readdirSync(articles).sort((a, b) => statSync(join(articles, b)).size - statSync(join(articles, a)).size)[0];
  if (longest) {
    const article = await measure(pathToFileURL(join(articles, longest)).href);
    process.stdout.write(`largest article page (${longest}): load ${article.load.toFixed(0)} ms, ${article.nodes} elements\n`);
  }
  return overview.load <= BUDGET_MS ? 0 : 1;
}

process.exitCode = await main();

/**
 * Issue #9: the compiled CLI on a corpus of hostile and broken inputs (built at test time by
 * test/fixtures/hostile/build-hostile-corpus.ts). It runs `node dist/cli/bin.js annotate` in a child
 * process so the worker threads and the per-document time budget are the real ones.
 */
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { safeRelativePath } from '../../src/corpus/document-id.js';
import { buildHostileCorpus, HOSTILE_TIMEOUT_MS, type HostileCorpus } from '../fixtures/hostile/build-hostile-corpus.js';
import { tempDir } from '../helpers/temp-dir.js';

const BIN = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'bin.js');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function runCli(args: string[]): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile('node', [BIN, ...args], { maxBuffer: 64 * 1024 * 1024, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** Every path under `dir` (symlinks not followed) with what a write would change. */
function snapshot(dir: string, skip: string): Map<string, string> {
  const entries = new Map<string, string>();
  const visit = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (path === skip) continue;
      const info = lstatSync(path);
      entries.set(relative(dir, path), `${info.mode}:${info.size}:${info.mtimeMs}`);
      if (info.isDirectory()) visit(path);
    }
  };
  visit(dir);
  return entries;
}

function filesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = lstatSync(path);
    if (info.isDirectory()) files.push(...filesUnder(path));
    else files.push(path);
  }
  return files;
}

interface SpanJson {
  start: number;
  end: number;
  text: string;
}

interface DocJson {
  id: string;
  source: string;
  status: string;
  text: string;
  mentions: (SpanJson & { type: string })[];
  dates: SpanJson[];
  quotes: (SpanJson & { cue: SpanJson | null; speaker: SpanJson | null })[];
  messages: { severity: string; ruleId: string; reason: string; line?: number; start?: number }[];
}

const readCsv = (path: string) => parse(readFileSync(path), { columns: true, bom: true }) as Record<string, string>[];

describe.skipIf(process.platform === 'win32')('hostile corpus (compiled CLI)', () => {
  let corpus: HostileCorpus;
  let first: CliRun;
  let before: Map<string, string>;
  const docs = new Map<string, DocJson>();
  // Created while the suite is collected: tempDir registers its clean-up hook, which a hook cannot do.
  const root = tempDir('byline-hostile-');

  beforeAll(async () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` (npm ci runs it through the prepare script)`);
    corpus = buildHostileCorpus(root);
    before = snapshot(corpus.root, corpus.out);
    first = await runCli(['annotate', corpus.corpus, corpus.jsonl, '--out', corpus.out, '--config', corpus.config]);
    for (const c of corpus.cases) {
      const path = join(corpus.out, 'json', `${safeRelativePath(c.id)}.json`);
      if (existsSync(path)) docs.set(c.id, JSON.parse(readFileSync(path, 'utf8')) as DocJson);
    }
  }, 120_000);

  it('should exit 1 without a stack trace, naming each failed file on stderr', () => {
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    // File names with newlines or terminal escapes are printed escaped, never raw.
    expect(first.stderr).toContain('names/escape\\u001b]0;owned\\u0007\\u001b[31mred.txt');
    expect(first.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    for (const name of ['binary.txt', 'invalid-utf8.txt', 'self-loop.txt', 'articles.jsonl:2', 'articles.jsonl:11']) {
      expect(first.stderr).toContain(name);
    }
  });

  it('should list exactly the documents of the corpus, never the output folder inside it', () => {
    const documents = readCsv(join(corpus.out, 'csv', 'documents.csv'));
    // A formula-looking id is written with a leading `'` (CSV injection guard).
    const ids = documents.map((d) => String(d.doc_id).replace(/^'(?=[=+\-@\t\r])/, ''));
    expect(ids.sort()).toEqual(corpus.cases.map((c) => c.id).sort());
    const runJson = JSON.parse(readFileSync(join(corpus.out, 'run.json'), 'utf8'));
    expect(runJson.documents.map((d: { id: string }) => d.id).sort()).toEqual(corpus.cases.map((c) => c.id).sort());
  });

  it('should give every case the status it expects, with its message', () => {
    const problems: string[] = [];
    for (const c of corpus.cases) {
      const doc = docs.get(c.id);
      if (!doc) {
        problems.push(`${c.what} (${c.id}): no JSON file`);
        continue;
      }
      if (doc.status !== c.expect) problems.push(`${c.what} (${c.id}): status ${doc.status}, expected ${c.expect} ${JSON.stringify(doc.messages)}`);
      if (c.rule) {
        const message = doc.messages.find((m) => m.ruleId === c.rule);
        if (!message) problems.push(`${c.what} (${c.id}): no \`${c.rule}\` message in ${JSON.stringify(doc.messages)}`);
        else if (c.expect === 'failed' && message.severity !== 'fatal') problems.push(`${c.what}: \`${c.rule}\` is ${message.severity}, expected fatal`);
        if (c.line !== undefined && message?.line !== c.line) problems.push(`${c.what}: message line ${message?.line}, expected ${c.line}`);
      }
      if (c.line !== undefined && !doc.source.endsWith(`articles.jsonl:${c.line}`)) problems.push(`${c.what}: source ${doc.source}, expected articles.jsonl:${c.line}`);
    }
    expect(problems).toEqual([]);
  });

  it('should list every failed document in run.json and with a fatal row in messages.csv that names its file', () => {
    const failed = corpus.cases.filter((c) => c.expect === 'failed').map((c) => c.id).sort();
    const runJson = JSON.parse(readFileSync(join(corpus.out, 'run.json'), 'utf8'));
    expect([...runJson.failed].sort()).toEqual(failed);
    expect(runJson.counts.failed).toBe(failed.length);
    const messages = readCsv(join(corpus.out, 'csv', 'messages.csv'));
    for (const id of failed) {
      const c = corpus.cases.find((x) => x.id === id)!;
      const row = messages.find((m) => m.doc_id === id && m.severity === 'fatal');
      expect(row, id).toBeDefined();
      expect(String(row!.source).startsWith(c.line === undefined ? corpus.corpus : corpus.jsonl), `${id}: ${row!.source}`).toBe(true);
      expect(row!.reason, id).toMatch(/expected/i);
      if (c.line !== undefined) expect(row!.line, id).toBe(String(c.line));
    }
  });

  it('should stop the 20 MB single-line document at the time budget and annotate the documents queued behind it', () => {
    const slow = docs.get(corpus.slowId)!;
    expect(slow.messages).toContainEqual(expect.objectContaining({ severity: 'fatal', ruleId: 'run:timeout' }));
    expect(slow.messages.find((m) => m.ruleId === 'run:timeout')!.reason).toContain(`${HOSTILE_TIMEOUT_MS} ms`);
    const timedOut = [...docs.values()].filter((doc) => doc.messages.some((m) => m.ruleId === 'run:timeout')).map((doc) => doc.id);
    expect(timedOut).toEqual([corpus.slowId]);
    expect(docs.get('good')!.mentions.length).toBeGreaterThan(0);
  });

  it('should keep every span of every output JSON equal to its slice of the text', () => {
    const bad: string[] = [];
    let checked = 0;
    for (const path of filesUnder(join(corpus.out, 'json'))) {
      const doc = JSON.parse(readFileSync(path, 'utf8')) as DocJson;
      const spans: SpanJson[] = [...doc.mentions, ...doc.dates, ...doc.quotes];
      for (const q of doc.quotes) spans.push(...[q.cue, q.speaker].filter((s): s is SpanJson => s !== null));
      for (const s of spans) {
        checked++;
        if (!(s.start >= 0 && s.start <= s.end && s.end <= doc.text.length && doc.text.slice(s.start, s.end) === s.text)) {
          bad.push(`${doc.id} [${s.start}, ${s.end}) ${JSON.stringify(s.text)}`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('should count offsets in UTF-16 code units after emoji and astral characters', () => {
    const doc = docs.get(corpus.astralId)!;
    const name = doc.mentions.find((m) => m.text === 'Antony Blinken');
    expect(name, JSON.stringify(doc.mentions)).toBeDefined();
    expect(name!.start).toBe(doc.text.indexOf('Antony Blinken'));
    // The text before the name holds surrogate pairs, so code points and code units differ there.
    expect([...doc.text.slice(0, name!.start)].length).toBeLessThan(name!.start);
  });

  it('should read UTF-16 and Windows-1252 files into the same text as UTF-8', () => {
    expect(docs.get('utf16le')!.text).toBe(docs.get('utf16be')!.text);
    expect(docs.get('utf16le')!.text.startsWith('South Korean')).toBe(true);
    expect(docs.get('cp1252')!.text).toContain('“We’re closed for the summer.”');
  });

  it('should write nothing outside --out, and leave no temporary files', () => {
    expect(snapshot(corpus.root, corpus.out)).toEqual(before);
    expect(filesUnder(corpus.root).filter((path) => path.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(join(corpus.out, 'planted.txt'), 'utf8')).toContain('Park Jin');
  });

  it('should write hostile ids inside the output folder, each to its own file', () => {
    const outputs = ['../../x', '/etc/passwd', 'etc/passwd'].map((id) => join(corpus.out, 'json', `${safeRelativePath(id)}.json`));
    for (const path of outputs) expect(relative(corpus.out, path).startsWith('..')).toBe(false);
    expect(new Set(outputs).size).toBe(3);
    expect(docs.get('/etc/passwd')!.text).not.toBe(docs.get('etc/passwd')!.text);
  });

  it('should write CSVs that csv-parse reads back with a full row each', () => {
    for (const name of readdirSync(join(corpus.out, 'csv'))) {
      const raw = readFileSync(join(corpus.out, 'csv', name));
      const rows = parse(raw, { bom: true, relax_column_count: false }) as string[][];
      expect(rows.length, name).toBeGreaterThan(0);
    }
    const documents = readCsv(join(corpus.out, 'csv', 'documents.csv'));
    expect(documents.map((d) => d.doc_id)).toContain('names/new\nline');
  });

  it('should neutralize every CSV cell a spreadsheet would run as a formula', () => {
    const formulas: string[] = [];
    for (const name of readdirSync(join(corpus.out, 'csv'))) {
      const rows = parse(readFileSync(join(corpus.out, 'csv', name)), { bom: true }) as string[][];
      for (const cell of rows.flat()) if (/^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell)) formulas.push(`${name}: ${cell.slice(0, 40)}`);
    }
    expect(formulas).toEqual([]);
    const documents = readCsv(join(corpus.out, 'csv', 'documents.csv'));
    expect(documents.map((d) => d.doc_id)).toContain("'=HYPERLINK(1)+cmd");
  });

  it('should give the same documents on a second run over its own output, reusing unchanged ones', async () => {
    const second = await runCli(['annotate', corpus.corpus, corpus.jsonl, '--out', corpus.out, '--config', corpus.config, '--quiet']);
    expect(second.code, second.stderr).toBe(1);
    const runJson = JSON.parse(readFileSync(join(corpus.out, 'run.json'), 'utf8'));
    expect(runJson.documents.map((d: { id: string }) => d.id).sort()).toEqual(corpus.cases.map((c) => c.id).sort());
    expect(runJson.counts.reused).toBeGreaterThan(0);
    expect(snapshot(corpus.root, corpus.out)).toEqual(before);
    expect(statSync(corpus.out).isDirectory()).toBe(true);
  }, 60_000);
});

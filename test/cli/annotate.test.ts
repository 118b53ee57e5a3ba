import { parse } from 'csv-parse/sync';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { tempDir } from '../helpers/temp-dir.js';

const ARTICLE = `date 2022-06-15
South Korean Foreign Minister Park Jin met US Secretary of State Antony Blinken in Washington on Monday.

Park said, “We want the pact to be normalized as soon as possible.”
`;

function makeCorpus(): string {
  const dir = tempDir();
  const corpus = join(dir, 'corpus');
  mkdirSync(join(corpus, 'sub'), { recursive: true });
  writeFileSync(join(corpus, 'korea.txt'), ARTICLE);
  writeFileSync(join(corpus, 'sub', 'empty.txt'), '');
  writeFileSync(join(corpus, 'sub', 'broken.txt'), Buffer.from([0xe2, 0x80, 0x9c, 0x48, 0x69, 0xff, 0x0a]));
  writeFileSync(join(corpus, 'formula.md'), '=HYPERLINK("http://x","click"), he said, "a, b\nc".\n');
  writeFileSync(join(corpus, 'ignored.json'), '{}');
  return dir;
}

const quietRun = (args: string[]) => run([...args, '--quiet']);

describe('cli: annotate', () => {
  const dir = makeCorpus();
  const out = join(dir, 'out');
  let exitCode = -1;

  it('should exit 1 when one document failed, and still annotate the others', async () => {
    exitCode = await quietRun(['annotate', join(dir, 'corpus'), '--out', out]);
    expect(exitCode).toBe(1);
    const korea = JSON.parse(readFileSync(join(out, 'json', 'korea.json'), 'utf8'));
    expect(korea.published).toBe('2022-06-15');
    expect(korea.status).toBe('ok');
    for (const mention of korea.mentions) expect(korea.text.slice(mention.start, mention.end)).toBe(mention.text);
    expect(readdirSync(join(out, 'json')).sort()).toEqual(['formula.json', 'korea.json', 'sub']);
  });

  it('should give an empty file no annotations and an info message', () => {
    const empty = JSON.parse(readFileSync(join(out, 'json', 'sub', 'empty.json'), 'utf8'));
    expect(empty.status).toBe('ok');
    expect(empty.mentions).toEqual([]);
    expect(empty.messages).toEqual([expect.objectContaining({ severity: 'info', ruleId: 'read-corpus:empty' })]);
  });

  it('should give invalid UTF-8 a fatal message, listed in run.json and messages.csv', () => {
    const broken = JSON.parse(readFileSync(join(out, 'json', 'sub', 'broken.json'), 'utf8'));
    expect(broken.status).toBe('failed');
    const runJson = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(runJson.failed).toEqual(['sub/broken']);
    const messages = parse(readFileSync(join(out, 'csv', 'messages.csv')), { columns: true, bom: true });
    expect(messages).toContainEqual(expect.objectContaining({ doc_id: 'sub/broken', severity: 'fatal', rule_id: 'read-corpus:invalid-utf8' }));
  });

  it('should write CSVs that round-trip through csv-parse, with a BOM, sorted by document then offset', () => {
    const raw = readFileSync(join(out, 'csv', 'documents.csv'));
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const documents = parse(raw, { columns: true, bom: true }) as Record<string, string>[];
    expect(documents.map((d) => d.doc_id)).toEqual(['formula', 'korea', 'sub/broken', 'sub/empty']);
    const korea = JSON.parse(readFileSync(join(out, 'json', 'korea.json'), 'utf8'));
    const mentions = parse(readFileSync(join(out, 'csv', 'mentions.csv')), { columns: true, bom: true, cast: false }) as Record<string, string>[];
    const koreaRows = mentions.filter((m) => m.doc_id === 'korea');
    expect(koreaRows.map((m) => m.text)).toEqual(korea.mentions.map((m: { text: string }) => m.text));
    const starts = koreaRows.map((m) => Number(m.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('should list corpus entities in entities.csv with counts and the first document', () => {
    const rows = parse(readFileSync(join(out, 'csv', 'entities.csv')), { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(['entity_id', 'name', 'type', 'kb', 'aliases', 'mention_count', 'document_count', 'quote_count', 'first_document', 'candidates']);
    const park = rows.find((row) => row.name === 'Park Jin');
    expect(park).toMatchObject({ type: 'PERSON', document_count: '1', first_document: 'korea' });
    expect(Number(park?.mention_count)).toBeGreaterThanOrEqual(2);
    expect(Number(park?.quote_count)).toBe(1);
  });

  it('should neutralize formula cells and keep embedded newlines, commas and quotes', () => {
    const documents = parse(readFileSync(join(out, 'csv', 'documents.csv')), { columns: true, bom: true });
    expect(documents).toHaveLength(4);
    const quotes = parse(readFileSync(join(out, 'csv', 'quotes.csv')), { columns: true, bom: true }) as Record<string, string>[];
    for (const quote of quotes.filter((q) => q.doc_id === 'formula')) expect(quote.text).not.toMatch(/^[=+\-@]/);
  });

  it('should re-use unchanged documents and give byte-identical per-document files', async () => {
    const before = readFileSync(join(out, 'json', 'korea.json'), 'utf8');
    const entitiesBefore = readFileSync(join(out, 'entities.json'), 'utf8');
    expect(await quietRun(['annotate', join(dir, 'corpus'), '--out', out])).toBe(1);
    const runJson = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(runJson.counts.reused).toBe(4);
    expect(readFileSync(join(out, 'json', 'korea.json'), 'utf8')).toBe(before);
    expect(readFileSync(join(out, 'entities.json'), 'utf8')).toBe(entitiesBefore);
  });

  it('should annotate again a document whose input moved, so its outputs name the new source', async () => {
    const moved = join(dir, 'moved');
    mkdirSync(moved);
    writeFileSync(join(moved, 'korea.txt'), ARTICLE);
    const movedOut = join(dir, 'moved-out');
    await quietRun(['annotate', join(dir, 'corpus'), '--out', movedOut]);
    await quietRun(['annotate', moved, '--out', movedOut]);
    const korea = JSON.parse(readFileSync(join(movedOut, 'json', 'korea.json'), 'utf8'));
    expect(korea.source).toBe(join(moved, 'korea.txt'));
    const documents = parse(readFileSync(join(movedOut, 'csv', 'documents.csv'), 'utf8'), { columns: true, bom: true }) as { doc_id: string; source: string }[];
    expect(documents.find((row) => row.doc_id === 'korea')?.source).toBe(join(moved, 'korea.txt'));
  });

  it('should fail only the document whose JSON path is another document\'s folder, and go on', async () => {
    const corpus = join(dir, 'colliding');
    mkdirSync(join(corpus, 'x.json'), { recursive: true });
    writeFileSync(join(corpus, 'x.txt'), ARTICLE);
    writeFileSync(join(corpus, 'x.json', 'y.txt'), ARTICLE);
    writeFileSync(join(corpus, 'z.txt'), ARTICLE);
    const collidingOut = join(dir, 'colliding-out');
    expect(await quietRun(['annotate', corpus, '--out', collidingOut])).toBe(1);
    const runJson = JSON.parse(readFileSync(join(collidingOut, 'run.json'), 'utf8'));
    expect(runJson.failed).toEqual(['x']);
    expect(JSON.parse(readFileSync(join(collidingOut, 'json', 'z.json'), 'utf8')).status).toBe('ok');
    expect(JSON.parse(readFileSync(join(collidingOut, 'json', 'x.json', 'y.json'), 'utf8')).status).toBe('ok');
    const messages = parse(readFileSync(join(collidingOut, 'csv', 'messages.csv'), 'utf8'), { columns: true, bom: true }) as { doc_id: string; rule_id: string; reason: string }[];
    expect(messages.find((m) => m.doc_id === 'x')).toMatchObject({ rule_id: 'run:write' });
    expect(messages.find((m) => m.doc_id === 'x')!.reason).toContain(join(collidingOut, 'json', 'x.json'));
  });

  it('should annotate a document that failed with run:write again once its path is free, not reuse the failure', async () => {
    const corpus = join(dir, 'freed');
    mkdirSync(join(corpus, 'x.json'), { recursive: true });
    writeFileSync(join(corpus, 'x.txt'), ARTICLE);
    writeFileSync(join(corpus, 'x.json', 'y.txt'), ARTICLE);
    const freedOut = join(dir, 'freed-out');
    expect(await quietRun(['annotate', corpus, '--out', freedOut])).toBe(1);
    // The colliding document goes, and with it the folder that took x's path.
    rmSync(join(corpus, 'x.json'), { recursive: true });
    rmSync(join(freedOut, 'json', 'x.json'), { recursive: true });
    expect(await quietRun(['annotate', corpus, '--out', freedOut])).toBe(0);
    expect(JSON.parse(readFileSync(join(freedOut, 'json', 'x.json'), 'utf8')).status).toBe('ok');
    expect(JSON.parse(readFileSync(join(freedOut, 'run.json'), 'utf8')).failed).toEqual([]);
  });

  it('should write a document once the document whose folder took its path is gone from the corpus', async () => {
    const corpus = join(dir, 'replaced');
    mkdirSync(join(corpus, 'x.json'), { recursive: true });
    writeFileSync(join(corpus, 'x.json', 'y.txt'), ARTICLE);
    const replacedOut = join(dir, 'replaced-out');
    expect(await quietRun(['annotate', corpus, '--out', replacedOut])).toBe(0);
    rmSync(join(corpus, 'x.json'), { recursive: true });
    writeFileSync(join(corpus, 'x.txt'), ARTICLE);
    // json/x.json/ still holds y's output while x is annotated: x fails, and y's output is removed after.
    expect(await quietRun(['annotate', corpus, '--out', replacedOut])).toBe(1);
    expect(await quietRun(['annotate', corpus, '--out', replacedOut])).toBe(0);
    expect(JSON.parse(readFileSync(join(replacedOut, 'json', 'x.json'), 'utf8')).status).toBe('ok');
  });

  it('should exit 2 with a one-line reason when an input path is missing', async () => {
    expect(await quietRun(['annotate', join(dir, 'nope'), '--out', join(dir, 'out2')])).toBe(2);
    expect(existsSync(join(dir, 'out2'))).toBe(false);
  });

  it('should exit 2 on an unknown option and not annotate anything', async () => {
    expect(await quietRun(['annotate', join(dir, 'corpus'), '--out', join(dir, 'out3'), '--bogus'])).toBe(2);
    expect(existsSync(join(dir, 'out3'))).toBe(false);
  });

  it('should exit 2 naming the cache journal when a merge meets a shard whose cache entries it cannot read', async () => {
    const shard = join(dir, 'foreign-shard');
    expect(await quietRun(['annotate', join(dir, 'corpus'), '--out', shard])).toBe(1);
    const journals = join(shard, '.byline', 'journal');
    for (const name of readdirSync(journals)) writeFileSync(join(journals, name), '{"not": "a cache entry"\n');
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (errors.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      expect(await quietRun(['merge', shard, '--out', join(dir, 'merged')])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(errors.join('')).toMatch(/journal: no cache entry for document `[^`]+`, expected one written by this version of byline/);
    expect(errors.join('').match(/no cache entry/g)).toHaveLength(1);
  });

  it('should exit 2 on a config with unknown keys, naming every problem with its path', async () => {
    const config = join(dir, 'bad.config.json');
    writeFileSync(config, JSON.stringify({ output: { csvBom: 'yes' }, colour: true }));
    const errors: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => errors.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      expect(await quietRun(['annotate', join(dir, 'corpus'), '--config', config])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    const text = errors.join('');
    expect(text).toContain('output.csvBom');
    expect(text).toMatch(/colour/);
  });

  it.each([
    ['a missing knowledge base', { stages: { 'link-entities': { knowledgeBase: 'missing-kb.jsonl' } } }, /stages: .*missing-kb\.jsonl/],
    ['a malformed glob', { corpus: { include: ['**/*.{txt'] } }, /corpus\.include\.0: expected a valid glob/],
    ['a glob leaving the folder', { corpus: { exclude: ['../secret/*'] } }, /corpus\.exclude\.0: expected a glob relative/],
  ])('should exit 2 on %s, naming the problem and never printing a stack trace', async (_name, raw, expected) => {
    const config = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(config, JSON.stringify(raw));
    const errors: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => errors.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      expect(await quietRun(['annotate', join(dir, 'corpus'), '--out', join(dir, 'never'), '--config', config])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(errors.join('')).toMatch(expected);
    expect(errors.join('')).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('should turn the BOM off when the config says so, and read a JSONL file', async () => {
    const config = join(dir, 'nobom.config.json');
    writeFileSync(config, JSON.stringify({ output: { csvBom: false } }));
    const jsonl = join(dir, 'articles.jsonl');
    writeFileSync(jsonl, [JSON.stringify({ id: 'a1', text: 'Park said it was fine.', published: '2022-06-15' }), '{oops', ''].join('\n'));
    const out3 = join(dir, 'out3');
    expect(await quietRun(['annotate', jsonl, '--out', out3, '--config', config])).toBe(1);
    const raw = readFileSync(join(out3, 'csv', 'documents.csv'), 'utf8');
    expect(raw.startsWith('doc_id,')).toBe(true);
    const messages = parse(readFileSync(join(out3, 'csv', 'messages.csv')), { columns: true }) as Record<string, string>[];
    expect(messages).toContainEqual(expect.objectContaining({ doc_id: 'articles#L2', line: '2', rule_id: 'read-corpus:bad-jsonl' }));
  });
});

describe('cli: annotate again over an unchanged corpus', () => {
  /** Every JSON file of an output folder, with its content and modification time. */
  const jsonFiles = (out: string) => {
    const files = new Map<string, string>();
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else files.set(path, `${statSync(path).mtimeMs} ${readFileSync(path, 'utf8')}`);
      }
    };
    walk(join(out, 'json'));
    return files;
  };

  // The sample corpus has documents whose ids the corpus linker changes after phase 1 wrote them
  // (a name typed two ways in different articles): the last corpus pass rewrote their files, so they
  // differ from what phase 1 writes. A re-run used to write them back, then again in its corpus pass.
  it('should leave every JSON file as it is, modification time included', async () => {
    const out = join(tempDir(), 'out');
    expect(await quietRun(['annotate', 'corpus', '--out', out])).toBe(0);
    const before = jsonFiles(out);
    await new Promise((done) => setTimeout(done, 20));
    expect(await quietRun(['annotate', 'corpus', '--out', out])).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).counts.reused).toBe(before.size);
    expect(jsonFiles(out)).toEqual(before);
  });
});

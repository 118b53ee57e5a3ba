/**
 * The HTML report of an output folder: `<out>/report/index.html` (counts, charts, timeline, article
 * list), `articles/<doc>.html` (highlighted text), `entities/<entity>.html` (every mention and quote),
 * and paginated lists. Pages are static HTML with inline CSS and SVG: no script, no network.
 *
 * Memory: documents are streamed one at a time from `json/`; only a compact index (summaries and
 * capped per-entity hits with short contexts) is kept. Every file is written atomically; pages of
 * documents or entities gone since the last report are removed.
 *
 * Known limits: entity pages list at most DEFAULT_HIT_CAP mentions and quotes each (with a count of
 * the rest); the timeline counts only dates that name a day, week or month.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { DocumentJson } from '../sinks/document-json.js';
import { writeFileAtomic } from '../sinks/atomic-write.js';
import { CorpusIndex, DEFAULT_HIT_CAP } from './corpus-index.js';
import { renderArticle } from './render-article.js';
import { type CorpusEntityJson, renderEntity } from './render-entity.js';
import { PAGE_SIZE, renderArticleListPage, renderEntityListPage, renderOverview, type RunFacts } from './render-overview.js';
import { ARTICLES_DIR, ENTITIES_DIR, listPageName, pageName } from './paths.js';
import { documentTitle } from './title.js';

/** A manifest entry, as far as the report needs it. */
interface ManifestEntry {
  id: string;
  status?: string;
  file?: string;
}

/** Options for tests and the bench. */
export interface ReportOptions {
  /** Hits per entity and kind listed on entity pages. */
  hitCap?: number;
}

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

async function readOptionalJson<T>(path: string): Promise<T | undefined> {
  try {
    return await readJson<T>(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Unexpected unreadable \`${path}\`: ${(error as Error).message}`);
  }
}

/** The JSON file of a manifest entry, refusing any path that leaves `json/`. */
function documentPath(jsonDir: string, entry: ManifestEntry): string {
  const path = resolve(jsonDir, `${entry.file ?? entry.id}.json`);
  const rel = relative(jsonDir, path);
  if (rel.startsWith('..') || rel.split(sep).includes('..')) throw new Error(`Unexpected document file \`${entry.file}\` outside \`json/\``);
  return path;
}

/** Fill arrays an older or partial document file may lack, so rendering never trips on them. */
function normalize(doc: DocumentJson, entry: ManifestEntry): DocumentJson {
  return {
    ...doc,
    id: typeof doc.id === 'string' ? doc.id : entry.id,
    source: typeof doc.source === 'string' ? doc.source : '',
    published: doc.published ?? null,
    text: typeof doc.text === 'string' ? doc.text : '',
    mentions: doc.mentions ?? [],
    dates: doc.dates ?? [],
    quotes: doc.quotes ?? [],
    entities: doc.entities ?? [],
    messages: doc.messages ?? [],
  };
}

/** A stand-in for a document whose JSON cannot be read, so the report still lists it. */
function unreadable(entry: ManifestEntry, error: Error): DocumentJson {
  return {
    schemaVersion: '',
    id: entry.id,
    source: entry.file ?? entry.id,
    published: null,
    status: 'failed',
    text: '',
    mentions: [],
    dates: [],
    quotes: [],
    entities: [],
    messages: [{ severity: 'fatal', ruleId: 'report:unreadable-document', reason: `Unexpected unreadable document JSON: ${error.message}` }],
  };
}

/** At most `limit` atomic writes in flight, so disk waits overlap with rendering. */
class WriteQueue {
  private readonly pending = new Set<Promise<void>>();
  private failure: Error | undefined;
  constructor(private readonly limit: number) {}

  /** Start writing `content` to `path`; waits only when `limit` writes are already in flight. */
  async write(path: string, content: string): Promise<void> {
    if (this.failure) throw this.failure;
    const p: Promise<void> = writeFileAtomic(path, content)
      .catch((error: Error) => {
        this.failure ??= error;
      })
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
    if (this.pending.size >= this.limit) await Promise.race(this.pending);
  }

  /** Wait for every write; rethrow the first failure. */
  async drain(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failure) throw this.failure;
  }
}

/** Remove `.html` pages in `dir` that this run did not write. */
async function removeStale(dir: string, keep: ReadonlySet<string>, match: (name: string) => boolean): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => match(n) && !keep.has(n)).map((n) => rm(join(dir, n), { force: true })));
}

/**
 * Write `<outDir>/report/index.html` and its pages from an output folder.
 * @param outDir a folder written by `byline annotate`
 * @param options hit cap per entity page
 * @returns the path of index.html
 */
export async function writeReport(outDir: string, options: ReportOptions = {}): Promise<string> {
  const manifest = await readOptionalJson<{ documents?: ManifestEntry[] }>(join(outDir, 'manifest.json'));
  if (!manifest || !Array.isArray(manifest.documents)) {
    throw new Error(`Unexpected folder \`${outDir}\` without \`manifest.json\`, expected an output folder written by \`byline annotate\``);
  }
  const entities = (await readOptionalJson<CorpusEntityJson[]>(join(outDir, 'entities.json'))) ?? [];
  const run = (await readOptionalJson<{ tool?: { version?: string }; configHash?: string; inputs?: string[] }>(join(outDir, 'run.json'))) ?? {};
  const facts: RunFacts = { tool: run.tool?.version, configHash: run.configHash, inputs: run.inputs };
  const reportDir = join(outDir, 'report');
  const jsonDir = resolve(outDir, 'json');
  const byId = new Map(entities.map((e) => [e.id, e]));
  const extra = new Map<string, CorpusEntityJson>(); // ids the documents use but entities.json lacks
  const entityOf = (id: string): { name: string; type: string } | undefined => byId.get(id) ?? extra.get(id);

  // Pass 1: stream documents (reading the next while rendering this one), write article pages.
  const index = new CorpusIndex(options.hitCap ?? DEFAULT_HIT_CAP);
  const docs = manifest.documents;
  const load = (i: number): Promise<DocumentJson> | undefined => {
    const entry = docs[i];
    if (!entry) return undefined;
    return (async () => normalize(await readJson<DocumentJson>(documentPath(jsonDir, entry)), entry))().catch((error: Error) =>
      unreadable(entry, error),
    );
  };
  const writes = new WriteQueue(16);
  const articlePages = new Set<string>();
  let pending = load(0);
  for (let i = 0; pending; i++) {
    const doc = await pending;
    pending = load(i + 1);
    for (const e of doc.entities) {
      if (!byId.has(e.id) && !extra.has(e.id)) extra.set(e.id, { ...e, documents: 0, mentions: 0, quotes: 0 });
    }
    const title = documentTitle(doc.text, doc.id);
    index.add(doc, title);
    const prev = docs[i - 1];
    const next = docs[i + 1];
    const html = renderArticle(doc, {
      entity: entityOf,
      title,
      prev: prev ? { id: prev.id, title: prev.id } : undefined,
      next: next ? { id: next.id, title: next.id } : undefined,
    });
    const name = pageName(doc.id);
    articlePages.add(name);
    await writes.write(join(reportDir, ARTICLES_DIR, name), html);
  }

  // Pass 2: entity pages from the index.
  const all = [...entities, ...extra.values()];
  const entityPages = new Set<string>();
  const nameOf = (id: string): string | undefined => entityOf(id)?.name;
  for (const entity of all) {
    const name = pageName(entity.id);
    entityPages.add(name);
    await writes.write(join(reportDir, ENTITIES_DIR, name), renderEntity(entity, index.entities.get(entity.id), index.docs, nameOf));
  }

  // Lists, then the overview last.
  const articleListPages = Math.max(1, Math.ceil(index.docs.length / PAGE_SIZE));
  const listPages = new Set<string>();
  for (let p = 2; p <= articleListPages; p++) {
    listPages.add(listPageName('articles', p));
    await writes.write(join(reportDir, listPageName('articles', p)), renderArticleListPage(index, p));
  }
  const sorted = [...all].sort((a, b) => b.mentions - a.mentions || b.quotes - a.quotes || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const entityListPages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  for (let p = 1; p <= entityListPages; p++) {
    listPages.add(listPageName('entities', p));
    await writes.write(join(reportDir, listPageName('entities', p)), renderEntityListPage(sorted, p));
  }
  await writes.drain(); // every page exists before the overview that links to them
  const indexPath = join(reportDir, 'index.html');
  await writeFileAtomic(indexPath, renderOverview(index, entities, facts));

  await removeStale(join(reportDir, ARTICLES_DIR), articlePages, (n) => n.endsWith('.html'));
  await removeStale(join(reportDir, ENTITIES_DIR), entityPages, (n) => n.endsWith('.html'));
  await removeStale(reportDir, listPages, (n) => /^(articles|entities)-\d+\.html$/.test(n));
  return indexPath;
}

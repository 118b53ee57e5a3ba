/**
 * The corpus overview (index.html: counts, charts, timeline, then the first page of the article
 * list) and the other paginated list pages (articles-N.html, entities-N.html). Pages stay small
 * whatever the corpus size, so the overview renders fast.
 */
import type { CorpusIndex, DocSummary } from './corpus-index.js';
import { escapeAttr, escapeHtml } from './escape-html.js';
import { renderPage, renderPager, TYPE_NAMES, typeLabel } from './layout.js';
import { articleHref, entityHref, listPageName } from './paths.js';
import type { CorpusEntityJson } from './render-entity.js';
import { type Bar, type MonthCount, renderBarChart, renderTimeline } from './svg-charts.js';

/** Rows per list page. */
export const PAGE_SIZE = 100;
/** Bars per ranking chart. */
export const TOP_N = 15;
/** At most this many months on the timeline. */
const MAX_MONTHS = 240;

/** Facts from run.json worth showing (all optional: the file may be missing). */
export interface RunFacts {
  tool?: string;
  configHash?: string;
  inputs?: string[];
}

/**
 * The months to chart: consecutive months between the first and last month seen. When that is more
 * than MAX_MONTHS, the outer 2.5 % of dates on each side are trimmed, then the most recent months kept.
 * @param months counts by `YYYY-MM`
 * @returns the months and a note on what was left out
 */
export function timelineMonths(months: ReadonlyMap<string, number>): { months: MonthCount[]; note: string } {
  const keys = [...months.keys()].sort();
  if (keys.length === 0) return { months: [], note: '' };
  const index = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const label = (i: number): string => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
  let lo = index(keys[0]!);
  let hi = index(keys[keys.length - 1]!);
  if (hi - lo + 1 > MAX_MONTHS) {
    const total = [...months.values()].reduce((a, b) => a + b, 0);
    const cut = total * 0.025;
    let acc = 0;
    for (const k of keys) {
      acc += months.get(k)!;
      if (acc > cut) {
        lo = index(k);
        break;
      }
    }
    acc = 0;
    for (let i = keys.length - 1; i >= 0; i--) {
      acc += months.get(keys[i]!)!;
      if (acc > cut) {
        hi = index(keys[i]!);
        break;
      }
    }
    lo = Math.max(lo, hi - MAX_MONTHS + 1);
  }
  const out: MonthCount[] = [];
  let shown = 0;
  for (let i = lo; i <= hi; i++) {
    const value = months.get(label(i)) ?? 0;
    shown += value;
    out.push({ month: label(i), value });
  }
  const all = [...months.values()].reduce((a, b) => a + b, 0);
  const note = all > shown ? `${all - shown} dates outside ${label(lo)} … ${label(hi)} are not shown (earliest ${keys[0]}, latest ${keys[keys.length - 1]}).` : '';
  return { months: out, note };
}

function topBars(entities: readonly CorpusEntityJson[], type: string | null, key: 'mentions' | 'quotes'): Bar[] {
  return entities
    .filter((e) => (type === null || e.type === type) && e[key] > 0)
    .sort((a, b) => b[key] - a[key] || (a.name < b.name ? -1 : 1))
    .slice(0, TOP_N)
    .map((e) => ({ label: e.name, value: e[key], href: entityHref(e.id, false) }));
}

function count(label: string, key: string, value: number): string {
  return `<div><dt>${escapeHtml(label)}</dt><dd data-count="${escapeAttr(key)}">${value.toLocaleString('en-US')}</dd></div>`;
}

function articleTable(docs: readonly DocSummary[], first: number): string {
  const rows = docs.map((d, i) => {
    const status = d.status === 'failed' ? ' <strong class="msg-fatal">failed</strong>' : '';
    return (
      `<tr><td class="n">${first + i + 1}</td><td><a href="${escapeAttr(articleHref(d.id, false))}">${escapeHtml(d.title)}</a>${status}<br><span class="muted">${escapeHtml(d.id)}</span></td>` +
      `<td class="nw">${escapeHtml(d.published ?? '')}</td><td class="n">${d.mentions}</td><td class="n">${d.quotes}</td><td class="n">${d.dates}</td><td class="n">${d.warnings}</td></tr>`
    );
  });
  return (
    '<table class="articles"><thead><tr><th class="n">#</th><th>Article</th><th>Published</th><th class="n">Mentions</th><th class="n">Quotes</th><th class="n">Dates</th><th class="n">Warnings</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/**
 * One page of the article list (page 1 is part of index.html).
 * @param index the corpus index
 * @param page 1-based page number
 */
export function renderArticleList(index: CorpusIndex, page: number): string {
  const pages = Math.max(1, Math.ceil(index.docs.length / PAGE_SIZE));
  const first = (page - 1) * PAGE_SIZE;
  const slice = index.docs.slice(first, first + PAGE_SIZE);
  const pager = renderPager(page, pages, (p) => listPageName('articles', p), 'Article list');
  const range = index.docs.length === 0 ? 'none' : `${first + 1}–${first + slice.length} of ${index.docs.length}`;
  return `<h2 id="articles">Articles <span class="muted">(${range})</span></h2>${pager}${articleTable(slice, first)}${pager}`;
}

/**
 * A stand-alone article list page (page ≥ 2).
 * @param index the corpus index
 * @param page 1-based page number
 */
export function renderArticleListPage(index: CorpusIndex, page: number): string {
  return renderPage({ title: `Articles, page ${page}`, body: renderArticleList(index, page), root: '' });
}

/**
 * A page of the entity list, most mentioned first.
 * @param sorted all entities, sorted
 * @param page 1-based page number
 */
export function renderEntityListPage(sorted: readonly CorpusEntityJson[], page: number): string {
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const first = (page - 1) * PAGE_SIZE;
  const rows = sorted.slice(first, first + PAGE_SIZE).map(
    (e, i) =>
      `<tr><td class="n">${first + i + 1}</td><td><a href="${escapeAttr(entityHref(e.id, false))}">${escapeHtml(e.name)}</a></td>` +
      `<td>${escapeHtml(typeLabel(e.type))}</td><td class="n">${e.documents}</td><td class="n">${e.mentions}</td><td class="n">${e.quotes}</td></tr>`,
  );
  const pager = renderPager(page, pages, (p) => listPageName('entities', p), 'Entity list');
  const body =
    `<h1>Entities <span class="muted">(${sorted.length})</span></h1><p class="muted">Most mentioned first.</p>${pager}` +
    '<table><thead><tr><th class="n">#</th><th>Entity</th><th>Type</th><th class="n">Documents</th><th class="n">Mentions</th><th class="n">Quotes</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>${pager}`;
  return renderPage({ title: `Entities, page ${page}`, body, root: '' });
}

/**
 * index.html: counts, charts, timeline, and the first page of articles.
 * @param index the corpus index
 * @param entities entities.json
 * @param run facts from run.json
 */
export function renderOverview(index: CorpusIndex, entities: readonly CorpusEntityJson[], run: RunFacts): string {
  const t = index.totals;
  const byType = (type: string): number => t.mentionTypes.get(type) ?? 0;
  const entityCount = (type: string): number => entities.filter((e) => e.type === type).length;
  const counts =
    '<dl class="counts">' +
    count('Documents', 'documents', index.docs.length) +
    count('Failed', 'failed', t.failed) +
    count('Characters', 'chars', t.chars) +
    count('Mentions', 'mentions', t.mentions) +
    count('Entities', 'entities', entities.length) +
    count('People', 'people', entityCount('PERSON')) +
    count('Organizations', 'organizations', entityCount('ORGANIZATION')) +
    count('Places', 'places', entityCount('LOCATION')) +
    count('Quotes', 'quotes', t.quotes) +
    count('Dates', 'dates', t.dates) +
    count('Warnings', 'warnings', t.warnings) +
    '</dl>';
  const mentionTypes = ['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC']
    .map((type) => `${escapeHtml(TYPE_NAMES[type] ?? type)} ${byType(type)}`)
    .join(' · ');
  const kinds = [...t.quoteKinds.entries()].map(([k, v]) => `${escapeHtml(k)} ${v}`).join(' · ');
  const timeline = timelineMonths(index.months);
  const charts =
    '<div class="charts">' +
    renderBarChart('Most-mentioned people', topBars(entities, 'PERSON', 'mentions'), { color: '#1d4ed8', labelHeader: 'Person', valueHeader: 'Mentions' }) +
    renderBarChart('Most-mentioned organizations', topBars(entities, 'ORGANIZATION', 'mentions'), { color: '#b45309', labelHeader: 'Organization', valueHeader: 'Mentions' }) +
    renderBarChart('Most-quoted speakers', topBars(entities, null, 'quotes'), { color: '#27272a', labelHeader: 'Speaker', valueHeader: 'Quotes' }) +
    '</div>' +
    renderTimeline(
      `Dates mentioned, by month (${t.datesInMonths} of ${t.dates} date expressions name a day, week or month)`,
      timeline.months,
      timeline.note,
    );
  const facts = [
    run.tool ? `byline ${escapeHtml(run.tool)}` : '',
    run.configHash ? `config <code>${escapeHtml(run.configHash)}</code>` : '',
    run.inputs && run.inputs.length > 0
      ? `inputs ${run.inputs.slice(0, 5).map((i) => `<code>${escapeHtml(i)}</code>`).join(', ')}${run.inputs.length > 5 ? ` and ${run.inputs.length - 5} more` : ''}`
      : '',
  ].filter(Boolean);
  const body =
    `<h1>Corpus report</h1>${facts.length > 0 ? `<p class="muted">${facts.join(' · ')}</p>` : ''}` +
    `${counts}<p class="muted">Mentions by type: ${mentionTypes}${kinds ? ` · Quotes by kind: ${kinds}` : ''} · <a href="${listPageName('entities', 1)}">All entities</a></p>` +
    `<h2>Charts</h2>${charts}` +
    renderArticleList(index, 1);
  return renderPage({ title: 'Corpus report', body, root: '' });
}

/**
 * An entity page: its names, counts, and every quote and mention of it across the corpus (capped,
 * with an "and N more" note), each linking to the exact place in the article page.
 */
import type { CorpusEntity } from '../linking/link-corpus.js';
import type { EntityHits, DocSummary } from './corpus-index.js';
import { escapeAttr, escapeHtml } from './escape-html.js';
import { renderPage, TYPE_NAMES, typeClass, typeLabel } from './layout.js';
import { articleHref, entityHref } from './paths.js';

/**
 * One row of entities.json, as the corpus linker writes it. The report also makes rows for ids a
 * document uses but entities.json lacks, so the type is loose and the first document optional.
 */
export type CorpusEntityJson = Omit<CorpusEntity, 'type' | 'firstDocument'> & { type: string; firstDocument?: string };

const EMPTY_HITS: EntityHits = { mentions: 0, quotes: 0, documents: 0, lastDoc: -1, mentionHits: [], quoteHits: [] };

function more(shown: number, total: number, what: string): string {
  return total > shown ? `<p class="muted more">… and ${total - shown} more ${what} (see <code>csv/</code> for all of them).</p>` : '';
}

function docLink(doc: DocSummary | undefined, anchor: string, label: string): string {
  if (!doc) return '';
  return `<a href="${escapeAttr(`${articleHref(doc.id, true)}#${anchor}`)}" title="${escapeAttr(doc.title)}">${label}</a>`;
}

/**
 * The entity page.
 * @param entity the entities.json row (or a stand-in for an id only the documents know)
 * @param hits what the corpus index collected for it
 * @param docs the document summaries, by index
 * @param nameOf canonical names of other entities (for candidates)
 */
export function renderEntity(
  entity: CorpusEntityJson,
  hits: EntityHits | undefined,
  docs: readonly DocSummary[],
  nameOf: (id: string) => string | undefined,
): string {
  const h = hits ?? EMPTY_HITS;
  const typeName = TYPE_NAMES[entity.type] ?? entity.type;
  const facts: string[] = [`Id <code>${escapeHtml(entity.id)}</code>`, `type ${escapeHtml(typeName)}`];
  if (entity.kb) facts.push(`knowledge base <code>${escapeHtml(entity.kb)}</code>`);
  let body =
    `<h1><span class="m ${typeClass(entity.type)}">${escapeHtml(entity.name)}<span class="tag">${escapeHtml(typeLabel(entity.type))}</span></span></h1>` +
    `<p class="muted">${facts.join(' · ')}</p>`;
  if (entity.description) body += `<p>${escapeHtml(entity.description)}</p>`;
  if (entity.aliases.length > 0) body += `<p>Also written: ${entity.aliases.map((a) => `<q>${escapeHtml(a)}</q>`).join(', ')}</p>`;
  if (entity.candidates && entity.candidates.length > 0) {
    const links = entity.candidates.map((c) => `<a href="${escapeAttr(entityHref(c, true))}">${escapeHtml(nameOf(c) ?? c)}</a>`);
    body += `<p>Ambiguous: may also mean ${links.join(', ')}.</p>`;
  }
  body +=
    `<dl class="counts"><div><dt>Documents</dt><dd data-count="documents">${h.documents}</dd></div>` +
    `<div><dt>Mentions</dt><dd data-count="mentions">${h.mentions}</dd></div>` +
    `<div><dt>Quotes</dt><dd data-count="quotes">${h.quotes}</dd></div></dl>`;

  body += `<h2 id="quotes">Quotes (${h.quotes})</h2>`;
  if (h.quoteHits.length === 0) body += '<p class="muted">No quotes attributed.</p>';
  else {
    const items = h.quoteHits.map((q) => {
      const doc = docs[q.doc];
      return `<li class="quote"><span class="q">${escapeHtml(q.text)}</span> <span class="muted">(${escapeHtml(q.kind)})</span> — ${docLink(doc, `q${q.index}`, escapeHtml(doc?.title ?? ''))}</li>`;
    });
    body += `<ul class="hits">${items.join('')}</ul>${more(h.quoteHits.length, h.quotes, 'quotes')}`;
  }

  body += `<h2 id="mentions">Mentions (${h.mentions})</h2>`;
  if (h.mentionHits.length === 0) body += '<p class="muted">No mentions.</p>';
  else {
    // Grouped by document, in corpus order (hits arrive in that order).
    const groups: string[] = [];
    let current = -1;
    let items: string[] = [];
    const flush = (): void => {
      if (current < 0) return;
      const doc = docs[current];
      groups.push(`<li><a href="${escapeAttr(articleHref(doc?.id ?? '', true))}">${escapeHtml(doc?.title ?? '')}</a><ul class="hits">${items.join('')}</ul></li>`);
    };
    for (const m of h.mentionHits) {
      if (m.doc !== current) {
        flush();
        current = m.doc;
        items = [];
      }
      const ctx = `<span class="ctx">…${escapeHtml(m.before)}<mark>${escapeHtml(m.text)}</mark>${escapeHtml(m.after)}…</span>`;
      items.push(`<li class="mention">${ctx} ${docLink(docs[m.doc], `m${m.index}`, 'go to mention')}</li>`);
    }
    flush();
    body += `<ul class="docs">${groups.join('')}</ul>${more(h.mentionHits.length, h.mentions, 'mentions')}`;
  }
  return renderPage({ title: entity.name, body, root: '../' });
}

/**
 * An article page: the text with mentions, dates and quotes highlighted, a legend, the quotes as a
 * table and the document's messages. Mentions link to their entity page and show the canonical
 * entity on hover and focus; quotes carry a badge naming the speaker (canonical name).
 */
import type { DocumentJson } from '../sinks/document-json.js';
import { escapeAttr, escapeHtml } from './escape-html.js';
import { type HighlightSpan, renderHighlighted } from './highlight.js';
import { renderPage, TYPE_NAMES, typeClass, typeLabel } from './layout.js';
import { articleHref, entityHref } from './paths.js';

/** What an article page needs to know about the corpus. */
export interface ArticleContext {
  /** Canonical name and type of an entity id, from entities.json (undefined when unknown). */
  entity(id: string): { name: string; type: string } | undefined;
  title: string;
  prev?: { id: string; title: string };
  next?: { id: string; title: string };
}

type Mention = DocumentJson['mentions'][number];
type Quote = DocumentJson['quotes'][number];
type DateJson = DocumentJson['dates'][number];

/** The speaker's name for a quote badge: canonical name, else as written, else `unattributed`. */
export function speakerName(quote: Quote, ctx: Pick<ArticleContext, 'entity'>): string {
  if (quote.speakerEntity) return ctx.entity(quote.speakerEntity)?.name ?? quote.speakerEntity;
  return quote.speaker?.text ?? 'unattributed';
}

function mentionSpan(m: Mention, i: number, ctx: ArticleContext): HighlightSpan {
  const known = m.entity ? ctx.entity(m.entity) : undefined;
  const canonical = known ? `${known.name} (${TYPE_NAMES[known.type] ?? known.type})` : m.entity ? m.entity : 'no linked entity';
  const tip = `${typeLabel(m.type)} ${m.form === 'NAM' ? '' : `(${m.form}) `}→ ${canonical}`;
  const linked = (insideLink: boolean): boolean => m.entity !== null && !insideLink;
  return {
    start: m.start,
    end: m.end,
    rank: 1,
    isLink: linked,
    open(piece, insideLink) {
      const id = piece === 0 ? ` id="m${i}"` : '';
      const cls = `m ${typeClass(m.type)}${piece > 0 ? ' cont' : ''}`;
      const attrs = `class="${cls}"${id} data-m="${i}" title="${escapeAttr(tip)}"`;
      return linked(insideLink) ? `<a ${attrs} href="${escapeAttr(entityHref(m.entity!, true))}">` : `<span ${attrs} tabindex="0">`;
    },
    close(_piece, insideLink) {
      return `<span class="tag">${escapeHtml(typeLabel(m.type))}</span>${linked(insideLink) ? '</a>' : '</span>'}`;
    },
  };
}

function dateSpan(d: DateJson, i: number): HighlightSpan {
  const tip = `${d.type} ${d.value ?? '(unresolved)'}${d.range && d.range.start !== d.range.end ? ` · ${d.range.start} … ${d.range.end}` : ''}`;
  return {
    start: d.start,
    end: d.end,
    rank: 2,
    open(piece) {
      const id = piece === 0 ? ` id="d${i}"` : '';
      return `<span class="m t-DATE${piece > 0 ? ' cont' : ''}"${id} data-d="${i}" tabindex="0" title="${escapeAttr(tip)}">`;
    },
    close() {
      return `<span class="tag">${escapeHtml(typeLabel(d.type))}</span></span>`;
    },
  };
}

function quoteSpan(q: Quote, i: number, ctx: ArticleContext): HighlightSpan {
  const name = speakerName(q, ctx);
  return {
    start: q.start,
    end: q.end,
    rank: 0,
    open(piece, insideLink) {
      if (piece > 0) return `<span class="q cont" data-q="${i}">`;
      const label = `Quote (${q.kind}) by ${name}`;
      const text = `<span class="sr">Quote by </span>❝ ${escapeHtml(name)}`;
      const badge =
        q.speakerEntity && !insideLink
          ? `<a class="badge" href="${escapeAttr(entityHref(q.speakerEntity, true))}" title="${escapeAttr(label)}">${text}</a>`
          : `<span class="badge" title="${escapeAttr(label)}">${q.speakerEntity ? text : `<i>${text}</i>`}</span>`;
      return `<span class="q" id="q${i}" data-q="${i}">${badge}`;
    },
    close() {
      return '</span>';
    },
  };
}

/**
 * The highlighted text of a document (the core of the article page).
 * @param doc the document JSON
 * @param ctx entity names
 */
export function renderArticleText(doc: Pick<DocumentJson, 'text' | 'mentions' | 'dates' | 'quotes'>, ctx: ArticleContext): string {
  const spans: HighlightSpan[] = [];
  doc.quotes.forEach((q, i) => spans.push(quoteSpan(q, i, ctx)));
  doc.mentions.forEach((m, i) => spans.push(mentionSpan(m, i, ctx)));
  doc.dates.forEach((d, i) => spans.push(dateSpan(d, i)));
  return renderHighlighted(doc.text, spans);
}

function legend(): string {
  const item = (type: string, name: string): string =>
    `<li><span class="m ${typeClass(type)}">${escapeHtml(name)}<span class="tag">${escapeHtml(typeLabel(type))}</span></span></li>`;
  return (
    '<ul class="legend" aria-label="Legend">' +
    item('PERSON', 'person') +
    item('ORGANIZATION', 'organization') +
    item('LOCATION', 'place') +
    item('MISC', 'other name') +
    item('DATE', 'date / time') +
    '<li><span class="q"><span class="badge">❝ speaker</span>quotation</span></li></ul>'
  );
}

function quotesTable(doc: DocumentJson, ctx: ArticleContext): string {
  if (doc.quotes.length === 0) return '<p class="muted">No quotes found.</p>';
  const rows = doc.quotes.map((q, i) => {
    const name = escapeHtml(speakerName(q, ctx));
    const speaker = q.speakerEntity ? `<a href="${escapeAttr(entityHref(q.speakerEntity, true))}">${name}</a>` : `<i>${name}</i>`;
    const excerpt = q.text.length > 160 ? `${q.text.slice(0, 159)}…` : q.text;
    return `<tr><td class="n"><a href="#q${i}">${i + 1}</a></td><td>${speaker}</td><td>${escapeHtml(q.kind)}</td><td class="n">${q.confidence.toFixed(2)}</td><td>${escapeHtml(excerpt)}</td></tr>`;
  });
  return `<table><thead><tr><th class="n">#</th><th>Speaker</th><th>Kind</th><th class="n">Conf.</th><th>Quote</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function messagesList(doc: DocumentJson): string {
  if (doc.messages.length === 0) return '';
  const items = doc.messages.map(
    (m) => `<li class="msg-${escapeAttr(m.severity)}"><strong>${escapeHtml(m.severity)}</strong> ${escapeHtml(m.reason)} <code>${escapeHtml(m.ruleId)}</code></li>`,
  );
  return `<h2>Messages</h2><ul>${items.join('')}</ul>`;
}

function neighbours(ctx: ArticleContext): string {
  const link = (rel: string, label: string, d?: { id: string; title: string }): string =>
    d ? `<a rel="${rel}" href="${escapeAttr(articleHref(d.id, true))}">${label} ${escapeHtml(d.title)}</a>` : '';
  const parts = [link('prev', '‹', ctx.prev), link('next', '›', ctx.next)].filter(Boolean);
  return parts.length > 0 ? `<nav class="pager" aria-label="Articles">${parts.join('')}</nav>` : '';
}

/**
 * The full article page.
 * @param doc the document JSON
 * @param ctx entity names, title, neighbours
 */
export function renderArticle(doc: DocumentJson, ctx: ArticleContext): string {
  const failed = doc.status === 'failed' ? '<p class="msg-fatal">This document failed: its annotations are missing or partial.</p>' : '';
  const body =
    `<h1>${escapeHtml(ctx.title)}</h1>` +
    `<p class="muted">Id <code>${escapeHtml(doc.id)}</code> · source <code>${escapeHtml(doc.source)}</code> · published ${escapeHtml(doc.published ?? 'unknown')} · status ${escapeHtml(doc.status)}</p>` +
    failed +
    `<dl class="counts"><div><dt>Mentions</dt><dd data-count="mentions">${doc.mentions.length}</dd></div>` +
    `<div><dt>Entities</dt><dd data-count="entities">${doc.entities.length}</dd></div>` +
    `<div><dt>Quotes</dt><dd data-count="quotes">${doc.quotes.length}</dd></div>` +
    `<div><dt>Dates</dt><dd data-count="dates">${doc.dates.length}</dd></div></dl>` +
    `<h2>Text</h2>${legend()}<p class="muted">Hover over or focus (Tab) a highlight to see its canonical entity; follow it to the entity's page.</p>` +
    `<div class="text" id="text">${renderArticleText(doc, ctx)}</div>` +
    `<h2>Quotes</h2>${quotesTable(doc, ctx)}` +
    messagesList(doc) +
    neighbours(ctx);
  return renderPage({ title: ctx.title, body, root: '../' });
}

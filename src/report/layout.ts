/**
 * The page shell shared by every report page: inline CSS (no network, works from file://), a strict
 * Content-Security-Policy (no script at all, so even a missed escape could not run code), a skip
 * link and the top navigation.
 */
import { escapeHtml } from './escape-html.js';

/** Short labels shown next to every highlight, so the report reads without colour. */
export const TYPE_LABELS: Record<string, string> = {
  PERSON: 'PER',
  ORGANIZATION: 'ORG',
  LOCATION: 'LOC',
  MISC: 'MISC',
  DATE: 'DATE',
  TIME: 'TIME',
  DURATION: 'DUR',
  SET: 'SET',
};

/** Long names for the legend and the tables. */
export const TYPE_NAMES: Record<string, string> = {
  PERSON: 'person',
  ORGANIZATION: 'organization',
  LOCATION: 'place',
  MISC: 'other name',
  DATE: 'date or time expression',
};

/** The short label of a type (unknown types keep their own name). */
export function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}

/** The CSS class of a type: `t-PERSON`; unknown types share `t-OTHER`. */
export function typeClass(type: string): string {
  return type in TYPE_LABELS ? `t-${type}` : 't-OTHER';
}

// Colours pass WCAG AA for the text on them; each type also has its own underline style and label.
const CSS = `
:root{--fg:#1a1a1a;--muted:#555;--bg:#fff;--line:#ccc;--focus:#c2410c}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
header{border-bottom:1px solid var(--line);padding-top:.5rem;padding-bottom:.5rem}
header nav a{margin-right:1rem}
footer{color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);margin-top:2rem;padding-top:.5rem;padding-bottom:1rem}
a{color:#1d4ed8}
a:focus-visible,[tabindex]:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.25rem}
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.25rem;margin-top:2rem}
.muted{color:var(--muted)}
dl.counts{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.5rem;margin:0}
dl.counts div{border:1px solid var(--line);border-radius:6px;padding:.5rem}
dl.counts dt{font-size:.8rem;color:var(--muted)}dl.counts dd{margin:0;font-size:1.4rem;font-weight:600}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e5e5e5;vertical-align:top}
td.nw{white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem}
figure{margin:0}figcaption{font-weight:600;margin-bottom:.25rem}
svg text{font:12px system-ui,sans-serif;fill:#1a1a1a}svg a:focus-visible rect{outline:none;stroke:var(--focus);stroke-width:3}
.pager{margin:1rem 0;display:flex;flex-wrap:wrap;gap:.25rem}.pager a,.pager span{padding:.1rem .5rem;border:1px solid var(--line);border-radius:4px}
.pager [aria-current]{background:#1a1a1a;color:#fff}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.05rem;line-height:1.9;max-width:48rem}
.m{position:relative;color:inherit;text-decoration:none;border-radius:3px;padding:0 .1rem;border-bottom:2px solid}
.m:focus::after{content:attr(title);position:absolute;left:0;top:100%;z-index:5;background:#1a1a1a;color:#fff;font-size:.8rem;line-height:1.3;padding:.2rem .4rem;border-radius:4px;white-space:nowrap}
.tag{font-size:.62rem;font-weight:700;letter-spacing:.02em;vertical-align:super;margin-left:.15rem;user-select:none}
.t-PERSON{background:#dbeafe;border-color:#1d4ed8}.t-PERSON>.tag{color:#1e3a8a}
.t-ORGANIZATION{background:#fef3c7;border-color:#b45309;border-bottom-style:dashed}.t-ORGANIZATION>.tag{color:#78350f}
.t-LOCATION{background:#dcfce7;border-color:#15803d;border-bottom-style:dotted}.t-LOCATION>.tag{color:#14532d}
.t-MISC,.t-OTHER{background:#f3e8ff;border-color:#7e22ce;border-bottom-style:double}.t-MISC>.tag,.t-OTHER>.tag{color:#581c87}
.t-DATE{background:#ffe4e6;border-color:#be123c;border-bottom-style:dotted}.t-DATE>.tag{color:#881337}
.q{background:#f4f4f5;box-shadow:inset 0 -1px #a1a1aa}
.badge{display:inline-block;font-size:.72rem;line-height:1.3;font-weight:600;background:#27272a;color:#fff;border-radius:999px;padding:0 .45rem;margin-right:.2rem;text-decoration:none;vertical-align:.1em;white-space:nowrap}
a.badge:hover{background:#1d4ed8}
.legend{display:flex;flex-wrap:wrap;gap:.75rem;padding:0;list-style:none;font-size:.9rem}
.ctx mark{background:#fef08a;color:inherit;font-weight:600}
ul.hits{padding-left:1.2rem}ul.hits li{margin:.3rem 0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.msg-warning{color:#92400e}.msg-fatal{color:#991b1b;font-weight:600}
`.replace(/\n/g, '');

/** A page: title, body, and the prefix leading back to the report root ('' or '../'). */
export interface PageOptions {
  title: string;
  body: string;
  root: string;
  description?: string;
}

/**
 * Wrap a page body in the shared shell.
 * @param options the title (escaped here), the body HTML and the path prefix to the report root
 */
export function renderPage({ title, body, root }: PageOptions): string {
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>${escapeHtml(title)} · byline report</title><style>${CSS}</style></head><body>` +
    '<a class="skip" href="#main">Skip to content</a>' +
    `<header><nav aria-label="Report"><a href="${root}index.html">Overview &amp; articles</a><a href="${root}entities-1.html">Entities</a></nav></header>` +
    `<main id="main">${body}</main>` +
    '<footer>Written by byline from the JSON output; works offline.</footer></body></html>\n'
  );
}

/**
 * Pagination links for a list split into pages.
 * @param current the 1-based current page
 * @param total the number of pages
 * @param nameOf the file name of a page
 * @param label what the pages list, for the nav's accessible name
 */
export function renderPager(current: number, total: number, nameOf: (page: number) => string, label: string): string {
  if (total <= 1) return '';
  const pages = new Set<number>([1, total]);
  for (let p = current - 3; p <= current + 3; p++) if (p >= 1 && p <= total) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const parts: string[] = [];
  if (current > 1) parts.push(`<a href="${nameOf(current - 1)}" rel="prev">‹ Previous</a>`);
  let last = 0;
  for (const p of sorted) {
    if (p > last + 1) parts.push('<span aria-hidden="true">…</span>');
    parts.push(p === current ? `<span aria-current="page">${p}</span>` : `<a href="${nameOf(p)}">${p}</a>`);
    last = p;
  }
  if (current < total) parts.push(`<a href="${nameOf(current + 1)}" rel="next">Next ›</a>`);
  return `<nav class="pager" aria-label="${escapeHtml(label)} pages">${parts.join('')}</nav>`;
}

/** Text for screen readers only (used for words that colour or symbols stand for). */
export const SR_CSS_CLASS = 'sr';

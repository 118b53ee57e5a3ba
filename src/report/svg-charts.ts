/**
 * Inline SVG charts (no library, no script): a horizontal bar chart for rankings and a column chart
 * for the timeline. Each chart is followed by the same data as a table in a `<details>`, for screen
 * readers and for anyone who wants the numbers.
 */
import { escapeAttr, escapeHtml } from './escape-html.js';

/** One bar: a label, a value and an optional link. */
export interface Bar {
  label: string;
  value: number;
  href?: string;
}

const truncate = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A data table for a chart. */
function dataTable(rows: readonly Bar[], labelHeader: string, valueHeader: string): string {
  const body = rows
    .map((r) => {
      const label = r.href ? `<a href="${escapeAttr(r.href)}">${escapeHtml(r.label)}</a>` : escapeHtml(r.label);
      return `<tr><td>${label}</td><td class="n">${r.value}</td></tr>`;
    })
    .join('');
  return `<details><summary>Show as a table</summary><table><thead><tr><th>${escapeHtml(labelHeader)}</th><th class="n">${escapeHtml(valueHeader)}</th></tr></thead><tbody>${body}</tbody></table></details>`;
}

/**
 * A horizontal bar chart, largest first as given.
 * @param title the caption
 * @param bars the bars (already sorted and cut to the top N)
 * @param options colour and column headers for the table
 */
export function renderBarChart(
  title: string,
  bars: readonly Bar[],
  options: { color: string; labelHeader: string; valueHeader: string },
): string {
  if (bars.length === 0) return `<figure><figcaption>${escapeHtml(title)}</figcaption><p class="muted">None found.</p></figure>`;
  const rowH = 22;
  const labelW = 190;
  const barW = 210;
  const width = labelW + barW + 50;
  const height = bars.length * rowH + 4;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const rows = bars.map((b, i) => {
    const y = i * rowH + 2;
    const w = Math.max(1, Math.round((b.value / max) * barW));
    const label = escapeHtml(truncate(b.label, 24));
    const tip = `<title>${escapeHtml(`${b.label}: ${b.value}`)}</title>`;
    const inner =
      `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${label}</text>` +
      `<rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 6}" fill="${options.color}"/>` +
      `<text x="${labelW + w + 4}" y="${y + 15}">${b.value}</text>`;
    return b.href ? `<a href="${escapeAttr(b.href)}">${tip}${inner}</a>` : `<g>${tip}${inner}</g>`;
  });
  const svg =
    `<svg viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" role="img" aria-label="${escapeAttr(title)}">` +
    `${rows.join('')}</svg>`;
  return `<figure><figcaption>${escapeHtml(title)}</figcaption>${svg}${dataTable(bars, options.labelHeader, options.valueHeader)}</figure>`;
}

/** One column of the timeline: a month `YYYY-MM` and its count. */
export interface MonthCount {
  month: string;
  value: number;
}

/**
 * A column chart of counts by month, one column per month (gaps included), years marked on the axis.
 * @param title the caption
 * @param months consecutive months, oldest first
 * @param note a line under the chart (e.g. what was left out)
 */
export function renderTimeline(title: string, months: readonly MonthCount[], note = ''): string {
  const noteHtml = note ? `<p class="muted">${escapeHtml(note)}</p>` : '';
  if (months.length === 0) return `<figure><figcaption>${escapeHtml(title)}</figcaption><p class="muted">No dates found.</p>${noteHtml}</figure>`;
  const colW = Math.max(3, Math.min(24, Math.floor(840 / months.length)));
  const plotH = 120;
  const left = 36;
  const width = left + months.length * colW + 10;
  const height = plotH + 34;
  const max = Math.max(...months.map((m) => m.value), 1);
  const parts: string[] = [
    `<line x1="${left}" y1="${plotH}" x2="${width - 10}" y2="${plotH}" stroke="#999"/>`,
    `<text x="${left - 4}" y="12" text-anchor="end">${max}</text><text x="${left - 4}" y="${plotH}" text-anchor="end">0</text>`,
  ];
  const labelEvery = months.length > 96 ? 5 : 1; // years between axis labels on long spans
  months.forEach((m, i) => {
    const x = left + i * colW;
    const h = Math.round((m.value / max) * (plotH - 6));
    if (m.value > 0) {
      parts.push(
        `<rect x="${x}" y="${plotH - h}" width="${Math.max(1, colW - 1)}" height="${h}" fill="#be123c"><title>${escapeHtml(`${m.month}: ${m.value}`)}</title></rect>`,
      );
    }
    const year = Number(m.month.slice(0, 4));
    if (m.month.endsWith('-01') || i === 0) {
      if (i === 0 || year % labelEvery === 0) {
        parts.push(`<line x1="${x}" y1="${plotH}" x2="${x}" y2="${plotH + 5}" stroke="#999"/><text x="${x}" y="${plotH + 18}">${m.month.slice(0, 4)}</text>`);
      }
    }
  });
  const svg = `<svg viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" role="img" aria-label="${escapeAttr(title)}">${parts.join('')}</svg>`;
  const nonEmpty = months.filter((m) => m.value > 0).map((m) => ({ label: m.month, value: m.value }));
  return `<figure><figcaption>${escapeHtml(title)}</figcaption>${svg}${noteHtml}${dataTable(nonEmpty, 'Month', 'Date expressions')}</figure>`;
}

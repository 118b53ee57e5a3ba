/**
 * Metadata headers inside an article's text: a leading `date YYYY-MM-DD` line (as in the sample
 * article) or YAML-style front matter. The header stays in the text so offsets match the file;
 * `bodyStart` tells the stages where the article proper begins.
 */

/** What a header says, and where the body starts. */
export interface HeaderInfo {
  bodyStart: number;
  published: string | null;
  title: string | null;
  /** Set when the header holds a date that is not a valid `YYYY-MM-DD`. */
  invalidDate?: string;
}

const DATE_HEADER = /^[ \t\uFEFF]*date[ \t]*:?[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*\r?\n?/i;
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Find a leading metadata header.
 * @param text the article text as read
 */
export function findBodyStart(text: string): HeaderInfo {
  const front = FRONT_MATTER.exec(text.slice(0, 64 * 1024));
  if (front) {
    const fields = parseFrontMatter(front[1] ?? '');
    const date = fields.get('date') ?? fields.get('published') ?? null;
    const published = date ? isoDay(date) : null;
    const info: HeaderInfo = { bodyStart: front[0].length, published, title: fields.get('title') ?? null };
    if (date && !published) info.invalidDate = date;
    return info;
  }
  const header = DATE_HEADER.exec(text.slice(0, 256));
  if (header) {
    const published = isoDay(header[1] ?? '');
    const info: HeaderInfo = { bodyStart: header[0].length, published, title: null };
    if (!published) info.invalidDate = header[1] ?? '';
    return info;
  }
  return { bodyStart: 0, published: null, title: null };
}

/** Read `key: value` lines; quotes around values are dropped. */
function parseFrontMatter(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    // No `(.*?)[ \t]*$`: a lazy group before a trailing-space run backtracks quadratically on a line
    // of spaces (40,000 spaces took 4.6 s); the value is trimmed by hand instead.
    const match = /^([A-Za-z_][\w-]*)[ \t]*:(.*)$/.exec(line);
    if (!match) continue;
    const value = trimSpaces(match[2] ?? '').replace(/^(["'])(.*)\1$/, '$2');
    fields.set((match[1] ?? '').toLowerCase(), value);
  }
  return fields;
}

/** Drop leading and trailing spaces and tabs (only those, as YAML does). */
function trimSpaces(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && (value[start] === ' ' || value[start] === '\t')) start++;
  while (end > start && (value[end - 1] === ' ' || value[end - 1] === '\t')) end--;
  return value.slice(start, end);
}

/**
 * Normalize a date string to `YYYY-MM-DD`, or null when it is not a real calendar day.
 * Accepts `YYYY-MM-DD` and ISO timestamps (`2022-06-15T09:00:00Z`).
 */
export function isoDay(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
    return null;
  }
  return `${y}-${m}-${d}`;
}

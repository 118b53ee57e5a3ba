/**
 * A readable title for a document: its first line of text, without a metadata header.
 */

const HEADER = /^\s*date\s+\d{4}-\d{2}-\d{2}\b/;
const FRONT_MATTER = /^---\r?\n[\s\S]{0,4000}?\r?\n---\r?\n/;

/**
 * The first non-empty line of the text (at most 120 characters), skipping a `date YYYY-MM-DD` header
 * or front matter; the id when the text is empty.
 * @param text the document text
 * @param id the document id
 */
export function documentTitle(text: string, id: string): string {
  let head = text.slice(0, 5000);
  head = head.replace(FRONT_MATTER, '').replace(HEADER, '');
  for (const line of head.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed) return trimmed.length > 120 ? `${trimmed.slice(0, 119)}…` : trimmed;
  }
  return id;
}

/**
 * HTML escaping for the report. Document text, ids and entity names are hostile input: everything
 * that reaches a page goes through one of these two functions.
 */

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escape text for an HTML text node or a quoted attribute value.
 * Quotes are escaped too, so the same function is safe in both places.
 * @param value any string (may contain lone surrogates; they pass through unchanged)
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => TEXT_ESCAPES[ch] ?? ch);
}

/**
 * Escape a string for a double-quoted attribute; line breaks become spaces so tooltips stay one line.
 * @param value any string
 */
export function escapeAttr(value: string): string {
  return escapeHtml(value.replace(/[\r\n\t]+/g, ' '));
}

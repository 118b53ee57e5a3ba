/**
 * Print a message as `file:line:column  severity  reason  ruleId` (1-based, computed for printing only).
 */
import { lineColumn, type Message } from '../model/message.js';

/**
 * Format one message for the terminal.
 * @param source the file (or `file.jsonl:line`) the document came from
 * @param text the document text, to turn offsets into line and column
 * @param message the message
 */
export function formatMessage(source: string, text: string, message: Message): string {
  let where = source;
  if (message.start !== undefined) {
    const { line, column } = lineColumn(text, message.start);
    // A JSONL source already names its line; the position is then inside that record's text.
    where = /:\d+$/.test(source) ? `${source} (text ${line}:${column})` : `${source}:${line}:${column}`;
  } else if (message.line !== undefined && !/:\d+$/.test(source)) {
    where = `${source}:${message.line}`;
  }
  return `${where}  ${message.severity}  ${message.reason}  ${message.ruleId}`.replace(CONTROL, escape);
}

/** Control characters from file names or JSONL ids (newlines, terminal escapes) never reach the terminal raw. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function escape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

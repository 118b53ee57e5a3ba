/**
 * Messages: what a stage or reader has to say about one document (vfile's idea).
 * `reason` reads "Unexpected X, expected Y" with literals in backticks.
 */

/** How serious a message is. `fatal` means the document has no (or only partial) annotations. */
export type Severity = 'info' | 'warning' | 'fatal';

/** One message about a document. */
export interface Message {
  severity: Severity;
  /** `<stage-name>:<rule>`, e.g. `extract-quotes:unclosed-quote`. */
  ruleId: string;
  reason: string;
  start?: number;
  end?: number;
  /** 1-based line number inside the source file, where the problem has one (e.g. a JSONL line). */
  line?: number;
}

/**
 * Build a message.
 * @param severity info, warning or fatal
 * @param ruleId `<stage-name>:<rule>`
 * @param reason human-readable "Unexpected X, expected Y"
 * @param where optional offsets into the text
 */
export function makeMessage(
  severity: Severity,
  ruleId: string,
  reason: string,
  where: { start?: number; end?: number; line?: number } = {},
): Message {
  const message: Message = { severity, ruleId, reason };
  if (where.start !== undefined) message.start = where.start;
  if (where.end !== undefined) message.end = where.end;
  if (where.line !== undefined) message.line = where.line;
  return message;
}

/** 1-based line and column of an offset, for printing only. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const stop = Math.min(offset, text.length);
  for (let i = 0; i < stop; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: stop - lineStart + 1 };
}

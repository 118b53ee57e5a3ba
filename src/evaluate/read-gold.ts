/**
 * Read and validate a gold file (JSON Lines, one annotated document per line; see docs/gold-format.md).
 * Every problem is reported together as `file:line: path: what was expected`, and a file with any
 * problem is rejected as a whole: scoring against half-read gold would give misleading numbers.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Named-entity layers. */
export const NAME_TYPES = ['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC'] as const;
/** TIMEX3 layers. */
export const TIME_TYPES = ['DATE', 'TIME', 'DURATION', 'SET'] as const;
/** Every value allowed in a document's `layers`. */
export const GOLD_LAYERS = [...NAME_TYPES, ...TIME_TYPES, 'QUOTE', 'ENTITY'] as const;

export type NameType = (typeof NAME_TYPES)[number];
export type TimeType = (typeof TIME_TYPES)[number];
export type GoldLayer = (typeof GOLD_LAYERS)[number];

const offset = z.number().int().min(0);
const spanSchema = z.object({ start: offset, end: offset, text: z.string() });

// z.object (not strictObject): gold files may carry extra source fields (MEANTIME's `head`,
// `syntactic_type`…) that the evaluator does not need.
const mentionSchema = z.object({
  start: offset,
  end: offset,
  text: z.string(),
  type: z.enum([...NAME_TYPES, ...TIME_TYPES]),
  entity: z.string().min(1).optional(),
  form: z.enum(['NAM', 'NOM', 'PRO', 'OTHER']).optional(),
  value: z.string().nullable().optional(),
});

const quoteSchema = z.object({
  start: offset,
  end: offset,
  text: z.string(),
  kind: z.enum(['direct', 'mixed', 'indirect']),
  parts: z.array(spanSchema).optional(),
  speaker: spanSchema.nullable().optional(),
  speakerEntity: z.string().min(1).nullable().optional(),
  cue: spanSchema.nullable().optional(),
});

const entitySchema = z.object({
  name: z.string(),
  type: z.string(),
  kb: z.string().min(1).nullable().optional(),
});

const documentSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]+$/, 'expected letters, digits, `.`, `_` or `-` only'),
  source: z.string().optional(),
  published: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a `YYYY-MM-DD` date or null')
    .nullable()
    .optional(),
  text: z.string(),
  layers: z.array(z.enum(GOLD_LAYERS)),
  mentions: z.array(mentionSchema).default([]),
  quotes: z.array(quoteSchema).default([]),
  entities: z.record(z.string(), entitySchema).default({}),
});

/** One gold mention (a name or a time expression). */
export type GoldMention = z.output<typeof mentionSchema>;
/** One gold quote. */
export type GoldQuote = z.output<typeof quoteSchema>;
/** One gold document, validated. */
export type GoldDocument = z.output<typeof documentSchema> & { line: number };
/** A whole gold file. */
export interface GoldFile {
  file: string;
  documents: GoldDocument[];
}

/** A gold file that cannot be used; `problems` holds one `file:line: …` line per problem. */
export class GoldError extends Error {
  override name = 'GoldError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const MAX_PROBLEMS = 50;

/**
 * Read and validate a gold JSONL file.
 * @param file path to the file
 * @throws GoldError listing every problem found (at most 50)
 */
export function readGold(file: string): GoldFile {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new GoldError([`${file}: cannot read the file (${(error as Error).message})`]);
  }
  return parseGold(source, file);
}

/**
 * Parse and validate gold JSONL text.
 * @param source the file's contents
 * @param file the file name used in messages
 */
export function parseGold(source: string, file: string): GoldFile {
  const problems: string[] = [];
  const documents: GoldDocument[] = [];
  const seen = new Map<string, number>();
  const lines = source.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, index) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const line = index + 1;
    if (raw.trim() === '') return;
    const report = (path: string, what: string) => problems.push(`${file}:${line}: ${path ? `${path}: ` : ''}${what}`);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      report('', `expected one JSON object per line, found a syntax error (${(error as Error).message})`);
      return;
    }
    const parsed = documentSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) report(issue.path.map(String).join('.'), issue.message);
      return;
    }
    const doc: GoldDocument = { ...parsed.data, line };
    const before = seen.get(doc.id);
    if (before !== undefined) report('id', `expected a unique id, \`${doc.id}\` is already used on line ${before}`);
    seen.set(doc.id, line);
    checkSpans(doc, report);
    documents.push(doc);
  });
  if (problems.length >= MAX_PROBLEMS) problems.push(`${file}: stopped after ${MAX_PROBLEMS} problems`);
  if (problems.length === 0 && documents.length === 0) problems.push(`${file}: expected at least one document, found none`);
  if (problems.length > 0) throw new GoldError(problems);
  return { file, documents };
}

/** Check that every span fits the text and quotes it exactly, and that entity ids exist. */
function checkSpans(doc: GoldDocument, report: (path: string, what: string) => void): void {
  const check = (path: string, span: { start: number; end: number; text: string }) => {
    if (span.end < span.start || span.end > doc.text.length) {
      report(path, `expected 0 ≤ start ≤ end ≤ ${doc.text.length}, got [${span.start}, ${span.end})`);
      return;
    }
    const actual = doc.text.slice(span.start, span.end);
    if (actual !== span.text) {
      report(path, `expected text.slice(${span.start}, ${span.end}) to equal ${JSON.stringify(span.text)}, got ${JSON.stringify(actual)}`);
    }
  };
  doc.mentions.forEach((mention, i) => {
    check(`mentions.${i}`, mention);
    if (mention.entity !== undefined && !(mention.entity in doc.entities)) {
      report(`mentions.${i}.entity`, `expected a key of \`entities\`, got \`${mention.entity}\``);
    }
  });
  doc.quotes.forEach((quote, i) => {
    check(`quotes.${i}`, quote);
    quote.parts?.forEach((part, j) => check(`quotes.${i}.parts.${j}`, part));
    if (quote.speaker) check(`quotes.${i}.speaker`, quote.speaker);
    if (quote.cue) check(`quotes.${i}.cue`, quote.cue);
  });
}

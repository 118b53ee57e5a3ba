/**
 * An optional knowledge base of known entities (for example Wikidata items), read from a JSON Lines or
 * CSV file of `{id, name, type, aliases[], description?, sameAs[]?}` (see docs/knowledge-base.md).
 * Entities are matched by name or alias of the same type, and only when exactly one entry matches:
 * a link is never forced.
 */
import { boundedMemo } from '../model/bounded-memo.js';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import type { MentionType } from '../model/document.js';
import { cleanName, coreTokens, keyTokens } from './names.js';

/** One knowledge-base entry. */
export interface KnowledgeBaseEntry {
  readonly id: string;
  readonly name: string;
  readonly type: MentionType;
  readonly aliases: readonly string[];
  readonly description?: string;
  /** Other identifiers of the same thing (a Wikipedia or DBpedia URL for a Wikidata item). */
  readonly sameAs?: readonly string[];
}

/** A loaded knowledge base with a lookup by type and name. */
export interface KnowledgeBase {
  readonly entries: readonly KnowledgeBaseEntry[];
  /**
   * The one entry whose name or alias matches one of `names` with the same type, or null when none
   * or several different entries match.
   */
  match(type: MentionType, names: readonly string[]): KnowledgeBaseEntry | null;
}

const TYPES: readonly MentionType[] = ['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC'];

/** Thrown for an unreadable or malformed knowledge-base file; the message names the file and line. */
export class KnowledgeBaseError extends Error {
  override name = 'KnowledgeBaseError';
}

/** How many lookup keys a knowledge base remembers. */
const LOOKUP_KEY_CACHE = 20_000;

function lookupKey(type: MentionType, name: string): string {
  return `${type}\u0000${coreTokens(keyTokens(cleanName(name, type).display), type).join(' ')}`;
}

/**
 * Build a knowledge base from entries.
 * @param entries the entries, already checked
 */
export function createKnowledgeBase(entries: readonly KnowledgeBaseEntry[]): KnowledgeBase {
  const index = new Map<string, Set<KnowledgeBaseEntry>>();
  for (const entry of entries) {
    for (const name of [entry.name, ...entry.aliases]) {
      const key = lookupKey(entry.type, name);
      if (key.endsWith('\u0000')) continue;
      const set = index.get(key) ?? new Set();
      set.add(entry);
      index.set(key, set);
    }
  }
  // Entity names recur across documents: their lookup keys are remembered (bounded, cleared when full).
  const keysByType = new Map<MentionType, (name: string) => string>();
  const keyOf = (type: MentionType, name: string): string => {
    let keys = keysByType.get(type);
    if (keys === undefined) keysByType.set(type, (keys = boundedMemo((text) => lookupKey(type, text), LOOKUP_KEY_CACHE)));
    return keys(name);
  };
  return {
    entries,
    match(type, names) {
      const found = new Set<KnowledgeBaseEntry>();
      for (const name of names) for (const entry of index.get(keyOf(type, name)) ?? []) found.add(entry);
      if (found.size !== 1) return null;
      return [...found][0] ?? null;
    },
  };
}

/**
 * Read a knowledge base from a `.jsonl` or `.csv` file.
 * @param path the file
 * @throws KnowledgeBaseError naming the file, the line and what was expected
 */
export function loadKnowledgeBase(path: string): KnowledgeBase {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KnowledgeBaseError(`${path}: cannot read knowledge base: ${(error as Error).message}`);
  }
  const entries = /\.csv$/i.test(path) ? parseCsv(path, text) : parseJsonl(path, text);
  return createKnowledgeBase(entries);
}

function parseJsonl(path: string, text: string): KnowledgeBaseEntry[] {
  const entries: KnowledgeBaseEntry[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new KnowledgeBaseError(`${path}:${index + 1}: Unexpected text, expected one JSON object per line`);
    }
    entries.push(checkEntry(path, index + 1, value));
  });
  return entries;
}

function parseCsv(path: string, text: string): KnowledgeBaseEntry[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, columns: true, skip_empty_lines: true, info: true, relax_column_count: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new KnowledgeBaseError(`${path}:${line ?? 1}: Unexpected CSV: ${(error as Error).message}`);
  }
  const columns = rows[0] ? Object.keys(rows[0].record) : [];
  if (rows.length > 0 && !['id', 'name', 'type'].every((column) => columns.includes(column))) {
    throw new KnowledgeBaseError(`${path}:1: Unexpected header, expected the columns id,name,type,aliases,description,sameAs`);
  }
  // Lists (aliases, sameAs) are separated by `|` inside their cell.
  const list = (cell: string | undefined) =>
    (cell ?? '')
      .split('|')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  return rows.map(({ record, info }) =>
    checkEntry(path, info.lines, {
      ...record,
      aliases: list(record.aliases),
      sameAs: list(record.sameAs),
      description: record.description ? record.description : undefined,
    }),
  );
}

function checkEntry(path: string, line: number, value: unknown): KnowledgeBaseEntry {
  const where = `${path}:${line}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KnowledgeBaseError(`${where}: Unexpected ${JSON.stringify(value)}, expected an object {id, name, type, aliases}`);
  }
  const record = value as Record<string, unknown>;
  for (const field of ['id', 'name'] as const) {
    if (typeof record[field] !== 'string' || record[field] === '') {
      throw new KnowledgeBaseError(`${where}: Unexpected \`${field}\` ${JSON.stringify(record[field])}, expected a non-empty string`);
    }
  }
  const type = typeof record.type === 'string' ? record.type.toUpperCase() : record.type;
  if (!TYPES.includes(type as MentionType)) {
    throw new KnowledgeBaseError(`${where}: Unexpected \`type\` ${JSON.stringify(record.type)}, expected one of ${TYPES.join(', ')}`);
  }
  const aliases = record.aliases ?? [];
  if (!Array.isArray(aliases) || aliases.some((alias) => typeof alias !== 'string')) {
    throw new KnowledgeBaseError(`${where}: Unexpected \`aliases\` ${JSON.stringify(record.aliases)}, expected an array of strings`);
  }
  if (record.description !== undefined && typeof record.description !== 'string') {
    throw new KnowledgeBaseError(`${where}: Unexpected \`description\` ${JSON.stringify(record.description)}, expected a string`);
  }
  const sameAs = record.sameAs ?? [];
  if (!Array.isArray(sameAs) || sameAs.some((uri) => typeof uri !== 'string')) {
    throw new KnowledgeBaseError(`${where}: Unexpected \`sameAs\` ${JSON.stringify(record.sameAs)}, expected an array of strings`);
  }
  const entry: KnowledgeBaseEntry = {
    id: record.id as string,
    name: record.name as string,
    type: type as MentionType,
    aliases: aliases as string[],
    ...(record.description !== undefined ? { description: record.description as string } : {}),
    ...(sameAs.length > 0 ? { sameAs: sameAs as string[] } : {}),
  };
  return entry;
}

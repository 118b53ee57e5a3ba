/**
 * Gold documents for training and measuring the name tagger: read JSON Lines gold files, segment each
 * text exactly as the pipeline does, and turn gold name mentions into BILOU tags.
 */
import { readFileSync } from 'node:fs';
import { findBodyStart } from '../corpus/metadata.js';
import { createDocument, type Sentence, type Token } from '../model/document.js';
import { segment } from '../stages/segment.js';
import { ENTITY_TYPES, encodeTags } from './tags.js';

/** A gold mention as stored in the gold files. */
export interface GoldMention {
  start: number;
  end: number;
  type: string;
  text: string;
  form?: string;
}

/** One segmented gold document. */
export interface GoldDocument {
  id: string;
  text: string;
  layers: string[];
  mentions: GoldMention[];
  tokens: Token[];
  sentences: Sentence[];
  /** Gold BILOU tags over `tokens` (named mentions of the four name types only). */
  tags: Uint8Array;
}

/**
 * Read and segment a gold file.
 * @param path a `*.jsonl` gold file
 */
export function readGoldDocuments(path: string): GoldDocument[] {
  const runner = segment.create({});
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const gold = JSON.parse(line) as { id: string; text: string; layers: string[]; mentions: GoldMention[] };
      const doc = createDocument({ id: gold.id, text: gold.text, bodyStart: findBodyStart(gold.text).bodyStart });
      const { tokens = [], sentences = [] } = runner.run(doc).layers;
      const named = gold.mentions
        .filter((m) => (m.form ?? 'NAM') === 'NAM' && ENTITY_TYPES.includes(m.type as never))
        .map((m) => ({ start: m.start, end: m.end, type: ENTITY_TYPES.indexOf(m.type as never) }));
      return { ...gold, tokens: [...tokens], sentences: [...sentences], tags: encodeTags(tokens, named) };
    });
}

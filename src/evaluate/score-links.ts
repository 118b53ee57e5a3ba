/**
 * Entity-linking scores over the gold named mentions (with a gold `entity`) that were matched to a
 * predicted mention under the overlap rule. Each such mention has a gold cluster (its gold entity
 * id) and a predicted cluster (the pipeline's entity id; a mention with no predicted entity is a
 * cluster of its own).
 *
 * - B³ (Bagga & Baldwin 1998): per mention, precision = |pred ∩ gold| / |pred| and
 *   recall = |pred ∩ gold| / |gold| over its two clusters, averaged over all mentions.
 * - Pairwise: the pairs of mentions put in one cluster; true positives are pairs that are together
 *   in both. It gives no credit for leaving every mention on its own.
 *
 * Both are computed from the contingency table of (gold cluster, predicted cluster) counts, so they
 * run in linear time even for big cross-document clusters. "Within document" keys both clusters by
 * document; "cross document" uses the ids as they are, within one gold file (the same gold id in two
 * documents is the same entity). The predicted ids are those after the corpus-wide linker, as
 * `byline annotate` writes them (see evaluate.ts).
 */
import { prf, type Score } from './score-spans.js';

/** One scored mention: the keys of its gold and predicted clusters. */
export interface LinkItem {
  gold: string;
  pred: string;
}

/** B³ precision, recall and F1. */
export interface B3Score {
  precision: number;
  recall: number;
  f1: number;
  /** Number of mentions scored. */
  mentions: number;
}

/**
 * B³ over a set of mentions. With no mentions, every figure is 1 (nothing is wrong).
 * @param items the mentions' cluster keys
 */
export function scoreB3(items: readonly LinkItem[]): B3Score {
  if (items.length === 0) return { precision: 1, recall: 1, f1: 1, mentions: 0 };
  const { cells, goldSize, predSize } = contingency(items);
  let precisionSum = 0;
  let recallSum = 0;
  // Each of the n mentions in cell (g, p) has |pred ∩ gold| = n.
  for (const [key, n] of cells) {
    const [g, p] = splitKey(key);
    precisionSum += (n * n) / predSize.get(p)!;
    recallSum += (n * n) / goldSize.get(g)!;
  }
  const precision = precisionSum / items.length;
  const recall = recallSum / items.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, mentions: items.length };
}

/**
 * Pairwise link P/R/F1: tp = pairs together in both, fp = together only in the prediction,
 * fn = together only in the gold.
 * @param items the mentions' cluster keys
 */
export function scorePairwise(items: readonly LinkItem[]): Score {
  const { cells, goldSize, predSize } = contingency(items);
  const pairs = (n: number) => (n * (n - 1)) / 2;
  let tp = 0;
  for (const n of cells.values()) tp += pairs(n);
  let goldPairs = 0;
  for (const n of goldSize.values()) goldPairs += pairs(n);
  let predPairs = 0;
  for (const n of predSize.values()) predPairs += pairs(n);
  return prf({ tp, fp: predPairs - tp, fn: goldPairs - tp });
}

const SEPARATOR = '\u0000';

function splitKey(key: string): [string, string] {
  const at = key.indexOf(SEPARATOR);
  return [key.slice(0, at), key.slice(at + 1)];
}

function contingency(items: readonly LinkItem[]): {
  cells: Map<string, number>;
  goldSize: Map<string, number>;
  predSize: Map<string, number>;
} {
  const cells = new Map<string, number>();
  const goldSize = new Map<string, number>();
  const predSize = new Map<string, number>();
  for (const { gold, pred } of items) {
    if (gold.includes(SEPARATOR)) throw new Error('Unexpected NUL in a gold cluster key');
    const key = gold + SEPARATOR + pred;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    goldSize.set(gold, (goldSize.get(gold) ?? 0) + 1);
    predSize.set(pred, (predSize.get(pred) ?? 0) + 1);
  }
  return { cells, goldSize, predSize };
}

/**
 * Normalize a knowledge-base URI for comparison: scheme, `www.`, a trailing slash and percent
 * escapes do not matter (`https://dbpedia.org/resource/Boeing/` = `http://dbpedia.org/resource/Boeing`), and an
 * English DBpedia resource equals the English Wikipedia article it was built from.
 */
export function normalizeKb(uri: string): string {
  let value = uri.trim();
  try {
    value = decodeURIComponent(value);
  } catch {
    // A malformed escape: compare the raw string.
  }
  value = value.replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/+$/, '');
  // English DBpedia resources are named after English Wikipedia articles: the same thing.
  return value.replace(/^(dbpedia\.org\/resource|en\.wikipedia\.org\/wiki)\//i, 'enwiki:').replace(/ /g, '_');
}

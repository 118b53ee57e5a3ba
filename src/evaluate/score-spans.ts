/**
 * Span scoring for names and time expressions, and the matching and P/R/F1 helpers the other
 * scorers share.
 *
 * Matching is one to one. Under the `exact` rule a pair must have the same start, end and class;
 * under the `overlap` rule it must share at least one character (and the class). Among the allowed
 * pairs we take a maximum matching (Kuhn's augmenting paths), preferring exact pairs and then
 * larger overlaps, so a duplicate prediction can never be counted twice and one long prediction
 * can never claim two gold spans.
 */
import type { DateMention, Mention } from '../model/document.js';
import { overlapLength } from '../model/span.js';
import { NAME_TYPES, type GoldMention, type NameType } from './read-gold.js';

/** Raw counts of one comparison. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** Counts under both matching rules. */
export interface RuleCounts {
  exact: Counts;
  overlap: Counts;
}

/** A scored comparison: precision, recall, F1 and the counts behind them. */
export interface Score extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

/** A `[start, end)` range. */
export interface Range {
  start: number;
  end: number;
}

/** The outcome of matching gold against predicted items. */
export interface Matching {
  /** `[goldIndex, predIndex]` pairs, ordered by gold index. */
  pairs: [number, number][];
  unmatchedGold: number[];
  unmatchedPred: number[];
}

/** Zero counts. */
export function emptyCounts(): Counts {
  return { tp: 0, fp: 0, fn: 0 };
}

/** Zero counts under both rules. */
export function emptyRuleCounts(): RuleCounts {
  return { exact: emptyCounts(), overlap: emptyCounts() };
}

/** Add `b` into `a`. */
export function addCounts(a: Counts, b: Counts): void {
  a.tp += b.tp;
  a.fp += b.fp;
  a.fn += b.fn;
}

/** Add both rules of `b` into `a`. */
export function addRuleCounts(a: RuleCounts, b: RuleCounts): void {
  addCounts(a.exact, b.exact);
  addCounts(a.overlap, b.overlap);
}

/**
 * Precision, recall and F1 from counts. A ratio with a zero denominator is 1 when there was
 * nothing to find and nothing was predicted (nothing is wrong), and 0 otherwise.
 */
export function prf(counts: Counts): Score {
  const { tp, fp, fn } = counts;
  const nothing = tp + fp + fn === 0;
  const precision = tp + fp === 0 ? (nothing ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (nothing ? 1 : 0) : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn };
}

/** Counts from a matching. */
export function countsOf(matching: Matching): Counts {
  return { tp: matching.pairs.length, fp: matching.unmatchedPred.length, fn: matching.unmatchedGold.length };
}

/**
 * Maximum one-to-one matching of gold against predicted items.
 * @param gold gold items
 * @param pred predicted items
 * @param allowed whether a pair may match
 * @param preference higher is preferred among allowed pairs (tried first)
 */
export function matchOneToOne<G, P>(
  gold: readonly G[],
  pred: readonly P[],
  allowed: (g: G, p: P) => boolean,
  preference: (g: G, p: P) => number = () => 0,
): Matching {
  const candidates: number[][] = gold.map((g) => {
    const list: { index: number; score: number }[] = [];
    pred.forEach((p, index) => {
      if (allowed(g, p)) list.push({ index, score: preference(g, p) });
    });
    list.sort((a, b) => b.score - a.score || a.index - b.index);
    return list.map((c) => c.index);
  });
  const goldOfPred = new Int32Array(pred.length).fill(-1);
  const predOfGold = new Int32Array(gold.length).fill(-1);
  // Kuhn's algorithm; candidate lists are short (overlapping spans only), so this is fast.
  const tryAssign = (g: number, visited: Uint8Array): boolean => {
    for (const p of candidates[g] ?? []) {
      if (visited[p]) continue;
      visited[p] = 1;
      const holder = goldOfPred[p] ?? -1;
      if (holder < 0 || tryAssign(holder, visited)) {
        goldOfPred[p] = g;
        predOfGold[g] = p;
        return true;
      }
    }
    return false;
  };
  for (let g = 0; g < gold.length; g++) {
    if ((candidates[g]?.length ?? 0) > 0) tryAssign(g, new Uint8Array(pred.length));
  }
  const pairs: [number, number][] = [];
  const unmatchedGold: number[] = [];
  predOfGold.forEach((p, g) => (p >= 0 ? pairs.push([g, p]) : unmatchedGold.push(g)));
  const unmatchedPred: number[] = [];
  goldOfPred.forEach((g, p) => {
    if (g < 0) unmatchedPred.push(p);
  });
  return { pairs, unmatchedGold, unmatchedPred };
}

/** Match spans of the same class under the exact rule. */
export function matchExact<G extends Range, P extends Range>(gold: readonly G[], pred: readonly P[], sameClass: (g: G, p: P) => boolean): Matching {
  return matchOneToOne(gold, pred, (g, p) => g.start === p.start && g.end === p.end && sameClass(g, p));
}

/** Match spans of the same class that share at least one character; exact pairs and larger overlaps first. */
export function matchOverlap<G extends Range, P extends Range>(gold: readonly G[], pred: readonly P[], sameClass: (g: G, p: P) => boolean): Matching {
  return matchOneToOne(
    gold,
    pred,
    (g, p) => overlapLength(g, p) > 0 && sameClass(g, p),
    (g, p) => (g.start === p.start && g.end === p.end ? Number.MAX_SAFE_INTEGER : overlapLength(g, p)),
  );
}

/** A false positive or false negative, for the errors CSV. */
export interface SpanError {
  layer: 'names' | 'times' | 'quotes';
  error: 'false-positive' | 'false-negative' | 'wrong-value' | 'wrong-speaker' | 'wrong-cue';
  type: string;
  start: number;
  end: number;
  text: string;
  detail: string;
  /**
   * For a false positive or negative under exact matching: whether overlap matching pairs the item
   * (the error is then only a boundary difference, and overlap scores count it right). Null where the
   * matching was already by overlap (quotes) or the row is not a missing or spurious item.
   */
  overlapMatch: boolean | null;
}

/** Names of one document, compared. */
export interface NameComparison {
  /** Counts per scored type. */
  byType: Partial<Record<NameType, RuleCounts>>;
  /** Gold and predicted mentions that were scored. */
  gold: GoldMention[];
  pred: Mention[];
  /** The overlap matching over `gold`/`pred` (used for linking). */
  overlap: Matching;
  errors: SpanError[];
}

/** True for a gold mention that counts as a name: NAM, or no form given. */
export function isGoldName(mention: GoldMention): boolean {
  return (NAME_TYPES as readonly string[]).includes(mention.type) && (mention.form === undefined || mention.form === 'NAM');
}

/**
 * Score predicted names against gold names in one document.
 * Only types listed in `layers` are scored; only gold NAM (or form-less) and predicted NAM mentions count.
 * @param gold the document's gold mentions (all kinds; filtered here)
 * @param pred the pipeline's mentions
 * @param layers the document's complete layers
 */
export function compareNames(gold: readonly GoldMention[], pred: readonly Mention[], layers: ReadonlySet<string>): NameComparison {
  const goldNames = gold.filter((m) => isGoldName(m) && layers.has(m.type));
  const predNames = pred.filter((m) => m.form === 'NAM' && layers.has(m.type));
  const sameType = (g: GoldMention, p: Mention) => g.type === p.type;
  const exact = matchExact(goldNames, predNames, sameType);
  const overlap = matchOverlap(goldNames, predNames, sameType);
  const byType: Partial<Record<NameType, RuleCounts>> = {};
  for (const type of NAME_TYPES) if (layers.has(type)) byType[type] = emptyRuleCounts();
  tally(exact, (g) => goldNames[g]!.type as NameType, (p) => predNames[p]!.type, byType, 'exact');
  tally(overlap, (g) => goldNames[g]!.type as NameType, (p) => predNames[p]!.type, byType, 'overlap');
  const errors = spanErrors('names', exact, goldNames, predNames, (m) => m.type, overlap);
  return { byType, gold: goldNames, pred: predNames, overlap, errors };
}

/** Add a matching's counts into per-class counts. */
function tally<K extends string>(
  matching: Matching,
  goldClass: (g: number) => K,
  predClass: (p: number) => K,
  into: Partial<Record<K, RuleCounts>>,
  rule: keyof RuleCounts,
): void {
  const at = (key: K) => (into[key] ??= emptyRuleCounts())[rule];
  for (const [g] of matching.pairs) at(goldClass(g)).tp++;
  for (const g of matching.unmatchedGold) at(goldClass(g)).fn++;
  for (const p of matching.unmatchedPred) at(predClass(p)).fp++;
}

/**
 * Error rows for the unmatched items of a matching, each with a hint about a near miss.
 * @param overlap the overlap matching of the same items, when `matching` is exact: each row then tells
 *   whether overlap matching pairs its item
 */
export function spanErrors<G extends Range & { text: string }, P extends Range & { text: string }>(
  layer: SpanError['layer'],
  matching: Matching,
  gold: readonly G[],
  pred: readonly P[],
  classOf: (item: G | P) => string,
  overlap?: Matching,
): SpanError[] {
  const errors: SpanError[] = [];
  const pairedGold = overlap ? new Set(overlap.pairs.map(([g]) => g)) : null;
  const pairedPred = overlap ? new Set(overlap.pairs.map(([, p]) => p)) : null;
  const hint = (item: Range, others: readonly (G | P)[], side: string) => {
    const near = others.find((other) => overlapLength(item, other) > 0);
    if (!near) return '';
    const where = near.start === item.start && near.end === item.end ? 'same span' : `[${near.start}, ${near.end})`;
    return `${side} ${classOf(near)} ${JSON.stringify(near.text)} ${where}`;
  };
  for (const g of matching.unmatchedGold) {
    const item = gold[g]!;
    errors.push({ layer, error: 'false-negative', type: classOf(item), start: item.start, end: item.end, text: item.text, detail: hint(item, pred, 'predicted'), overlapMatch: pairedGold ? pairedGold.has(g) : null });
  }
  for (const p of matching.unmatchedPred) {
    const item = pred[p]!;
    errors.push({ layer, error: 'false-positive', type: classOf(item), start: item.start, end: item.end, text: item.text, detail: hint(item, gold, 'gold'), overlapMatch: pairedPred ? pairedPred.has(p) : null });
  }
  return errors;
}

/** Time expression classes: DATE and TIME are scored together, DURATION and SET separately. */
export type TimeClass = 'dateTime' | 'duration' | 'set';

/** The class a TIMEX3 type is scored in. */
export function timeClassOf(type: string): TimeClass {
  return type === 'DURATION' ? 'duration' : type === 'SET' ? 'set' : 'dateTime';
}

/** Time expressions of one document, compared. */
export interface TimeComparison {
  byClass: Partial<Record<TimeClass, RuleCounts>>;
  /** Value tallies over the overlap-matched pairs of every class. */
  value: { matched: number; equal: number; gold: number; pred: number };
  errors: SpanError[];
}

/**
 * Score predicted time expressions against gold in one document.
 * @param gold the document's gold mentions (all kinds; filtered here)
 * @param pred the pipeline's dates layer
 * @param layers the document's complete layers
 */
export function compareTimes(gold: readonly GoldMention[], pred: readonly DateMention[], layers: ReadonlySet<string>): TimeComparison {
  const goldTimes = gold.filter((m) => !(NAME_TYPES as readonly string[]).includes(m.type) && layers.has(m.type));
  const predTimes = pred.filter((m) => layers.has(m.type));
  const sameClass = (g: GoldMention, p: DateMention) => timeClassOf(g.type) === timeClassOf(p.type);
  const exact = matchExact(goldTimes, predTimes, sameClass);
  const overlap = matchOverlap(goldTimes, predTimes, sameClass);
  const byClass: Partial<Record<TimeClass, RuleCounts>> = {};
  for (const type of layers) {
    if (type === 'DATE' || type === 'TIME' || type === 'DURATION' || type === 'SET') byClass[timeClassOf(type)] ??= emptyRuleCounts();
  }
  tally(exact, (g) => timeClassOf(goldTimes[g]!.type), (p) => timeClassOf(predTimes[p]!.type), byClass, 'exact');
  tally(overlap, (g) => timeClassOf(goldTimes[g]!.type), (p) => timeClassOf(predTimes[p]!.type), byClass, 'overlap');
  const errors = spanErrors('times', exact, goldTimes, predTimes, (m) => m.type, overlap);
  let equal = 0;
  for (const [g, p] of overlap.pairs) {
    const goldValue = goldTimes[g]!.value ?? null;
    const predValue = predTimes[p]!.value;
    if (goldValue === predValue) {
      equal++;
    } else {
      const item = predTimes[p]!;
      errors.push({
        layer: 'times',
        error: 'wrong-value',
        type: item.type,
        start: item.start,
        end: item.end,
        text: item.text,
        detail: `expected value ${JSON.stringify(goldValue)}, got ${JSON.stringify(predValue)}`,
        overlapMatch: null,
      });
    }
  }
  return {
    byClass,
    value: { matched: overlap.pairs.length, equal, gold: goldTimes.length, pred: predTimes.length },
    errors,
  };
}

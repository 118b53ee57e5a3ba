/**
 * Quote scoring: direct quotes, non-direct (indirect + mixed) quotes and all quotes, each under
 * the exact rule (same content span) and the overlap rule (shared characters cover at least half of
 * the gold content span), matched one to one. Speaker and cue accuracy are measured over the quotes
 * matched under the overlap rule in `all`.
 *
 * A speaker is right when the gold speaker span overlaps the predicted speaker span, or any mention
 * the pipeline assigned to the predicted speaker entity in this document: a pronoun speaker ("he")
 * that the pipeline resolved to the right person counts as right, wherever the gold marked it.
 */
import type { Mention, Quote } from '../model/document.js';
import { overlapLength, overlaps } from '../model/span.js';
import type { GoldQuote } from './read-gold.js';
import { countsOf, emptyRuleCounts, matchExact, matchOneToOne, spanErrors, type Matching, type RuleCounts, type SpanError } from './score-spans.js';

/** The quote groups that are scored. */
export type QuoteGroup = 'direct' | 'nondirect' | 'all';

/** Correct / total tallies for an accuracy. */
export interface Accuracy {
  correct: number;
  total: number;
}

/** Quotes of one document, compared. */
export interface QuoteComparison {
  groups: Record<QuoteGroup, RuleCounts>;
  speaker: Accuracy;
  cue: Accuracy;
  errors: SpanError[];
}

/** Overlap rule for quotes: the shared characters are at least half of the gold span. */
export function quoteOverlapAllowed(gold: { start: number; end: number }, pred: { start: number; end: number }): boolean {
  const shared = overlapLength(gold, pred);
  return shared > 0 && shared * 2 >= gold.end - gold.start;
}

function matchQuotesOverlap(gold: readonly GoldQuote[], pred: readonly Quote[]): Matching {
  return matchOneToOne(gold, pred, quoteOverlapAllowed, (g, p) =>
    g.start === p.start && g.end === p.end ? Number.MAX_SAFE_INTEGER : overlapLength(g, p),
  );
}

const inGroup: Record<QuoteGroup, (kind: string) => boolean> = {
  direct: (kind) => kind === 'direct',
  nondirect: (kind) => kind !== 'direct',
  all: () => true,
};

/**
 * Score predicted quotes against gold quotes in one document (call only where QUOTE is a layer).
 * @param gold the gold quotes
 * @param pred the pipeline's quotes
 * @param mentions the pipeline's mentions, for the speaker-entity rule
 */
export function compareQuotes(gold: readonly GoldQuote[], pred: readonly Quote[], mentions: readonly Mention[]): QuoteComparison {
  const groups = { direct: emptyRuleCounts(), nondirect: emptyRuleCounts(), all: emptyRuleCounts() };
  let allOverlap: Matching = { pairs: [], unmatchedGold: [], unmatchedPred: [] };
  for (const group of ['direct', 'nondirect', 'all'] as const) {
    const g = gold.filter((q) => inGroup[group](q.kind));
    const p = pred.filter((q) => inGroup[group](q.kind));
    groups[group].exact = countsOf(matchExact(g, p, () => true));
    const overlap = matchQuotesOverlap(g, p);
    groups[group].overlap = countsOf(overlap);
    if (group === 'all') allOverlap = overlap;
  }
  const errors = spanErrors('quotes', allOverlap, gold, pred, (q) => q.kind);
  const speaker: Accuracy = { correct: 0, total: 0 };
  const cue: Accuracy = { correct: 0, total: 0 };
  for (const [gi, pi] of allOverlap.pairs) {
    const g = gold[gi]!;
    const p = pred[pi]!;
    if (g.speaker) {
      speaker.total++;
      if (speakerRight(g.speaker, p, mentions)) speaker.correct++;
      else errors.push(attributeError('wrong-speaker', p, g.speaker, p.speaker));
    }
    if (g.cue) {
      cue.total++;
      if (p.cue && overlaps(g.cue, p.cue)) cue.correct++;
      else errors.push(attributeError('wrong-cue', p, g.cue, p.cue));
    }
  }
  return { groups, speaker, cue, errors };
}

/** The speaker rule: the predicted span, or any mention of the predicted speaker entity, overlaps the gold speaker. */
export function speakerRight(gold: { start: number; end: number }, pred: Quote, mentions: readonly Mention[]): boolean {
  if (pred.speaker && overlaps(gold, pred.speaker)) return true;
  const entity = pred.speakerEntity;
  if (!entity) return false;
  return mentions.some((mention) => mention.entity === entity && overlaps(gold, mention));
}

function attributeError(
  error: 'wrong-speaker' | 'wrong-cue',
  quote: Quote,
  gold: { start: number; end: number; text: string },
  predicted: { start: number; end: number; text: string } | null,
): SpanError {
  const got = predicted ? `${JSON.stringify(predicted.text)} [${predicted.start}, ${predicted.end})` : 'none';
  const entity = error === 'wrong-speaker' && quote.speakerEntity ? ` (entity \`${quote.speakerEntity}\`)` : '';
  return {
    layer: 'quotes',
    error,
    type: quote.kind,
    start: gold.start,
    end: gold.end,
    text: gold.text,
    detail: `expected ${JSON.stringify(gold.text)}, got ${got}${entity}`,
    overlapMatch: null,
  };
}

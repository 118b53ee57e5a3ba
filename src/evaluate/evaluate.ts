/**
 * Run the pipeline on each gold document and compare its output with the gold, layer by layer.
 * Only the layers a document lists in `layers` are scored there (a CoNLL document has no dates, so
 * predicted dates in it are neither right nor wrong). Evaluation never runs inside `annotate`.
 */
import { findBodyStart } from '../corpus/metadata.js';
import { createDocument, type Document } from '../model/document.js';
import { runDocument, type Pipeline } from '../pipeline/run-document.js';
import type { GoldDocument, GoldFile, NameType } from './read-gold.js';
import { compareQuotes, type Accuracy, type QuoteGroup } from './score-quotes.js';
import { linkCorpus, summarizeDocument, type DocumentEntitySummary } from '../linking/link-corpus.js';
import { normalizeKb, type LinkItem } from './score-links.js';
import {
  addRuleCounts,
  compareNames,
  compareTimes,
  emptyRuleCounts,
  type RuleCounts,
  type SpanError,
  type TimeClass,
} from './score-spans.js';

/** Everything counted over a set of documents; tallies add up across documents and files. */
export interface Tally {
  documents: number;
  /** Documents on which a stage failed (a fatal message); they are still scored. */
  failed: { id: string; reason: string }[];
  /** Present for each name type that is a layer of at least one document. */
  names: Partial<Record<NameType, RuleCounts>>;
  times: {
    byClass: Partial<Record<TimeClass, RuleCounts>>;
    value: { matched: number; equal: number; gold: number; pred: number };
  } | null;
  quotes: { groups: Record<QuoteGroup, RuleCounts>; speaker: Accuracy; cue: Accuracy } | null;
  /** One entry per gold named mention with an entity that was matched to a predicted mention. */
  linking: { mentions: LinkMention[] } | null;
}

/** A matched mention for the linking scores. */
export interface LinkMention {
  /** Document key (namespaced by file once tallies of several files are merged). */
  doc: string;
  /** Gold entity id (namespaced by file once merged). */
  gold: string;
  /** Predicted entity id, or null when the pipeline gave none (a cluster of its own). */
  pred: string | null;
  /** Offsets of the predicted mention, to keep unlinked mentions apart. */
  at: string;
  goldKb: string | null;
  predKb: string | null;
  /** Other ids of the predicted KB entry (its `sameAs`), also accepted as correct. */
  predSameAs?: readonly string[];
}

/** One error row, located in its document. */
export interface LocatedError extends SpanError {
  file: string;
  document: string;
  left: string;
  right: string;
}

/** The evaluation of one gold file. */
export interface FileEvaluation {
  file: string;
  tally: Tally;
  errors: LocatedError[];
  /** Milliseconds spent running the pipeline and scoring. */
  elapsedMs: number;
}

/** An empty tally. */
export function emptyTally(): Tally {
  return { documents: 0, failed: [], names: {}, times: null, quotes: null, linking: null };
}

// Joins the parts of a cluster key; cannot occur in JSON-read ids in practice, and is not the
// separator score-links uses internally.
const JOIN = '\u001f';

const CONTEXT = 40;

/**
 * Evaluate the pipeline on one gold file.
 * @param gold the validated gold file
 * @param pipeline the pipeline to run
 * @param onDocument called after each document (for progress)
 */
export function evaluateFile(gold: GoldFile, pipeline: Pipeline, onDocument?: (done: number, total: number) => void): FileEvaluation {
  const started = performance.now();
  const tally = emptyTally();
  const errors: LocatedError[] = [];
  const summaries: DocumentEntitySummary[] = [];
  gold.documents.forEach((goldDoc, index) => {
    const doc = annotate(pipeline, goldDoc);
    const docErrors = scoreDocument(goldDoc, doc, tally);
    for (const error of docErrors) errors.push(locate(error, gold.file, goldDoc));
    summaries.push(summarizeDocument(doc));
    onDocument?.(index + 1, gold.documents.length);
  });
  linkAcrossDocuments(tally, summaries);
  return { file: gold.file, tally, errors, elapsedMs: performance.now() - started };
}

/**
 * Apply the corpus-wide linker to the predicted entity ids, as `byline annotate` does after its
 * per-document pass, so that linking is scored on the ids users actually get.
 * @param tally the tally of one gold file, before merging
 * @param summaries one per document of that file
 */
export function linkAcrossDocuments(tally: Tally, summaries: readonly DocumentEntitySummary[]): void {
  if (!tally.linking) return;
  const linked = linkCorpus(summaries);
  const kbOf = new Map(linked.entities.filter((entity) => entity.kb).map((entity) => [entity.id, entity.kb!]));
  tally.linking.mentions = tally.linking.mentions.map((mention) => {
    if (mention.pred === null) return mention;
    const pred = linked.remap(mention.doc, mention.pred);
    return { ...mention, pred, predKb: mention.predKb ?? kbOf.get(pred) ?? null };
  });
}

/** Run the pipeline on a gold document's text, with its publication date and header. */
export function annotate(pipeline: Pipeline, gold: GoldDocument): Document {
  const doc = createDocument({
    id: gold.id,
    source: gold.source ?? gold.id,
    text: gold.text,
    published: gold.published ?? null,
    bodyStart: findBodyStart(gold.text).bodyStart,
  });
  return runDocument(pipeline, doc);
}

/**
 * Compare one annotated document with its gold and add the counts to `tally`.
 * @param gold the gold document
 * @param doc the pipeline's output for the same text
 * @param tally accumulator
 * @returns the error rows of this document
 */
export function scoreDocument(gold: GoldDocument, doc: Document, tally: Tally): SpanError[] {
  const layers = new Set<string>(gold.layers);
  const errors: SpanError[] = [];
  tally.documents++;
  const fatal = doc.messages.find((message) => message.severity === 'fatal');
  if (fatal) tally.failed.push({ id: gold.id, reason: fatal.reason });
  const mentions = doc.layers.mentions ?? [];

  const names = compareNames(gold.mentions, mentions, layers);
  for (const [type, counts] of Object.entries(names.byType) as [NameType, RuleCounts][]) {
    addRuleCounts((tally.names[type] ??= emptyRuleCounts()), counts);
  }
  errors.push(...names.errors);

  if (['DATE', 'TIME', 'DURATION', 'SET'].some((type) => layers.has(type))) {
    const times = compareTimes(gold.mentions, doc.layers.dates ?? [], layers);
    const into = (tally.times ??= { byClass: {}, value: { matched: 0, equal: 0, gold: 0, pred: 0 } });
    for (const [cls, counts] of Object.entries(times.byClass) as [TimeClass, RuleCounts][]) {
      addRuleCounts((into.byClass[cls] ??= emptyRuleCounts()), counts);
    }
    into.value.matched += times.value.matched;
    into.value.equal += times.value.equal;
    into.value.gold += times.value.gold;
    into.value.pred += times.value.pred;
    errors.push(...times.errors);
  }

  if (layers.has('QUOTE')) {
    const quotes = compareQuotes(gold.quotes, doc.layers.quotes ?? [], mentions);
    const into = (tally.quotes ??= {
      groups: { direct: emptyRuleCounts(), nondirect: emptyRuleCounts(), all: emptyRuleCounts() },
      speaker: { correct: 0, total: 0 },
      cue: { correct: 0, total: 0 },
    });
    for (const group of ['direct', 'nondirect', 'all'] as const) addRuleCounts(into.groups[group], quotes.groups[group]);
    into.speaker.correct += quotes.speaker.correct;
    into.speaker.total += quotes.speaker.total;
    into.cue.correct += quotes.cue.correct;
    into.cue.total += quotes.cue.total;
    errors.push(...quotes.errors);
  }

  if (layers.has('ENTITY')) collectLinks(gold, doc, names, (tally.linking ??= { mentions: [] }));
  return errors;
}

/** Record the matched mentions of one document for the linking scores. */
function collectLinks(gold: GoldDocument, doc: Document, names: ReturnType<typeof compareNames>, into: NonNullable<Tally['linking']>): void {
  const predEntities = new Map((doc.layers.entities ?? []).map((entity) => [entity.id, entity]));
  for (const [g, p] of names.overlap.pairs) {
    const goldMention = names.gold[g]!;
    const predMention = names.pred[p]!;
    if (goldMention.entity === undefined) continue;
    into.mentions.push({
      doc: gold.id,
      gold: goldMention.entity,
      pred: predMention.entity,
      at: `${predMention.start}-${predMention.end}`,
      goldKb: gold.entities[goldMention.entity]?.kb ?? null,
      predKb: (predMention.entity ? predEntities.get(predMention.entity)?.kb : undefined) ?? null,
      predSameAs: (predMention.entity ? predEntities.get(predMention.entity)?.sameAs : undefined) ?? [],
    });
  }
}

/**
 * Cluster keys of the linking mentions. Within a document both keys include the document; across
 * documents the ids are used as they are. A mention with no predicted entity is a cluster of its own.
 * @param mentions the matched mentions
 * @param scope `within` or `across` documents
 */
export function linkItems(mentions: readonly LinkMention[], scope: 'within' | 'across'): LinkItem[] {
  return mentions.map((m) => {
    const pred = m.pred ?? `${JOIN}single${JOIN}${m.doc}${JOIN}${m.at}`;
    return scope === 'within' ? { gold: m.doc + JOIN + m.gold, pred: m.doc + JOIN + pred } : { gold: m.gold, pred };
  });
}

/** KB accuracy tallies: matched mentions where both the gold and the pipeline give a KB link. */
export function kbTally(mentions: readonly LinkMention[]): Accuracy {
  const tally: Accuracy = { correct: 0, total: 0 };
  for (const m of mentions) {
    if (!m.goldKb || !m.predKb) continue;
    tally.total++;
    const gold = normalizeKb(m.goldKb);
    if ([m.predKb, ...(m.predSameAs ?? [])].some((id) => normalizeKb(id) === gold)) tally.correct++;
  }
  return tally;
}

/** Add `b` into `a`; link items of different files are kept apart by prefixing the file key. */
export function mergeTally(a: Tally, b: Tally, fileKey: string): void {
  a.documents += b.documents;
  a.failed.push(...b.failed);
  for (const [type, counts] of Object.entries(b.names) as [NameType, RuleCounts][]) addRuleCounts((a.names[type] ??= emptyRuleCounts()), counts);
  if (b.times) {
    const into = (a.times ??= { byClass: {}, value: { matched: 0, equal: 0, gold: 0, pred: 0 } });
    for (const [cls, counts] of Object.entries(b.times.byClass) as [TimeClass, RuleCounts][]) addRuleCounts((into.byClass[cls] ??= emptyRuleCounts()), counts);
    for (const key of ['matched', 'equal', 'gold', 'pred'] as const) into.value[key] += b.times.value[key];
  }
  if (b.quotes) {
    const into = (a.quotes ??= {
      groups: { direct: emptyRuleCounts(), nondirect: emptyRuleCounts(), all: emptyRuleCounts() },
      speaker: { correct: 0, total: 0 },
      cue: { correct: 0, total: 0 },
    });
    for (const group of ['direct', 'nondirect', 'all'] as const) addRuleCounts(into.groups[group], b.quotes.groups[group]);
    into.speaker.correct += b.quotes.speaker.correct;
    into.speaker.total += b.quotes.speaker.total;
    into.cue.correct += b.quotes.cue.correct;
    into.cue.total += b.quotes.cue.total;
  }
  if (b.linking) {
    const into = (a.linking ??= { mentions: [] });
    for (const m of b.linking.mentions) {
      into.mentions.push({ ...m, doc: fileKey + JOIN + m.doc, gold: fileKey + JOIN + m.gold, pred: m.pred === null ? null : fileKey + JOIN + m.pred });
    }
  }
}

/** Attach file, document and 40 characters of context on each side to an error row. */
function locate(error: SpanError, file: string, gold: GoldDocument): LocatedError {
  const { text } = gold;
  return {
    ...error,
    file,
    document: gold.id,
    left: text.slice(Math.max(0, error.start - CONTEXT), error.start),
    right: text.slice(error.end, error.end + CONTEXT),
  };
}

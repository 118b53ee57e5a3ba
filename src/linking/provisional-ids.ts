/**
 * A worker's guess, while the run goes on, of the corpus linker's most common decision: one name
 * typed differently in different articles ("United States" as MISC here, LOCATION elsewhere) is one
 * entity, under the id of its preferred type (see `isMoreRepresentative` in link-corpus.ts: not MISC,
 * then the most mentions).
 *
 * Why guess: phase 1 writes each document's JSON before the corpus is linked, and the corpus pass
 * used to rewrite every document whose ids the linker changed (58 % of the bench corpus, nearly all
 * of them for this reason). A document written with the right guess needs no rewrite, and its CSV
 * rows, rendered in phase 1, are used as they are. A wrong guess costs only that rewrite: the corpus
 * pass checks every guess against the linker's ids, so the output never depends on the guesses.
 */
import type { DocumentEntitySummary } from './link-corpus.js';

/** Distinct names remembered per thread; then it starts afresh (a guess is only an optimization). */
const MAX_NAMES = 20_000;

/** The type prefix and the rest of an entity id (`location` and `united-states`). */
function splitId(id: string): [prefix: string, slug: string] | null {
  const colon = id.indexOf(':');
  return colon > 0 ? [id.slice(0, colon), id.slice(colon + 1)] : null;
}

export class ProvisionalIds {
  /** Per name (the id without its type), the mentions seen under each type prefix. */
  private readonly seen = new Map<string, Map<string, number>>();

  /**
   * Remember a document's entities (before guessing its ids: a name typed two ways in one document is one entity too).
   * @param summary the document's entity summary, with its own ids
   */
  learn(summary: DocumentEntitySummary): void {
    if (this.seen.size > MAX_NAMES) this.seen.clear();
    for (const entity of summary.entities) {
      const parts = splitId(entity.id);
      if (!parts) continue;
      const [prefix, slug] = parts;
      let counts = this.seen.get(slug);
      if (!counts) this.seen.set(slug, (counts = new Map()));
      counts.set(prefix, (counts.get(prefix) ?? 0) + entity.mentions);
    }
  }

  /**
   * The id changes to guess for a document: an entity whose name was seen more often under another
   * type (or only as MISC here and under a real type elsewhere) gets that type's id.
   * @param summary the document's entity summary, with its own ids
   * @returns local id → guessed corpus id, only for the ids that change
   */
  guess(summary: DocumentEntitySummary): Map<string, string> {
    const changes = new Map<string, string>();
    for (const entity of summary.entities) {
      const parts = splitId(entity.id);
      if (!parts) continue;
      const [prefix, slug] = parts;
      const counts = this.seen.get(slug);
      if (!counts) continue;
      const preferred = preferredPrefix(counts, prefix);
      if (preferred !== prefix) changes.set(entity.id, `${preferred}:${slug}`);
    }
    return changes;
  }
}

/** The type prefix the linker would keep: not MISC, then the most mentions, then the first in order. */
function preferredPrefix(counts: ReadonlyMap<string, number>, own: string): string {
  let best = own;
  let bestMentions = counts.get(own) ?? 0;
  for (const [prefix, mentions] of counts) {
    if (prefix === own) continue;
    const bestIsMisc = best === 'misc';
    const isMisc = prefix === 'misc';
    const better = bestIsMisc !== isMisc ? bestIsMisc : mentions !== bestMentions ? mentions > bestMentions : prefix < best;
    if (better) {
      best = prefix;
      bestMentions = mentions;
    }
  }
  return best;
}

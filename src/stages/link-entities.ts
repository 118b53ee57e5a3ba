/**
 * link-entities: canonical entities within one article, with corpus-wide stable ids.
 *
 * requires: mentions, quotes → assigns: mentions, quotes, entities
 * messages: none (a broken knowledge base is a config error thrown by `create`)
 *
 * Name mentions are grouped by {@link linkDocument} (surname / full name, titles, possessives,
 * initials, spelling variants, acronyms, US / U.S. / United States, "the ministry"). Ids are
 * `<type>:<slug of the canonical name>` (`person:park-jin`), so the same name gets the same id in every
 * article; src/linking/link-corpus.ts later merges short forms across articles.
 * Quote speakers that extract-quotes resolved to a named antecedent ("he", "the minister") become PRO or
 * NOM mentions of that entity, and each quote gets its `speakerEntity`.
 * With `knowledgeBase` set, entities whose name or an alias matches exactly one entry of the same type
 * get its id as `kb`.
 *
 * limits: no pronoun resolution of its own (only quote speakers); an organization short form is linked
 * only when one organization in the article ends in that word; within an article a surname shared
 * by two people goes to the nearest preceding one.
 */
import { z } from 'zod';
import type { DocumentEntity, Mention, Quote } from '../model/document.js';
import { overlapLength, overlaps, type Span } from '../model/span.js';
import { defineStage } from '../pipeline/stage.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../linking/knowledge-base.js';
import { rememberMentionTitles } from '../linking/link-corpus.js';
import { linkDocument, MentionLookup } from '../linking/link-document.js';
import { isPronoun } from '../linking/names.js';

const options = z
  .strictObject({
    /** Path to a `.jsonl` or `.csv` knowledge base of `{id, name, type, aliases, description}`, or null. */
    knowledgeBase: z.string().min(1).nullable().default(null),
  })
  .prefault({});

/** Options of the link-entities stage. */
export type LinkEntitiesOptions = z.output<typeof options>;

export const linkEntities = defineStage({
  name: 'link-entities',
  options,
  requires: ['mentions', 'quotes'],
  assigns: ['mentions', 'quotes', 'entities'],
  create(settings) {
    const knowledgeBase = settings.knowledgeBase === null ? null : loadKnowledgeBase(settings.knowledgeBase);
    return {
      run(doc) {
        const input = addSpeakerMentions(doc.layers.mentions ?? [], doc.layers.quotes ?? []);
        const links = linkDocument(doc.text, input.mentions, doc.bodyStart);
        const mentions = resolveSpeakerMentions(links.mentions, input.speakers);
        const lookup = new MentionLookup(mentions);
        const quotes = (doc.layers.quotes ?? []).map((quote) => withSpeakerEntity(quote, lookup));
        const entities: DocumentEntity[] = links.entities.map((entity) => {
          // Without a knowledge-base entry the linked entity is the document entity (the same keys): no copy.
          const entry = knowledgeBase?.match(entity.type, [entity.name, ...entity.aliases]) ?? null;
          if (!entry) return entity;
          const base: DocumentEntity = { id: entity.id, name: entity.name, type: entity.type, aliases: entity.aliases };
          return Object.assign(base, { kb: entry.id }, entry.sameAs && entry.sameAs.length > 0 ? { sameAs: entry.sameAs } : {});
        });
        rememberMentionTitles(entities, mentions, links.mentionTitles);
        return { layers: { mentions, quotes, entities } };
      },
    };
  },
});

/** A speaker mention waiting for its antecedent's entity. */
interface PendingSpeaker {
  readonly speaker: Span;
  readonly antecedent: Span;
}

/**
 * Quote speakers written as a pronoun or nominal whose `speakerMention` points at another mention:
 * they become PRO / NOM mentions (entity filled in after linking). Speakers that overlap an existing
 * mention are left alone.
 */
function addSpeakerMentions(
  mentions: readonly Mention[],
  quotes: readonly Quote[],
): { mentions: Mention[]; speakers: PendingSpeaker[] } {
  // Copied only when a speaker mention is added (most documents add none).
  let out: Mention[] | null = null;
  const speakers: PendingSpeaker[] = [];
  const lookup = new MentionLookup(mentions);
  const added = new Set<string>();
  for (const quote of quotes) {
    const { speaker, speakerMention } = quote;
    if (!speaker || !speakerMention || overlaps(speaker, speakerMention)) continue;
    // One speaker span may be shared by several quotes ("he said … and added …"): add it once.
    const key = `${speaker.start}:${speaker.end}`;
    if (added.has(key) || lookup.hasOverlap(speaker)) continue;
    const antecedent = mentionAt(lookup, speakerMention);
    if (!antecedent) continue;
    // Object.assign, not a spread: Node 20 builds `{ ...a, b }` on a slow path (~2 µs an object).
    (out ??= [...mentions]).push(Object.assign({}, speaker, { type: antecedent.type, form: isPronoun(speaker.text) ? ('PRO' as const) : ('NOM' as const), entity: null }));
    speakers.push({ speaker, antecedent: speakerMention });
    added.add(key);
  }
  return { mentions: out ?? (mentions as Mention[]), speakers };
}

/** Give each added speaker mention the entity of its antecedent. */
function resolveSpeakerMentions(mentions: readonly Mention[], speakers: readonly PendingSpeaker[]): Mention[] {
  if (speakers.length === 0) return mentions as Mention[]; // linkDocument's own new array: no copy needed
  const entityOf = new Map<string, string | null>();
  const lookup = new MentionLookup(mentions);
  for (const { speaker, antecedent } of speakers) {
    entityOf.set(`${speaker.start}:${speaker.end}`, mentionAt(lookup, antecedent)?.entity ?? null);
  }
  return mentions.map((mention) => {
    const entity = mention.form === 'NAM' ? undefined : entityOf.get(`${mention.start}:${mention.end}`);
    return entity === undefined ? mention : Object.assign({}, mention, { entity });
  });
}

/** The mention at exactly this span, else the named mention overlapping it most. */
function mentionAt(lookup: MentionLookup, span: Span): Mention | null {
  let best: Mention | null = null;
  let bestOverlap = 0;
  const sorted = lookup.sorted;
  for (let i = lookup.firstCandidate(span); i < sorted.length; i++) {
    const mention = sorted[i]!;
    if (mention.start >= span.end) break;
    if (!overlaps(mention, span)) continue;
    if (mention.start === span.start && mention.end === span.end) return mention;
    const shared = overlapLength(mention, span);
    if (shared > bestOverlap || (shared === bestOverlap && shared > 0 && best?.form !== 'NAM' && mention.form === 'NAM')) {
      best = mention;
      bestOverlap = shared;
    }
  }
  return best;
}

/** The quote with `speakerEntity` from its `speakerMention`, else from a mention overlapping its speaker. */
function withSpeakerEntity(quote: Quote, lookup: MentionLookup): Quote {
  const fromAntecedent = quote.speakerMention ? mentionAt(lookup, quote.speakerMention)?.entity : null;
  const fromSpeaker = quote.speaker ? mentionAt(lookup, quote.speaker)?.entity : null;
  const speakerEntity = fromAntecedent ?? fromSpeaker ?? quote.speakerEntity ?? null;
  return speakerEntity === quote.speakerEntity ? quote : Object.assign({}, quote, { speakerEntity });
}

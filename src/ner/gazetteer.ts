/**
 * Gazetteers (name lists) used as tagger features and by the post-rules. The lists come from
 * compromise's lexicon (read at training time and stored in the model) plus the small hand-written
 * lists below: titles, company suffixes, heads of organization names.
 */

/** Gazetteer categories; each is one bit of a word's gazetteer mask. */
export const GAZ_CATEGORIES = [
  'first-name',
  'last-name',
  'person',
  'country',
  'city',
  'region',
  'organization',
  'sports-team',
  'demonym',
  'honorific',
  'role',
  'time',
  'common',
  'org-word',
  'place-word',
  'title',
  'org-suffix',
  'org-head',
] as const;

/** One gazetteer category. */
export type GazCategory = (typeof GAZ_CATEGORIES)[number];

/** The bit of a category in a gazetteer mask. */
export function gazBit(category: GazCategory): number {
  return 1 << GAZ_CATEGORIES.indexOf(category);
}

/** Serialized gazetteers: lowercase entries per category. */
export type GazetteerLists = Partial<Record<GazCategory, readonly string[]>>;

/** Titles and roles written before a person's name ("Foreign Minister Park Jin", "Mr. Smith"). */
const TITLES = [
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'president', 'minister',
  'prime', 'secretary', 'chancellor', 'senator', 'sen', 'rep', 'representative', 'gov', 'governor', 'mayor',
  'king', 'queen', 'prince', 'princess', 'pope', 'general', 'gen', 'col', 'colonel', 'lt', 'capt', 'captain',
  'sgt', 'sergeant', 'major', 'maj', 'adm', 'admiral', 'judge', 'justice', 'ambassador', 'chairman',
  'chairwoman', 'chair', 'chief', 'executive', 'ceo', 'cfo', 'coo', 'spokesman', 'spokeswoman', 'spokesperson',
  'director', 'coach', 'premier', 'deputy', 'vice', 'envoy', 'commissioner', 'leader', 'manager', 'rev',
  'reverend', 'father', 'sheikh', 'ayatollah', 'cardinal', 'bishop', 'archbishop', 'emperor', 'sultan',
  'speaker', 'attorney', 'founder', 'co-founder', 'analyst', 'economist', 'officer', 'official', 'head',
  'counsel', 'lawmaker', 'legislator', 'congressman', 'congresswoman', 'mp', 'dep', 'supt', 'insp', 'inspector',
  'detective', 'det', 'cpl', 'pvt', 'brig', 'marshal', 'sen.', 'mr.', 'mrs.', 'ms.', 'dr.', 'gen.', 'st',
];

/** Words that end a company name ("Lear Corp.", "Samsung Electronics Co. Ltd"). */
const ORG_SUFFIXES = [
  'corp', 'corporation', 'inc', 'incorporated', 'ltd', 'limited', 'co', 'plc', 'llc', 'llp', 'lp', 'ag', 'sa',
  'nv', 'bv', 'gmbh', 'spa', 'ab', 'asa', 'as', 'oy', 'kk', 'bhd', 'pty', 'pte', 'group', 'holdings', 'holding',
  'bancorp', 'industries', 'international', 'intl', 'systems', 'technologies', 'partners', 'associates',
];

/** Head nouns of organization names ("Foreign Ministry", "Yonhap News Agency", "Labour Party"). */
const ORG_HEADS = [
  'ministry', 'agency', 'party', 'union', 'council', 'committee', 'bank', 'university', 'institute',
  'association', 'commission', 'court', 'parliament', 'army', 'navy', 'police', 'office', 'department',
  'bureau', 'federation', 'league', 'club', 'fc', 'news', 'times', 'post', 'herald', 'journal', 'airlines',
  'airways', 'motors', 'securities', 'exchange', 'board', 'fund', 'foundation', 'service', 'services',
  'organisation', 'organization', 'front', 'movement', 'alliance', 'assembly', 'congress', 'senate', 'cabinet',
  'government', 'reserve', 'treasury', 'bundesbank', 'force', 'forces', 'guard', 'school', 'college', 'hospital',
  'church', 'company', 'network', 'press', 'television', 'radio', 'daily', 'tribune', 'telegraph', 'gazette',
];

/** The hand-written lists, by category. */
export const HAND_LISTS: GazetteerLists = { title: TITLES, 'org-suffix': ORG_SUFFIXES, 'org-head': ORG_HEADS };

/** Looks words and word sequences up in the gazetteers. */
export class Gazetteer {
  private readonly single = new Map<string, number>();
  private readonly multi = new Map<string, number>();
  private readonly multiFirst = new Set<string>();
  /** Longest multi-word entry, in words. */
  readonly maxWords: number;

  /** @param lists lowercase entries per category; multi-word entries are space-separated */
  constructor(lists: GazetteerLists) {
    let maxWords = 1;
    for (const category of GAZ_CATEGORIES) {
      const bit = gazBit(category);
      for (const entry of lists[category] ?? []) {
        const words = entry.split(' ');
        if (words.length === 1) {
          this.single.set(entry, (this.single.get(entry) ?? 0) | bit);
        } else {
          this.multi.set(entry, (this.multi.get(entry) ?? 0) | bit);
          this.multiFirst.add(words[0]!);
          maxWords = Math.max(maxWords, words.length);
        }
      }
    }
    this.maxWords = Math.min(maxWords, 6);
  }

  /** Mask of the categories a lowercase word is in; a trailing period is ignored ("corp." = "corp"). */
  word(lower: string): number {
    const mask = this.single.get(lower);
    if (mask !== undefined) return mask;
    return lower.length > 1 && lower.endsWith('.') ? (this.single.get(lower.slice(0, -1)) ?? 0) : 0;
  }

  /** True when some multi-word entry starts with this lowercase word. */
  startsPhrase(lower: string): boolean {
    return this.multiFirst.has(lower);
  }

  /** Mask of a space-joined lowercase phrase of several words (0 when absent). */
  phrase(lowerPhrase: string): number {
    return this.multi.get(lowerPhrase) ?? 0;
  }
}

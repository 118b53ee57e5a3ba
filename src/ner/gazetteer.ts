/**
 * Gazetteers (name lists) used as tagger features and by the post-rules. The lists come from
 * compromise's lexicon (read at training time and stored in the model) plus the small hand-written
 * lists below: titles, company suffixes, heads of organization names.
 */

import { hashString, mix } from './hash.js';

/**
 * The hash of a phrase one word longer: `phraseHash(phraseHash(hashString(w1), hashString(w2)), …)`.
 * Lets a caller test word sequences against the multi-word entries (`mayBePhrase`) without joining them.
 */
export function phraseHash(phrase: number, word: number): number {
  return mix(phrase ^ Math.imul(word, 0x2f0bc5c7));
}

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

/**
 * Well-known organizations, written by hand from general knowledge (companies, agencies, news
 * organizations, international bodies), to add to compromise's short list. Lower case. Names that are
 * also common words or surnames ("Shell", "Delta", "WHO", "Fed", "Pearson") are left out: the list is
 * looked up without regard to case, and such a hit would fire on every "who".
 */
const ORGANIZATIONS = [
  // companies
  'airbus', 'boeing', 'lockheed', 'lockheed martin', 'northrop', 'northrop grumman', 'raytheon', 'mcdonnell douglas',
  'general dynamics', 'chrysler', 'ford', 'general motors', 'gm', 'toyota', 'honda', 'nissan', 'mitsubishi', 'mazda',
  'volkswagen', 'vw', 'daimler', 'daimler-benz', 'bmw', 'renault', 'peugeot', 'citroen', 'saab', 'scania', 'volvo',
  'pirelli', 'michelin', 'goodyear', 'bridgestone', 'ericsson', 'nokia', 'siemens', 'philips', 'alcatel',
  'alcatel alsthom', 'olivetti', 'ibm', 'microsoft', 'intel', 'motorola', 'compaq',
  'hewlett-packard', 'digital equipment', 'oracle', 'novell', 'netscape', 'sun microsystems', 'texas instruments',
  'at&t', 'mci', 'bellsouth', 'nynex', 'gte', 'british telecom', 'bt', 'deutsche telekom',
  'france telecom', 'telecom italia', 'stet', 'telefonica', 'ntt', 'sony', 'matsushita', 'hitachi', 'toshiba', 'nec',
  'fujitsu', 'samsung', 'daewoo', 'hyundai', 'lg', 'exxon', 'mobil', 'royal dutch shell',
  'british petroleum', 'bp', 'texaco', 'chevron', 'amoco', 'elf aquitaine', 'eni', 'agip',
  'repsol', 'petrobras', 'pemex', 'gazprom', 'lukoil', 'aramco', 'statoil', 'norsk hydro', 'rio tinto',
  'anglo american', 'de beers', 'bhp', 'alcoa', 'inco', 'nestle', 'unilever', 'procter & gamble', 'coca-cola',
  'pepsico', 'mcdonald\'s', 'philip morris', 'rjr nabisco', 'kellogg', 'heinz', 'danone', 'guinness', 'diageo',
  'heineken', 'carlsberg', 'interbrew', 'allied domecq', 'glaxo', 'glaxo wellcome', 'smithkline beecham',
  'zeneca', 'ciba', 'ciba-geigy', 'sandoz', 'novartis', 'roche', 'hoechst', 'bayer', 'basf', 'merck', 'pfizer',
  'eli lilly', 'bristol-myers squibb', 'johnson & johnson', 'rhone-poulenc', 'du pont', 'dupont', 'dow chemical',
  'monsanto', 'general electric', 'ge', 'westinghouse', 'abb', 'asea brown boveri', 'fiat', 'ferruzzi', 'montedison',
  'benetton', 'walt disney', 'disney', 'time warner', 'warner bros', 'news corp', 'viacom', 'paramount',
  'bertelsmann', 'reed elsevier', 'walmart', 'wal-mart', 'sears', 'kmart', 'marks & spencer',
  'sainsbury', 'tesco', 'carrefour', 'ahold', 'american express', 'mastercard',
  'british airways', 'lufthansa', 'air france', 'klm', 'alitalia', 'iberia', 'sabena', 'swissair',
  'qantas', 'cathay pacific', 'singapore airlines', 'japan airlines', 'aeroflot', 'american airlines', 'united airlines',
  'delta air lines', 'continental airlines', 'usair', 'twa', 'pan am', 'federal express', 'fedex',
  'btr', 'rolls-royce', 'british aerospace', 'gec', 'vickers', 'aerospatiale', 'dassault',
  'matra', 'thyssen', 'krupp', 'mannesmann', 'veba', 'rwe', 'preussag',
  // banks and finance
  'citibank', 'citicorp', 'chase manhattan', 'j.p. morgan', 'morgan stanley', 'merrill lynch', 'goldman sachs',
  'salomon brothers', 'lehman brothers', 'bear stearns', 'paine webber', 'smith barney', 'dean witter',
  'bankamerica', 'bank of america', 'nationsbank', 'wells fargo', 'chemical bank', 'barclays', 'lloyds',
  'natwest', 'midland bank', 'hsbc', 'standard chartered', 'deutsche bank', 'dresdner bank', 'commerzbank',
  'credit suisse', 'ubs', 'swiss bank corp', 'abn amro', 'paribas', 'bnp', 'credit lyonnais',
  'societe generale', 'nomura', 'daiwa', 'nikko', 'yamaichi', 'sumitomo', 'mitsui', 'sanwa', 'fuji bank',
  'barings', 'warburg', 's.g. warburg', 'schroders', 'moody\'s', 'standard & poor\'s', 'lloyd\'s',
  // news organizations
  'reuters', 'associated press', 'afp', 'agence france-presse', 'upi', 'itar-tass', 'tass', 'interfax',
  'xinhua', 'kyodo', 'yonhap', 'ansa', 'dpa', 'efe', 'anatolian', 'mena', 'irna', 'bernama', 'antara', 'pti',
  'bbc', 'cnn', 'abc', 'nbc', 'cbs', 'fox news', 'npr', 'al jazeera', 'new york times', 'washington post',
  'wall street journal', 'financial times', 'the times', 'the guardian', 'the economist', 'le monde', 'der spiegel',
  'bloomberg', 'dow jones', 'knight-ridder', 'time magazine', 'newsweek', 'usa today', 'los angeles times',
  // governments, international bodies, agencies
  'united nations', 'u.n.', 'nato', 'european union', 'eu', 'european commission', 'european parliament',
  'council of europe', 'osce', 'opec', 'imf', 'international monetary fund', 'world bank', 'wto',
  'world trade organisation', 'world trade organization', 'gatt', 'oecd', 'asean', 'apec', 'african union',
  'organisation of african unity', 'oau', 'arab league', 'red cross', 'icrc', 'unicef', 'unesco', 'unhcr',
  'world health organisation', 'world health organization', 'fao', 'iaea', 'interpol', 'europol',
  'amnesty international', 'human rights watch', 'greenpeace', 'medecins sans frontieres', 'fifa', 'uefa', 'ioc',
  'iaaf', 'icc', 'nba', 'nfl', 'nhl', 'ncaa', 'federal reserve', 'bundesbank', 'bank of england',
  'bank of japan', 'european central bank', 'ecb', 'fbi', 'cia', 'nasa', 'pentagon', 'kremlin',
  'white house', 'fda', 'epa', 'irs', 'nsa', 'kgb', 'fsb', 'mossad', 'hamas', 'hezbollah',
  'plo', 'sinn fein', 'taliban', 'al qaeda', 'anc', 'african national congress', 'likud',
  'labour party', 'conservative party', 'democratic party', 'republican party', 'bundestag', 'duma', 'knesset',
  'nasdaq', 'nyse', 'new york stock exchange', 'london stock exchange', 'liffe', 'matif', 'cbot', 'comex', 'nymex',
];

/** The hand-written lists, by category. */
export const HAND_LISTS: GazetteerLists = { title: TITLES, 'org-suffix': ORG_SUFFIXES, 'org-head': ORG_HEADS, organization: ORGANIZATIONS };

/** A key's text up to its first space: the same for a phrase and its first word (`startsPhrase` keys). */
export function firstWord(text: string): string {
  const space = text.indexOf(' ');
  return space < 0 ? text : text.slice(0, space);
}

/** Looks words and word sequences up in the gazetteers. */
export class Gazetteer {
  private readonly single = new Map<string, number>();
  private readonly multi = new Map<string, number>();
  private readonly multiFirst = new Set<string>();
  /** Every proper prefix of two or more words of a multi-word entry. */
  private readonly multiPrefixes = new Set<string>();
  /** `phraseHash` of every multi-word entry, and of every such proper prefix. */
  private readonly multiHashes = new Set<number>();
  private readonly prefixHashes = new Set<number>();
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
          for (let k = 2; k < words.length; k++) this.multiPrefixes.add(words.slice(0, k).join(' '));
          let hash = hashString(words[0]!);
          for (let k = 1; k < words.length; k++) {
            hash = phraseHash(hash, hashString(words[k]!));
            (k + 1 < words.length ? this.prefixHashes : this.multiHashes).add(hash);
          }
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

  /** True when some multi-word entry is longer than this phrase of two or more words and starts with it. */
  startsLongerPhrase(lowerPhrase: string): boolean {
    return this.multiPrefixes.has(lowerPhrase);
  }

  /**
   * False when no multi-word entry, and no proper prefix of one, has this `phraseHash` (then neither
   * `phrase` nor `startsLongerPhrase` can find the phrase); true when one may.
   */
  mayBePhrase(hash: number): boolean {
    return this.multiHashes.has(hash) || this.prefixHashes.has(hash);
  }

  /** Mask of a space-joined lowercase phrase of several words (0 when absent). */
  phrase(lowerPhrase: string): number {
    return this.multi.get(lowerPhrase) ?? 0;
  }
}

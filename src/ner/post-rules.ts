/**
 * Document-level rules applied to the tagger's runs:
 *   1a. an organization followed by a town code and a number in a results line keeps the code
 *       ("Mladost (L) 4 2 1");
 *   1. split runs at separating punctuation and trim lower-case words off their edges;
 *   1j. a name takes in the whole of a hyphenated word at its edges ("Rolls-" + "Royce" → "Rolls-Royce"),
 *       and a listed company so written is no person ("Rolls-Royce"; "Rolls-Royce Trent" is its product);
 *   1b. a name closing a parenthesized credit line ("(Yonhap)") is an organization (the agency);
 *   1e. a word glued to a number ("2GB"), a common-noun acronym ("SDK"), a currency code by an
 *       amount ("$99 (USD)") and a number alone are no names; a model code alone ("A380"), a time zone
 *       after a number ("16:00 UTC") and "Chapter 11" are MISC;
 *   1h. "Flight 574" is MISC, and the name before it the airline;
 *   1g. a name glued to ".com" is a website, an organization ("Detik.com");
 *   1f. a name right after an "iPod"-style brand is a product ("iPod Nano"): MISC;
 *   1d. a one-word person run straight into an organization is that organization's first word
 *       ("Aer" + "Lingus"), and "Air" + a place or a people + "Air" is one airline ("Air India");
 *   1i. a one-word organization and a one-word person side by side are one name ("Apple Computer",
 *       "Kobus Wiese");
 *   1k. a one-word organization cut off a longer name joins the rest of it ("Apple" + "Computer",
 *       "General" + "Motors");
 *   1l. "St." cut off the name after it opens that name ("St." + "Louis"); an industrial site ("Michigan Truck Plant", "Louisville Assembly of Louisville") is a LOCATION,
 *       and so is the town after its "of";
 *   1m. an organization glued to the name of a person who serves it ("Air Force James Roche") is
 *       split into the two;
 *   1k'. an organization takes in an untagged last word that only ends organizations ("Auto" +
 *       "Workers"), and a people's name before it ("Canadian Auto Workers");
 *   1c. two names joined by "&" where one is an organization are one organization ("J.P. Morgan
 *       Chase & Co."); a name ending in a company suffix ("Corp.", "Ltd") or an organization word
 *       ("Douglas Aircraft"), in a company context ("shares of X", "X's chief executive", "CEO of X"),
 *       right after a kind of company ("airline Aer Lingus", "carmaker Ford") or in apposition with
 *       one ("Magna, a Canadian auto parts company") is an organization, in the whole document; a
 *       company suffix the tagger left out joins the name ("Pirelli" + "SpA"), and so does an untagged
 *       owner's name before "'s" ("Kellerman's Bancshares Inc."), but not a place's ("Thailand's Siam
 *       Commercial Bank Plc"); "X & Co." makes "X" alone the company;
 *       a person before "of" is not part of the company ("John Casesa of Schroder Wertheim & Co");
 *   2a. an agreement or treaty ("... Information Agreement") is MISC, with its acronym; a picture
 *       credit's first word ("(Photos from Yonhap)") is no name; a one-word "person" right after
 *       "the" is a thing named like one ("the Taurus", "the Falcon's bodyshell"): MISC, or, a
 *       plural, a band or a team ("the Beatles"): ORGANIZATION;
 *   2d. a one-word person right after a listed maker ("Ford" + "Taurus"), and a listed maker with a name
 *       the document types MISC alone ("Ford Taurus" beside "the Taurus"), are the product: MISC;
 *   2e. a one-word "person" called a release of a product ("the current Falcon", "Tiger, the
 *       newest version of …") is that product, MISC, in the whole document;
 *   2f. a name the text shows to be a product is MISC, in the whole document: followed by "operating
 *       system", "browser" or a product noun ("laptops"), with a version numeral ("OS X", "Atlas V"),
 *       after an organization's possessive ("RIM's BlackBerry") or a maker's model number ("Boeing 787
 *       Dreamliner"); and a listed maker before a model code is the model ("a Boeing 747", rule 2c);
 *   2. one surface form keeps one type in a document (majority vote);
 *   2c. a one-word "person" that is a listed organization or opens a longer organization's name in the
 *       document is that organization ("Chrysler said", "Apple" beside "Apple Computer"), unless a
 *       longer person's name in the document has the word ("William Clay Ford");
 *   2g. a one-word location or organization that opens a product's MISC name with a model word or a
 *       version numeral ("Mac" beside "Mac OS X", "MacBook" beside "MacBook Air") is that product line: MISC;
 *   2b. the name opening a dateline ("LA CORUNA, Spain 1996-08-31", "SEOUL —") is a LOCATION;
 *   3. a known country or city is never a PERSON, and is a LOCATION before a title ("US Secretary");
 *   3e. a sea, lake, mountain, river or island by its name's shape ("Bay of Biscay", "Lake Victoria",
 *       "Red Sea") is a LOCATION;
 *   3c. a country typed ORGANIZATION before a lower-case noun ("US automakers") is a LOCATION;
 *   3d. a region or country typed ORGANIZATION after a place and a comma ("Wixom, Michigan,") is a LOCATION;
 *   3f. a country in parentheses right after a person's name ("Pete Sampras (U.S.)") is a LOCATION;
 *   3g. a name typed LOCATION beside "v" ("Hull v Barnet") is a team, an ORGANIZATION, unless a country;
 *   3h. a party-and-state tag after a person ("Ann Lee (D-N.Y.)") names the state: one LOCATION ("N.Y.");
 *   4. a word that is the first or last word of a person's name elsewhere in the document is that
 *      person ("Park" after "Park Jin");
 *   5. a title right before a capitalized name makes it a PERSON ("Mr. Lee"), and the title is kept
 *      as the mention's role ("Foreign Minister", "Secretary of State", "spokesman"); a one-word name that is
 *      a title before a person's name is part of the role ("Mr Justice" + "Anthony Mann", "Rep." typed MISC).
 * `companyNameEnd` (used by the stage) ends a company name before a period that also ends its line
 * ("Lear Corp" + "."). Every rule runs in linear time over tokens and runs.
 */
import { firstWord, gazBit, type Gazetteer } from './gazetteer.js';
import { ENTITY_TYPES, type TokenRun } from './tags.js';

/**
 * What the rules read of each token's word: its lower case, its gazetteer mask and whether it starts
 * with a capital. The tagger's cached `WordInfo`s carry them (`ruleWords` computes them otherwise), so
 * the rules lower-case no token and look no word up.
 */
export interface RuleWord {
  /** `text.toLowerCase()`. */
  readonly lowerText: string;
  /** `gazetteer.word(lowerText)`. */
  readonly gaz: number;
  /** The first character changes under lower-casing. */
  readonly cap: boolean;
  /**
   * Some multi-word gazetteer entry starts with the word's text up to its first space
   * (`gazetteer.startsPhrase(firstWord(lowerText))`): only then may a run opening with it be a phrase.
   */
  readonly opensPhrase: boolean;
}

/** The rules' view of each token's word, computed from the tokens (when no tagger's words are at hand). */
export function ruleWords(tokens: readonly { readonly text: string }[], gazetteer: Gazetteer): RuleWord[] {
  return tokens.map(({ text }) => {
    const lowerText = text.toLowerCase();
    return { lowerText, gaz: gazetteer.word(lowerText), cap: isCapitalized(text), opensPhrase: gazetteer.startsPhrase(firstWord(lowerText)) };
  });
}

/** A name run after the rules, with an optional role `[first, last]` token range. */
export interface NamedRun extends TokenRun {
  readonly role?: { first: number; last: number };
}

interface RuleToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
}

const PERSON = ENTITY_TYPES.indexOf('PERSON');
const LOCATION = ENTITY_TYPES.indexOf('LOCATION');
const PLACE_BITS = gazBit('country') | gazBit('city');
const TITLE_BITS = gazBit('title') | gazBit('honorific') | gazBit('role');
const ORG_BITS = gazBit('org-head') | gazBit('org-suffix');
const STOP_BITS = gazBit('demonym') | gazBit('country') | gazBit('city') | gazBit('time');
const DEMONYM_BIT = gazBit('demonym');
/** Punctuation that separates two names rather than joining parts of one. */
const SEPARATORS = new Set([',', '(', ')', '[', ']', '"', '“', '”', ';', ':', '—', '–', '--', '|', '/']);
/** The first character of every separator: a token starting otherwise is none (no set look-up). */
const SEPARATOR_FIRSTS = new Set([...SEPARATORS].map((text) => text.charCodeAt(0)));

/**
 * Is the token one of `SEPARATORS`? Read for every token of every run: most are words, which their
 * first character rules out before the set is asked (whose look-up hashes the string).
 */
function isSeparator(text: string): boolean {
  return text.length <= 2 && SEPARATOR_FIRSTS.has(text.charCodeAt(0)) && SEPARATORS.has(text);
}

/** Letters that change under upper-casing: a lower-case word. */
function isLowerWord(text: string): boolean {
  return text !== text.toUpperCase() && text[0] === text[0]!.toLowerCase();
}

function isCapitalized(text: string): boolean {
  const first = text[0] ?? '';
  return first !== first.toLowerCase();
}


/**
 * Apply the document-level rules.
 * @param runs the tagger's runs, in token order
 * @param tokens the document's tokens
 * @param gazetteer the model's gazetteers
 * @param capsSentence true for sentences written all in capitals (headlines), where case says nothing
 * @param words each token's word (`RuleWord`), e.g. the feature extractor's; computed when absent
 */
export function applyPostRules(
  runs: readonly TokenRun[],
  tokens: readonly RuleToken[],
  gazetteer: Gazetteer,
  capsSentence: (sentence: number) => boolean,
  words: readonly RuleWord[] = ruleWords(tokens, gazetteer),
): readonly NamedRun[] {
  // Measured on CoNLL dev (exact F1, tagger alone → with the rules): PER 94.1 → 94.5, ORG 83.4 → 83.8,
  // LOC 93.5 → 93.8, MISC 83.0 → 83.4.
  const capitals = capitalIndexes(words);
  let result = creditLines(hyphenatedWords(splitAndTrim(clubCodes(runs, tokens), tokens, words, capsSentence), tokens), tokens);
  result = hyphenatedCompanies(result, tokens, words, gazetteer);
  result = openedOrganizations(productLines(webDomains(flightNumbers(unitsAndCodes(result, tokens), tokens), tokens), tokens), tokens, words, capsSentence);
  result = organizationFragments(splitNames(result, tokens, words, capsSentence), tokens, words, gazetteer, capsSentence);
  result = peopleAfterOrganizations(facilities(saintNames(result, tokens), tokens, words, capsSentence), tokens, words, gazetteer, capsSentence);
  result = organizationEnds(result, tokens, words, capsSentence);
  result = companies(joinCompanyNames(joinAmpersands(result, tokens), tokens, words), tokens, words, gazetteer);
  result = productReleases(definiteNames(agreements(result, tokens, words), tokens, words, gazetteer), tokens, words, gazetteer);
  result = softwareNames(result, tokens, words, gazetteer);
  result = datelines(productFamilies(voteTypes(result, words), tokens, words, capsSentence), tokens, words);
  result = geographicFeatures(guardPlaces(makerModels(productNames(knownOrganizations(result, tokens, words, gazetteer), tokens, words, gazetteer), words), words, gazetteer), words);
  result = regionsAfterTowns(countriesBeforeNouns(placesBeforeTitles(result, tokens, words, gazetteer, capitals), tokens, words, gazetteer), tokens, words, gazetteer);
  result = partyTags(fixtures(nationalities(result, tokens, words, gazetteer), tokens, words, gazetteer), tokens);
  result = propagatePeople(result, tokens, words, capsSentence, capitals);
  return attachTitles(titleRuns(result, tokens, words), tokens, words, capsSentence);
}

/**
 * Rule 2a (definite article): a person's name takes no article, so a one-word PERSON run right after
 * "the" names a product, a vehicle ("the Taurus", "the Dreamliner"): MISC, as CoNLL types products;
 * a plural one names a group of people, a band or a team ("the Beatles", "the Mariners"): an
 * organization, as CoNLL types teams. Known first and last names stay people: a family ("the
 * Kennedys") or a name used as a modifier ("the Clinton administration", "the Richter scale"). Titles are not runs
 * ("the Pope" is never tagged), and a longer run may be a name the tagger extended over an
 * adjective, so only one-word runs change. Before the type vote (rule 2), so the name's other
 * mentions in the document follow the majority.
 * Measured (exact F1, PERSON): CoNLL dev 95.4 → 95.5, MEANTIME dev 49.4 → 50.4 (overlap 52.9 → 54.0).
 * Plurals as organizations: MEANTIME dev ORGANIZATION overlap recall 89.9 → 90.2 (F1 70.5 unchanged);
 * CoNLL dev and train unchanged.
 */
function definiteNames(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer): readonly TokenRun[] {
  return mapRuns(runs, (run) => {
    if (run.type !== PERSON || run.first !== run.last || run.first === 0) return run;
    const before = run.first - 1;
    if (words[before]!.lowerText !== 'the' || tokens[before]!.sentence !== tokens[run.first]!.sentence) return run;
    if (isKnownName(words[run.first]!, gazetteer)) return run;
    // A plural names a group of people: a band or a team ("the Beatles", "the Yankees"), an organization.
    return typed(run, isPlural(words[run.first]!) ? ORGANIZATION : MISC);
  });
}

/** Determiners before a product's new or old version ("the new Falcon", "its latest Tiger"). */
const PRODUCT_DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their']);
/** Adjectives that date a product among its versions; no one writes them before a person's name. */
const VERSION_ADJECTIVES = new Set(['new', 'newest', 'latest', 'current', 'original', 'previous', 'next', 'updated', 'upcoming', 'forthcoming']);
/** Nouns that, in an apposition after a name, make it a release ("Tiger, the code name for this release"). */
const RELEASE_NOUNS = new Set(['version', 'release', 'edition', 'successor', 'code']);

/**
 * Rule 2e: a one-word "person" that the text treats as a release of a product is that product, MISC,
 * everywhere in the document ("OS X Lion" too): after a determiner and a dating adjective ("the
 * current Falcon", "the new Falcon"), or in an apposition that calls it a version ("Tiger, the
 * newest version of Mac OS X", "Tiger, the code name for this release"). (Coming right after a
 * multi-word name in capitals is no evidence: "Speaker of the House Newt Gingrich".) Known first and
 * last names and words of a person's full name in the document stay people. Before the type vote.
 * Measured (overlap F1): MEANTIME dev PERSON 56.3 → 57.8, ORGANIZATION unchanged; CoNLL dev unchanged.
 */
function productReleases(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer): readonly TokenRun[] {
  let products: Set<string> | null = null;
  let people: Set<string> | null = null;
  for (const run of runs) {
    if (run.type === PERSON && run.last > run.first) for (let i = run.first; i <= run.last; i++) (people ??= new Set()).add(words[i]!.lowerText);
  }
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    if (run.type !== PERSON || run.first !== run.last || isKnownName(words[run.first]!, gazetteer)) continue;
    if (isRelease(run, tokens, words)) (products ??= new Set()).add(words[run.first]!.lowerText);
  }
  if (products === null) return runs;
  const found = products;
  return mapRuns(runs, (run) => {
    if (run.first !== run.last || run.type === MISC) return run;
    const key = words[run.first]!.lowerText;
    return found.has(key) && !people?.has(key) ? typed(run, MISC) : run;
  });
}

/** Does the text around a one-word run call it a release of a product? */
function isRelease(run: TokenRun, tokens: readonly RuleToken[], words: readonly RuleWord[]): boolean {
  const i = run.first;
  const sentence = tokens[i]!.sentence;
  // "the current Falcon"
  if (inSentence(tokens, i - 2, sentence) && VERSION_ADJECTIVES.has(words[i - 1]!.lowerText) && PRODUCT_DETERMINERS.has(words[i - 2]!.lowerText) && !words[i - 1]!.cap) return true;
  // "Tiger, the newest version of", "Tiger, the code name for"
  if (inSentence(tokens, i + 2, sentence) && tokens[i + 1]!.text === ',' && PRODUCT_DETERMINERS.has(words[i + 2]!.lowerText)) {
    for (let j = i + 3; j <= i + 4 && inSentence(tokens, j, sentence); j++) {
      if (RELEASE_NOUNS.has(words[j]!.lowerText)) return true;
      if (!VERSION_ADJECTIVES.has(words[j]!.lowerText)) break;
    }
  }
  return false;
}

/**
 * Rule 2f: a name the text shows to be a product is MISC, as CoNLL types products, for the same name
 * everywhere in the document:
 *   - followed by "operating system" or "browser", a version number allowed between ("the Mac OS X
 *     operating system", "the Safari 4.0 web browser"), or right after "browser" ("web browser Safari");
 *     not its maker, who is named with a possessive ("Microsoft's operating system");
 *   - an "organization" with a version numeral in Roman figures after its first word ("OS X", "Atlas V",
 *     "Delta IV"): a company's name has none but a king's (a club: "Willem II Tilburg"), and a cricket or rugby
 *     side's "XI" and "XV" are no versions;
 *   - right after an organization's possessive ("RIM's BlackBerry", "Apple's App Store"), unless an
 *     organization word ends it or a unit noun follows it (a subsidiary: "AMR's American Airlines",
 *     "Sun's JavaSoft unit");
 *   - right after a listed maker and a model number ("Boeing 787 Dreamliner").
 *   - followed by a noun for a kind of product ("MacBook Air laptops", "GarageBand programs"), unless the
 *     document writes the name with a possessive, as a maker ("Apple's plans" … "Apple programs").
 * A listed organization stays one.
 * Measured (overlap F1): "operating system"/"browser" alone, MEANTIME dev ORGANIZATION 69.8 → 70.2;
 * the other evidence, with rule 2c's model codes, ORGANIZATION 70.5 → 72.3, PERSON 58.6 → 58.8; CoNLL
 * dev ORGANIZATION exact F1 87.9 → 88.1, MISC 84.3 → 84.1 (a player and a share issue after a
 * possessive, which were wrong as organizations too), train unchanged.
 */
function softwareNames(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer): readonly TokenRun[] {
  let software: Set<string> | null = null;
  let owners: Set<string> | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    if (run.type === MISC || run.type === LOCATION) continue;
    if (
      !namesSoftware(run, tokens, words) && !hasVersionNumeral(run, tokens, words) && !ownedProduct(run, runs[k - 1], tokens, words, gazetteer) &&
      !namedModel(run, tokens, words, gazetteer) &&
      // A name the document writes with a possessive is a maker: "Apple's plans" … "Apple programs".
      !(beforeProductNoun(run, tokens, words) && !(owners ??= possessors(runs, tokens, words)).has(runKey(run, words)))
    ) continue;
    if (runGaz(run, words, gazetteer) & ORGANIZATION_BIT) continue;
    (software ??= new Set()).add(runKey(run, words));
  }
  if (software === null) return runs;
  const found = software;
  return mapRuns(runs, (run) => (run.type !== MISC && run.type !== LOCATION && found.has(runKey(run, words)) ? typed(run, MISC) : run));
}

/**
 * Is the run followed by "operating system", "browser" or "web browser", in lower case (after a
 * version number, if any: "Safari 4.0 web browser"), and not by the software's own name after that
 * ("the Apple operating system Mac OS X": there the run is the maker)? Or does "browser" come right
 * before it ("web browser Safari")?
 */
function namesSoftware(run: TokenRun, tokens: readonly RuleToken[], words: readonly RuleWord[]): boolean {
  const sentence = tokens[run.last]!.sentence;
  if (lowerAt(tokens, words, run.first - 1, sentence) === 'browser' && tokens[run.first - 1]!.sentence === tokens[run.first]!.sentence) return true;
  let after = run.last + 1;
  if (inSentence(tokens, after, sentence) && isDigit(tokens[after]!.text.charCodeAt(0))) after++;
  let end = -1;
  const next = lowerAt(tokens, words, after, sentence);
  if (next === 'browser' || next === 'browsers') end = after;
  else if (next === 'web' && lowerAt(tokens, words, after + 1, sentence) === 'browser') end = after + 1;
  else if (next === 'operating') {
    const noun = lowerAt(tokens, words, after + 1, sentence);
    if (noun === 'system' || noun === 'systems') end = after + 1;
  }
  return end >= 0 && !(inSentence(tokens, end + 1, sentence) && words[end + 1]!.cap);
}

/** Token `i`'s word when it is in sentence `sentence` and in lower case, else "". */
function lowerAt(tokens: readonly RuleToken[], words: readonly RuleWord[], i: number, sentence: number): string {
  return inSentence(tokens, i, sentence) && !words[i]!.cap ? words[i]!.lowerText : '';
}

/**
 * Lower-case nouns for a kind of product that, right after a name, make it the product's name ("MacBook
 * Air laptops", "GarageBand programs", "the new Tellen line"). Not nouns a maker's name modifies as often
 * ("Airbus jets", "Intel processors", "GM vehicles", "Apple computers").
 */
const PRODUCT_NOUNS = new Set(['laptop', 'laptops', 'notebooks', 'smartphone', 'smartphones', 'handset', 'handsets', 'app', 'apps', 'widget', 'widgets', 'software', 'program', 'programs', 'series']);

/** Is the run followed by a product noun ("the MacBook Air laptops")? */
function beforeProductNoun(run: TokenRun, tokens: readonly RuleToken[], words: readonly RuleWord[]): boolean {
  const after = run.last + 1;
  return after < tokens.length && tokens[after]!.sentence === tokens[run.last]!.sentence && !words[after]!.cap && PRODUCT_NOUNS.has(words[after]!.lowerText);
}

/** The names that the document writes with a possessive ("Apple's"): owners, which products seldom are. */
function possessors(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[]): Set<string> {
  const owners = new Set<string>();
  for (const run of runs) {
    const next = tokens[run.last + 1]?.text;
    if (next === "'s" || next === '’s') owners.add(runKey(run, words));
  }
  return owners;
}

/** Version numerals in Roman figures, II to XXXIX and V, X; not "I" (a pronoun) nor "XI" and "XV" (teams). */
const ROMAN_VERSION = /^(?!XI$|XV$)X{0,3}(?:IX|IV|VI{0,3}|I{2,3})$|^X{1,3}$/;

/**
 * Does a word after the organization's first one read as a version numeral ("OS X", "Atlas V", "Mac OS
 * X Lion")? Not a regnal number after a given name ("Henry II Trust"), nor one followed by a town (a club
 * named after a king: "Willem II Tilburg"), nor a club's town code in parentheses ("Buducnost (V)").
 */
function hasVersionNumeral(run: TokenRun, tokens: readonly RuleToken[], words: readonly RuleWord[]): boolean {
  if (run.type !== ORGANIZATION) return false;
  let numeral = -1;
  for (let i = run.first + 1; i <= run.last && numeral < 0; i++) {
    if (mayBeRoman(tokens[i]!.text) && ROMAN_VERSION.test(tokens[i]!.text) && tokens[i - 1]!.text !== '(' && !(words[i - 1]!.gaz & FIRST_NAME_BIT)) numeral = i;
  }
  if (numeral < 0) return false;
  for (let i = numeral + 1; i <= run.last; i++) if (words[i]!.gaz & PLACE_BITS) return false;
  return true;
}

/**
 * Can `ROMAN_VERSION` match? Only a text starting with I, V or X. The rules test patterns on most runs
 * of most documents: a first-character check before each (exact, as every match starts so) spares a
 * regular expression call per run and pattern.
 */
function mayBeRoman(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 73 || c === 86 || c === 88;
}

/** Does the text start with an ASCII capital (as `LONE_MODEL_CODE` matches must)? */
function startsUpperAscii(text: string): boolean {
  const c = text.charCodeAt(0);
  return c >= 65 && c <= 90;
}

/** Lower-case nouns after an owned name that make it a part of the owner's business, not a product. */
const UNIT_NOUNS = new Set(['unit', 'units', 'division', 'subsidiary', 'arm', 'business', 'operation', 'operations', 'office', 'plant', 'factory', 'brand']);
const ORGANIZATION_WORD_GAZ = ORG_BITS | gazBit('org-word');

/**
 * Is the run a product named after its maker's possessive ("RIM's BlackBerry", "Lockheed Martin's
 * Atlas V")? The maker is an organization run or a listed organization right before "'s". Not when an
 * organization word ends the run ("AMR's American Airlines", "Boeing's Launch Systems") or a unit noun
 * follows it ("Sun's JavaSoft unit", "Codelco's Salvador mine" is a place anyway).
 */
function ownedProduct(run: TokenRun, maker: TokenRun | undefined, tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer): boolean {
  if (run.type !== ORGANIZATION || maker === undefined || maker.last + 2 !== run.first) return false;
  const possessive = tokens[maker.last + 1]!.text;
  if ((possessive !== "'s" && possessive !== '’s') || tokens[run.first]!.sentence !== tokens[maker.last]!.sentence) return false;
  if (maker.type !== ORGANIZATION && !(runGaz(maker, words, gazetteer) & ORGANIZATION_BIT)) return false;
  const last = words[run.last]!;
  if (last.gaz & ORGANIZATION_WORD_GAZ || ORGANIZATION_LAST_WORDS.has(last.lowerText) || COMPANY_SUFFIXES.has(bare(last))) return false;
  const after = tokens[run.last + 1];
  return !(after && after.sentence === tokens[run.last]!.sentence && UNIT_NOUNS.has(words[run.last + 1]!.lowerText));
}

/** An aircraft's or a product's model number: "787", "737-800", "737s", "A330", "KC-45", "MD-95". */
const MODEL_CODE = /^(?:\d{3}(?:-\d{1,3})?s?|[A-Z]{1,3}-?\d{2,4}[A-Za-z]?)$/;

/** Is the run the name of a model, right after a listed maker and its model number ("Boeing 787 Dreamliner")? */
function namedModel(run: TokenRun, tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer): boolean {
  const number = run.first - 1;
  const maker = run.first - 2;
  // The maker first: few words are listed organizations, and the pattern is asked for every run.
  if (maker < 0 || !(words[maker]!.gaz & ORGANIZATION_BIT) || !MODEL_CODE.test(tokens[number]!.text)) return false;
  return tokens[maker]!.sentence === tokens[run.first]!.sentence && tokens[number]!.sentence === tokens[run.first]!.sentence;
}

/**
 * Does a capitalized word look like a plural: an "s" after a consonant or an "e" ("Beatles", "Mets",
 * "Cardinals"), not the "-us", "-is", "-as", "-ss" of a singular ("Taurus", "Genesis", "Atlas")? Not a
 * people ("the Serbs": MISC).
 */
function isPlural(word: RuleWord): boolean {
  const text = word.lowerText;
  return text.length > 3 && /[bcdefghklmnprtvwz]s$/.test(text) && !(word.gaz & DEMONYM_BIT);
}

const NAME_BITS = gazBit('first-name') | gazBit('last-name') | gazBit('person');

/** A listed first or last name, or the plural of one ("Kennedys"). */
function isKnownName(word: RuleWord, gazetteer: Gazetteer): boolean {
  if (word.gaz & NAME_BITS) return true;
  return word.lowerText.endsWith('s') && (gazetteer.word(word.lowerText.slice(0, -1)) & NAME_BITS) !== 0;
}

// Per-document arrays of the rules, reused (0 and 1 are used within one rule's call; 2 holds
// `capitalIndexes` for the whole of `applyPostRules`): views of these.
const intScratch = [new Int32Array(1024), new Int32Array(1024), new Int32Array(1024)];
let flagScratch = new Uint8Array(1024);

/** A view of `size` ints of scratch array `which` (contents left as they are). */
function scratch(size: number, which: number): Int32Array {
  if (intScratch[which]!.length < size) intScratch[which] = new Int32Array(2 * size);
  return intScratch[which]!.subarray(0, size);
}

/** `size` zeroed flags (a scratch view). */
function flags(size: number): Uint8Array {
  if (flagScratch.length < size) flagScratch = new Uint8Array(2 * size);
  return flagScratch.subarray(0, size).fill(0);
}

/**
 * The indexes of the capitalized tokens (`RuleWord.cap`), in order (a view of scratch array 2). The
 * rules that look at every token for an untagged capitalized word (`placesBeforeTitles`,
 * `propagatePeople`) walk these instead: each of their passes read every token's word (a cache miss
 * per token), 4.5 % of the rules' CPU for the two.
 */
function capitalIndexes(words: readonly RuleWord[]): Int32Array {
  const all = scratch(words.length, 2);
  let count = 0;
  for (let i = 0; i < words.length; i++) if (words[i]!.cap) all[count++] = i;
  return all.subarray(0, count);
}

/** Per token, the index of the run covering it, or -1 (a scratch view of exactly one int per token). */
function tokenOwners(runs: readonly TokenRun[], size: number): Int32Array {
  const owner = scratch(size, 0).fill(-1);
  for (let k = 0; k < runs.length; k++) for (let i = runs[k]!.first; i <= runs[k]!.last; i++) owner[i] = k;
  return owner;
}

/** The run's words in lower case, space-separated (a gazetteer phrase, a key for same-name rules). */
function runKey(run: TokenRun, words: readonly RuleWord[]): string {
  let key = words[run.first]!.lowerText;
  for (let i = run.first + 1; i <= run.last; i++) key += ' ' + words[i]!.lowerText;
  return key;
}

/** The gazetteer mask of a run's words: one word's own mask, or the phrase's. */
function runGaz(run: TokenRun, words: readonly RuleWord[], gazetteer: Gazetteer): number {
  if (run.first === run.last) return words[run.first]!.gaz;
  // Only a phrase whose first word opens some multi-word entry can be one: most runs are not asked
  // for (a key string built, flattened and hashed per run and rule). The key's first word is the
  // first word's own up to its first space, which the word knows (a set look-up per run and rule,
  // 0.26 % of a worker's CPU in a whole run, when asked here).
  if (!words[run.first]!.opensPhrase) return 0;
  return gazetteer.phrase(runKey(run, words));
}

/**
 * `runs.map(f)`, copied on write: the input itself when `f` keeps every run. Most rules change no run
 * of most documents, and each copy was 0.5–1 KB allocated per rule and bench document.
 */
function mapRuns(runs: readonly TokenRun[], f: (run: TokenRun, k: number) => TokenRun): readonly TokenRun[] {
  let out: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    const mapped = f(run, k);
    if (out !== null) out.push(mapped);
    else if (mapped !== run) (out = runs.slice(0, k)).push(mapped);
  }
  return out ?? runs;
}

/** `runs.filter(keep)`, copied on write as `mapRuns` is: the input itself when every run is kept. */
function filterRuns<T extends TokenRun>(runs: readonly T[], keep: (run: T, k: number) => boolean): readonly T[] {
  let out: T[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    if (keep(run, k)) out?.push(run);
    else out ??= runs.slice(0, k);
  }
  return out ?? runs;
}

/** The same run with another type (literals, not spreads: Node 20 builds `{ ...run, type }` slowly). */
function typed(run: TokenRun, type: number): TokenRun {
  return { first: run.first, last: run.last, type };
}

/** The same run with another last token, keeping its role if it has one. */
function withLast(run: NamedRun, last: number, type = run.type): NamedRun {
  return run.role ? { first: run.first, last, type, role: run.role } : { first: run.first, last, type };
}

/** "( L )" after a name in a results line: a one- to three-letter code of the club's town. */
function codeAt(tokens: readonly RuleToken[], open: number): boolean {
  const code = tokens[open + 1];
  const close = tokens[open + 2];
  const next = tokens[open + 3];
  return (
    tokens[open]?.text === '(' && code !== undefined && close?.text === ')' && /^[A-Z]{1,3}$/.test(code.text) &&
    next !== undefined && next.sentence === close.sentence && /^\d/.test(next.text) && tokens[open]!.sentence === close.sentence
  );
}

/**
 * Rule 1a: an organization followed by a parenthesized town code and a number ("Mladost (L) 4 2 1",
 * "Proleter (Z) 0") is one name with its code: results tables tell clubs of the same name apart so.
 * Runs inside the code are dropped.
 */
function clubCodes(runs: readonly TokenRun[], tokens: readonly RuleToken[]): readonly TokenRun[] {
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs.
  let out: TokenRun[] | null = null;
  let coveredTo = -1;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    if (run.first <= coveredTo) {
      out ??= runs.slice(0, k);
      continue;
    }
    const ownCode = run.last - run.first >= 3 && codeAt(tokens, run.last - 2);
    if (run.type === ORGANIZATION && !ownCode && codeAt(tokens, run.last + 1)) {
      (out ??= runs.slice(0, k)).push(withLast(run, run.last + 3));
      coveredTo = run.last + 3;
    } else out?.push(run);
  }
  return out ?? runs;
}

/** Rule 1: split at separators, trim lower-case words and stray punctuation from the edges. */
function splitAndTrim(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], caps: (s: number) => boolean): readonly TokenRun[] {
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs; a run
  // left whole is kept as it is, not copied.
  let out: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    let whole = false;
    let start = run.first;
    for (let i = run.first; i <= run.last + 1; i++) {
      if (i <= run.last && !isSeparator(tokens[i]!.text)) continue;
      // A club's town code at the end of the name stays ("Mladost (L)").
      if (run.type === ORGANIZATION && ((i === run.last - 2 && codeAt(tokens, i)) || (i === run.last && codeAt(tokens, i - 2)))) continue;
      let first = start;
      let last = i - 1;
      const inCaps = first <= last && caps(tokens[first]!.sentence);
      // Words glued to the next or previous one ("pro-Western", "Suk-yeol") stay with it.
      while (first <= last && !edgeOk(tokens, words, first, inCaps) && !(first < last && tokens[first]!.end === tokens[first + 1]!.start)) first++;
      while (
        last >= first && !edgeOk(tokens, words, last, inCaps) && !(last > first && tokens[last - 1]!.end === tokens[last]!.start) &&
        !/^[\p{L}\p{N}.&]*[.)]$/u.test(tokens[last]!.text)
      ) last--;
      if (first === run.first && last === run.last) {
        whole = true;
        out?.push(run);
      } else if (first <= last) (out ??= runs.slice(0, k)).push({ first, last, type: run.type });
      start = i + 1;
    }
    // A run split, trimmed or dropped: the output is no longer the input.
    if (!whole) out ??= runs.slice(0, k);
  }
  return out ?? runs;
}

const ORGANIZATION = ENTITY_TYPES.indexOf('ORGANIZATION');

/** Marks that join the parts of one word when written with no space around them ("Rolls-Royce", "Wi'-Fi"). */
const WORD_JOINERS = new Set(['-', "'", '’']);

/** A token ending, or starting, in a letter or digit. */
const ENDS_IN_WORD = /[\p{L}\p{N}]$/u;
const STARTS_WITH_WORD = /^[\p{L}\p{N}]/u;

/**
 * Is token `i` a hyphen or apostrophe written inside a word, between letters or digits with no space on
 * either side ("Rolls-Royce", "Wi'-Fi"; not "Mass'," nor "al-)")?
 */
function isWordJoiner(tokens: readonly RuleToken[], i: number): boolean {
  const joiner = tokens[i];
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  if (joiner === undefined || !isJoinerText(joiner.text) || before === undefined || after === undefined) return false;
  if (before.end !== joiner.start || after.start !== joiner.end || before.sentence !== joiner.sentence || after.sentence !== joiner.sentence) return false;
  // Across two joiners ("Wi'-Fi"), the neighbour is the other joiner.
  return (ENDS_IN_WORD.test(before.text) || WORD_JOINERS.has(before.text)) && (STARTS_WITH_WORD.test(after.text) || WORD_JOINERS.has(after.text));
}

/** `WORD_JOINERS.has(text)` by character code: asked four times per run, nearly always of a word. */
function isJoinerText(text: string): boolean {
  if (text.length !== 1) return false;
  const c = text.charCodeAt(0);
  return c === 45 || c === 39 || c === 0x2019;
}

/** Are tokens `i` and `i + 1` parts of one hyphenated word ("Rolls|-", "-|Royce")? */
function inOneWord(tokens: readonly RuleToken[], i: number): boolean {
  return i >= 0 && (isWordJoiner(tokens, i) || isWordJoiner(tokens, i + 1));
}

/**
 * Rule 1j: a name neither starts nor ends inside a hyphenated word. The tokenizer splits "Rolls-Royce",
 * "Wi-Fi" and "Moon Jae-in" at the hyphen and the tagger may cut the name there ("Rolls-" + "Royce
 * Trent", "Wi-", "Kang Young" + "-hoon"): each run takes in the whole of the words at its edges, and
 * runs that then share a word become one, typed as the right-hand one (the head of an English
 * compound: "All-England Club", "Moslem-Croat Federation"; "London" + "-based" is MISC, as in CoNLL).
 * CoNLL, which tokenizes at spaces only, annotates the whole word too ("Urus-Martan", "al-Aqsa").
 * Measured (exact F1): CoNLL dev PERSON 95.8 → 96.1, ORGANIZATION 87.5 → 87.9, LOCATION 94.0 → 94.1,
 * MISC 83.6 → 84.3 (train not lower); MEANTIME dev overlap PERSON 58.6, ORGANIZATION 70.5 unchanged.
 */
function hyphenatedWords(runs: readonly TokenRun[], tokens: readonly RuleToken[]): readonly TokenRun[] {
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs.
  let out: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    let first = run.first;
    let last = run.last;
    while (inOneWord(tokens, first - 1)) first--;
    while (last + 1 < tokens.length && inOneWord(tokens, last)) last++;
    // The output's last run: while nothing changed, the input's run before.
    const previous = out === null ? runs[k - 1] : out[out.length - 1];
    if (previous !== undefined && first <= previous.last) {
      out ??= runs.slice(0, k);
      out[out.length - 1] = { first: previous.first, last: Math.max(last, previous.last), type: run.type };
    } else if (first === run.first && last === run.last) out?.push(run);
    else (out ??= runs.slice(0, k)).push({ first, last, type: run.type });
  }
  return out ?? runs;
}

/**
 * Rule 1j, companies: a listed organization written with a hyphen ("Rolls-Royce", "Hewlett-Packard",
 * "Coca-Cola") is no person, though its two capitalized halves look like a hyphenated given name
 * ("Jae-in") and rule 1j types the joined word as the tagger's right half: a PERSON run that is the
 * company is an organization, and one that goes on after it names the company's product, MISC, as
 * CoNLL types "Boeing 707" ("Rolls-Royce Trent" 900 engines).
 * Measured (overlap F1): MEANTIME dev PERSON 59.1 → 59.4 (P 50.0 → 50.5), ORGANIZATION 73.0 unchanged
 * (the gold leaves the company out); CoNLL dev and train unchanged.
 */
function hyphenatedCompanies(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer): readonly TokenRun[] {
  return mapRuns(runs, (run) => {
    if (run.type !== PERSON || !isWordJoiner(tokens, run.first + 1)) return run;
    // The first word, across its hyphens: "rolls-royce".
    let end = run.first;
    let word = words[run.first]!.lowerText;
    while (end + 2 <= run.last && isWordJoiner(tokens, end + 1)) {
      word += words[end + 1]!.lowerText + words[end + 2]!.lowerText;
      end += 2;
    }
    if (!(gazetteer.word(word) & ORGANIZATION_BIT)) return run;
    return typed(run, end === run.last ? ORGANIZATION : MISC);
  });
}

/** May token `i` open or close a name? A capitalized word or a number (in a headline, any word). */
function edgeOk(tokens: readonly RuleToken[], words: readonly RuleWord[], i: number, inCaps: boolean): boolean {
  const text = tokens[i]!.text;
  return inCaps ? /[\p{L}\p{N}]/u.test(text) : words[i]!.cap || isDigit(text.charCodeAt(0));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Rule 1b: a name closing a parenthesized credit at the end of a sentence ("(Yonhap)",
 * "(Photos from Reuters)") is the news agency or publisher that supplied the text or picture.
 */
function creditLines(runs: readonly TokenRun[], tokens: readonly RuleToken[]): readonly TokenRun[] {
  return mapRuns(runs, (run) => {
    if (run.type === PERSON || run.type === ORGANIZATION || tokens[run.last + 1]?.text !== ')') return run;
    const after = tokens[run.last + 2];
    if (after && after.sentence === tokens[run.last]!.sentence && after.text !== '.') return run;
    for (let i = run.first - 1; i >= Math.max(0, run.first - 4); i--) {
      if (tokens[i]!.text === '(') return typed(run, ORGANIZATION);
      if (tokens[i]!.text === ')' || tokens[i]!.sentence !== tokens[run.first]!.sentence) break;
    }
    return run;
  });
}

/**
 * Abbreviations of common nouns and of job titles, written in capitals but naming nothing ("the SDK",
 * "a USB port", "company CEO Steve Jobs").
 */
const COMMON_ACRONYMS = new Set([
  'CD', 'CDs', 'DVD', 'DVDs', 'PC', 'PCs', 'USB', 'SUV', 'SUVs', 'VPN', 'SDK', 'GPS', 'ATM', 'ATMs', 'R&D', 'GDP',
  'CPU', 'CPUs', 'GPU', 'LCD', 'LED', 'DNA', 'MP3', 'HDTV', 'API', 'TV', 'PDF', 'URL', 'HTML',
  'CEO', 'CEOs', 'CFO', 'COO', 'CTO', 'C.E.O.', 'OS',
]);
/** Time zones, written after a clock time ("16:00 UTC"); CoNLL types them MISC ("GMT"). */
const TIME_ZONES = new Set([
  'UTC', 'GMT', 'EST', 'EDT', 'CST', 'CDT', 'MST', 'MDT', 'PST', 'PDT', 'AKST', 'HST', 'BST', 'CET', 'CEST', 'EET',
  'EEST', 'WET', 'IST', 'JST', 'KST', 'HKT', 'SGT', 'AEST', 'AEDT', 'AWST', 'NZST', 'NZDT', 'MSK',
]);

/** ISO 4217 codes of the most traded currencies, written next to an amount ("$99 (USD)", "EUR 20"). */
const CURRENCY_CODES = new Set([
  'USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'NZD', 'CNY', 'HKD', 'SGD', 'INR', 'RUB', 'BRL', 'MXN', 'ZAR', 'SEK',
  'NOK', 'DKK', 'KRW', 'TWD', 'THB', 'MYR', 'IDR', 'PHP', 'PLN', 'CZK', 'HUF', 'TRY', 'ILS', 'SAR', 'AED',
]);
/** Capitalized nouns that a number follows to name a part of a text or a law ("Chapter 11", "Article 5"). */
const DOCUMENT_PARTS = new Set(['Chapter', 'Article', 'Section', 'Clause', 'Paragraph']);

/** Is token `i` a number, in the sentence of token `i - 1`? */
function numberAfter(tokens: readonly RuleToken[], i: number): boolean {
  const next = tokens[i + 1];
  return next !== undefined && next.sentence === tokens[i]!.sentence && /^\d+$/.test(next.text);
}

/** Does an amount stand next to token `i`, a parenthesis allowed between ("249 USD", "$99 (USD)", "USD 99")? */
function nearAmount(tokens: readonly RuleToken[], i: number): boolean {
  const sentence = tokens[i]!.sentence;
  const before = tokens[i - 1]?.text === '(' ? i - 2 : i - 1;
  return isAmount(tokens, before, sentence) || isAmount(tokens, i + 1, sentence);
}

function isAmount(tokens: readonly RuleToken[], j: number, sentence: number): boolean {
  return inSentence(tokens, j, sentence) && /\d/.test(tokens[j]!.text);
}

/** A number alone ("the 2008 Beijing Olympics"): a year or an amount, never a name of its own. */
const NUMBER = /^\d+$/;
/** A model code on its own, letters and then digits: "A380", "F-16", "KC-30s"; never a place or a company. */
const LONE_MODEL_CODE = /^[A-Z]{1,3}-?\d{2,4}[A-Za-z]?s?$/;
/** An age group, "U-21" ("under 21"): a team's level, not a model. */
const AGE_GROUP = /^U-?\d\d$/;

/** The run's text when its tokens are written with no space between them ("R-AZ"), else "". */
function gluedText(run: TokenRun, tokens: readonly RuleToken[]): string {
  if (run.last - run.first > 2) return '';
  let text = tokens[run.first]!.text;
  for (let i = run.first + 1; i <= run.last; i++) {
    if (tokens[i]!.start !== tokens[i - 1]!.end) return '';
    text += tokens[i]!.text;
  }
  return text;
}

/**
 * Rule 1e: what capitals and the tagger mistake for a name. A word glued to a number is its unit or
 * model suffix ("2GB", "iPhone 3GS"): no name (no gold name in CoNLL follows a digit without a space).
 * A one-word run that is the abbreviation of a common noun ("SDK", "USB") is no name either. A time
 * zone after a number ("16:00 UTC") is MISC, as CoNLL types "GMT". A currency code next to an amount
 * ("$99 (USD)") is no name; a part of a text or a law and its number ("Chapter 11") is MISC, as CoNLL
 * types "Chapter 11" (MEANTIME dev ORGANIZATION overlap F1 72.4 → 72.6; CoNLL dev and train unchanged).
 * Measured (overlap F1): MEANTIME dev ORGANIZATION 67.9 → 69.0, PERSON unchanged; CoNLL dev unchanged.
 * A number alone ("the 2008 Beijing Olympics") is no name, and a model code alone ("The A380", "F-16")
 * is MISC, as CoNLL types "F-14" and "AK-47"; not an age group ("U-21"). Measured: MEANTIME dev
 * ORGANIZATION overlap F1 72.8 → 72.8 (P 61.1 → 61.2); CoNLL dev LOCATION 94.12 → 94.14, MISC 84.08
 * → 84.04 (a code cut from "F / A-18", wrong as a location too); train MISC 97.45 → 97.48.
 */
function unitsAndCodes(runs: readonly TokenRun[], tokens: readonly RuleToken[]): readonly TokenRun[] {
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs.
  let out: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    const kept = unitOrCode(runs, k, tokens);
    if (kept === run) out?.push(run);
    else {
      out ??= runs.slice(0, k);
      if (kept !== null) out.push(kept);
    }
  }
  return out ?? runs;
}

/** Rule 1e for run `k`: the run as it stays, retyped or widened, or null when it is no name. */
function unitOrCode(runs: readonly TokenRun[], k: number, tokens: readonly RuleToken[]): TokenRun | null {
  const run = runs[k]!;
  const first = tokens[run.first]!;
  const before = tokens[run.first - 1];
  const sameSentence = before !== undefined && before.sentence === first.sentence;
  if (sameSentence && before.end === first.start && isDigit(before.text.charCodeAt(before.text.length - 1))) return null;
  if (run.first === run.last && (COMMON_ACRONYMS.has(first.text) || (CURRENCY_CODES.has(first.text) && nearAmount(tokens, run.first)))) return null;
  // Not when the number opens the next run: the runs may not overlap.
  if (run.first === run.last && DOCUMENT_PARTS.has(first.text) && numberAfter(tokens, run.first) && runs[k + 1]?.first !== run.first + 1) {
    return { first: run.first, last: run.first + 1, type: MISC };
  }
  const glued = gluedText(run, tokens);
  // First characters before the patterns (every match starts with a digit, or a capital).
  if (isDigit(glued.charCodeAt(0)) && NUMBER.test(glued)) return null;
  if (run.type !== MISC && startsUpperAscii(glued) && LONE_MODEL_CODE.test(glued) && !AGE_GROUP.test(glued)) return typed(run, MISC);
  if (run.first === run.last && TIME_ZONES.has(first.text) && sameSentence && /\d/.test(before.text)) return typed(run, MISC);
  return run;
}

/**
 * Rule 1h: "Flight" and a number name a flight, MISC as CoNLL types "Flight 150", and the name right
 * before them is the airline ("Adam Air Flight 574", "Garuda Indonesia Flight 200"): an organization,
 * whatever the tagger made of it, unless it ends in a number (the aircraft: "Airbus 310 Flight 150").
 * Measured (overlap F1): MEANTIME dev PERSON 58.1 → 58.4, ORGANIZATION 70.3 → 70.4; CoNLL dev and
 * train unchanged.
 */
function flightNumbers(runs: readonly TokenRun[], tokens: readonly RuleToken[]): readonly TokenRun[] {
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs.
  let out: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    // Not when the number opens the next run ("574'Kalo", rule 1j): the runs may not overlap.
    if (isFlight(tokens, run.last) && runs[k + 1]?.first !== run.last + 1) {
      out ??= runs.slice(0, k);
      if (run.last > run.first) out.push(airline(tokens, run.first, run.last - 1));
      out.push({ first: run.last, last: run.last + 1, type: MISC });
    } else if (isFlight(tokens, run.last + 1) && tokens[run.last + 1]!.sentence === tokens[run.last]!.sentence && !isDigit(tokens[run.last]!.text.charCodeAt(0))) {
      (out ??= runs.slice(0, k)).push(typed(run, ORGANIZATION));
    } else out?.push(run);
  }
  return out ?? runs;
}

/** Is token `i` "Flight" before a number in its sentence? */
function isFlight(tokens: readonly RuleToken[], i: number): boolean {
  const number = tokens[i + 1];
  return tokens[i]?.text === 'Flight' && number !== undefined && number.sentence === tokens[i]!.sentence && isDigit(number.text.charCodeAt(0));
}

/** The name before a flight number: the airline, or the aircraft when it ends in a number. */
function airline(tokens: readonly RuleToken[], first: number, last: number): TokenRun {
  return isDigit(tokens[last]!.text.charCodeAt(0)) ? { first, last, type: MISC } : { first, last, type: ORGANIZATION };
}

/** Top-level domains that make a name with them a website ("Detik.com"). */
const WEB_DOMAINS = new Set(['com', 'net', 'org']);

/**
 * Rule 1g: a name glued to ".com" ("Detik.com quoted the minister") is a website, an organization
 * that publishes, and the domain is part of its name.
 * Measured (overlap F1): MEANTIME dev PERSON 57.8 → 57.9, ORGANIZATION 69.8 unchanged; CoNLL dev unchanged.
 */
function webDomains(runs: readonly TokenRun[], tokens: readonly RuleToken[]): readonly TokenRun[] {
  return mapRuns(runs, (run, k) => {
    const dot = tokens[run.last + 1];
    const domain = tokens[run.last + 2];
    if (dot?.text !== '.' || !domain || dot.start !== tokens[run.last]!.end || domain.start !== dot.end || !WEB_DOMAINS.has(domain.text)) return run;
    // A domain the next run has taken in ("com-Kalo", rule 1j) stays with it: the runs may not overlap.
    const next = runs[k + 1];
    if (next && next.first <= run.last + 2) return run;
    const after = tokens[run.last + 3];
    if (after && after.start === domain.end && /^[\p{L}\p{N}]/u.test(after.text)) return run;
    return { first: run.first, last: run.last + 2, type: ORGANIZATION };
  });
}

/** A brand written with a lower-case "i" and a capital ("iPod", "iTunes"). */
const I_BRAND = /^i[A-Z][a-z]/;

/**
 * Rule 1f: a name right after a brand written "iPod", "iTunes" (one space between) is a model or
 * service of that product line ("iPod Nano", "iTunes Music Store"), not an organization or a person:
 * MISC, brand word included, as CoNLL types products.
 * Measured (overlap F1): MEANTIME dev ORGANIZATION 69.0 → 69.4, PERSON 56.0 → 56.1; CoNLL dev unchanged.
 */
function productLines(runs: readonly TokenRun[], tokens: readonly RuleToken[]): readonly TokenRun[] {
  return mapRuns(runs, (run, k) => {
    const brand = tokens[run.first - 1];
    const first = tokens[run.first]!;
    // "i" (105) first: the pattern is asked only of a brand-like word.
    if (!brand || brand.sentence !== first.sentence || brand.end + 1 !== first.start || brand.text.charCodeAt(0) !== 105 || !I_BRAND.test(brand.text)) return run;
    // A brand that ends the name before ("Apple iPhone" + "Nano") is that name's: the runs may not overlap.
    if (runs[k - 1]?.last === run.first - 1) return run;
    return { first: run.first - 1, last: run.last, type: MISC };
  });
}

/**
 * Rule 1d: a one-word "person" followed, after a single space, by an organization's name is the first
 * word of that name, which the tagger cut off ("Aer" + "Lingus", "All" + "Nippon Airways", "Serra" +
 * "Automotive"): a person's name never runs straight into an organization's without punctuation or a
 * joining word. Not in headlines written in capitals, where a word break says nothing.
 * Measured (overlap F1): MEANTIME dev PERSON 54.9 → 56.0, ORGANIZATION 67.9 unchanged; CoNLL dev unchanged.
 */
function openedOrganizations(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], caps: (s: number) => boolean): readonly TokenRun[] {
  // Words of the document's person runs, each with the first words of those runs: an "organization"
  // made of them is the rest of a person's name ("Aung" + "San Suu Kyi", with "Suu Kyi" elsewhere).
  let people: Map<string, Set<string>> | null = null;
  for (const run of runs) {
    if (run.type !== PERSON) continue;
    for (let i = run.first; i <= run.last; i++) {
      const word = words[i]!.lowerText;
      let firsts = (people ??= new Map()).get(word);
      if (!firsts) people.set(word, (firsts = new Set<string>()));
      firsts.add(words[run.first]!.lowerText);
    }
  }
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs.
  let out: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    const next = runs[k + 1];
    const adjacent =
      next !== undefined && next.first === run.last + 1 && tokens[next.first]!.sentence === tokens[run.last]!.sentence &&
      tokens[next.first]!.start === tokens[run.last]!.end + 1 && !caps(tokens[run.first]!.sentence);
    if (adjacent && ((run.type === PERSON && run.first === run.last && next.type === ORGANIZATION && opensOrganization(run, next, words, people)) || airlineName(run, next, tokens))) {
      (out ??= runs.slice(0, k)).push({ first: run.first, last: next.last, type: ORGANIZATION });
      k++;
    } else out?.push(run);
  }
  return out ?? runs;
}

const ORGANIZATION_WORD_BITS = ORG_BITS | gazBit('org-word');

/**
 * May one-word person `run` be the first word of organization `next`? Not when a word of `next` is
 * a word of a person's name elsewhere in the document that does not start with `run`'s word
 * (`people`: word → first words of the person runs it is in), nor when `run` is a listed given name
 * and `next` does not end in an organization word ("Rusty" + "Humphries", but "Christopher" +
 * "Newport University").
 */
function opensOrganization(run: TokenRun, next: TokenRun, words: readonly RuleWord[], people: Map<string, Set<string>> | null): boolean {
  const opener = words[run.first]!.lowerText;
  for (let i = next.first; i <= next.last; i++) {
    const firsts = people?.get(words[i]!.lowerText);
    if (firsts && (firsts.size > 1 || !firsts.has(opener))) return false;
  }
  if (!(words[run.first]!.gaz & FIRST_NAME_BIT)) return true;
  const last = words[next.last]!;
  return (last.gaz & ORGANIZATION_WORD_BITS) !== 0 || ORGANIZATION_LAST_WORDS.has(last.lowerText) || COMPANY_SUFFIXES.has(bare(last));
}

const PLACE_WORD_BITS = gazBit('country') | gazBit('city') | gazBit('region') | gazBit('place-word');
/** Words that open the names of places ("East Stirling", "North Shields"), never a given name. */
const COMPASS_WORDS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'upper', 'lower']);

/**
 * Rule 1i: a one-word organization followed, after one space, by a one-word person is one name the
 * tagger split in two. When the first word is, more often than a person, an organization on its own
 * elsewhere in the document,
 * the pair is that organization's longer name ("Apple" … "Apple Computer", "Bradford" … "Bradford
 * Bulls"); when it is a place, a place word or a compass point ("Bangladesh Lamps", "River Rouge",
 * "East Stirling"), an organization or a site named after it; otherwise it is a given name the
 * tagger did not know, and the pair a person ("Kobus Wiese", "Tayfun Korkut"); see `splitType`. Listed organizations
 * keep their products (rule 2d: "Ford Taurus"), an organization after "the" is one on its own
 * ("Speaker of the House Smith"), and titles are no part of a name ("Miami Mayor", "Messrs. Smith").
 * Not in headlines written in capitals.
 * Measured (exact F1): CoNLL dev PERSON 95.5 → 95.8, ORGANIZATION 87.2 → 87.5 (train unchanged);
 * MEANTIME dev overlap PERSON 58.4 → 58.6, ORGANIZATION 70.4 → 70.5.
 */
function splitNames(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], caps: (s: number) => boolean): readonly TokenRun[] {
  // The document's votes, counted at the first pair: most documents have none, and counting every
  // run's words into two maps was 1.9 % of the rules' CPU (bench documents).
  let votes: SplitVotes | null = null;
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs.
  let out: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    const next = runs[k + 1];
    const first = words[run.first]!;
    if (
      next && run.type === ORGANIZATION && run.first === run.last && next.type === PERSON && next.first === next.last &&
      next.first === run.last + 1 && tokens[next.first]!.sentence === tokens[run.last]!.sentence &&
      tokens[next.first]!.start === tokens[run.last]!.end + 1 && !caps(tokens[run.first]!.sentence) && !(first.gaz & ORGANIZATION_BIT) &&
      !((first.gaz | words[next.first]!.gaz) & TITLE_BITS) &&
      !(run.first > 0 && words[run.first - 1]!.lowerText === 'the' && tokens[run.first - 1]!.sentence === tokens[run.first]!.sentence)
    ) {
      votes ??= splitVotes(runs, words);
      (out ??= runs.slice(0, k)).push({ first: run.first, last: next.last, type: splitType(first, words[next.first]!, votes.alone, votes.surnames) });
      k++;
    } else out?.push(run);
  }
  return out ?? runs;
}

/** "St." and "St", the abbreviation of "Saint" that opens the names of places ("St. Louis"). */
const SAINT = new Set(['St.', 'St']);

/**
 * Rule 1l, first step: "St." cut off the name after it ("The St." + "Louis plant") opens that name,
 * which keeps the type of the rest ("St. Louis": LOCATION); an untagged "St." right before a name
 * too ("St." + "Thomas Assembly").
 * Measured: CoNLL dev exact F1 ORGANIZATION 88.12 → 88.18, MISC 84.04 → 84.15 ("St. Louis-based"),
 * LOCATION unchanged, train unchanged; MEANTIME dev ORGANIZATION overlap P 61.59 → 61.64.
 */
function saintNames(runs: readonly TokenRun[], tokens: readonly RuleToken[]): readonly TokenRun[] {
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs.
  let out: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    const next = runs[k + 1];
    const before = tokens[run.first - 1];
    // The output's last run: while nothing changed, the input's run before.
    const previous = out === null ? runs[k - 1] : out[out.length - 1];
    if (run.first === run.last && SAINT.has(tokens[run.first]!.text) && next !== undefined && opensName(tokens, run.first, next.first)) {
      (out ??= runs.slice(0, k)).push({ first: run.first, last: next.last, type: next.type });
      k++;
    } else if (before !== undefined && SAINT.has(before.text) && (previous === undefined || previous.last < run.first - 1) && opensName(tokens, run.first - 1, run.first)) {
      (out ??= runs.slice(0, k)).push({ first: run.first - 1, last: run.last, type: run.type });
    } else out?.push(run);
  }
  return out ?? runs;
}

/** Is token `saint` followed, after one space and in its sentence, by token `first`? */
function opensName(tokens: readonly RuleToken[], saint: number, first: number): boolean {
  return first === saint + 1 && tokens[first]!.sentence === tokens[saint]!.sentence && tokens[first]!.start === tokens[saint]!.end + 1;
}

/** Capitalized last words of the names of industrial sites ("Michigan Truck Plant", "Everett Factory"). */
const FACILITY_HEADS = new Set(['plant', 'factory', 'refinery', 'smelter']);

/** Is token `i` a capitalized facility head ("Plant")? */
function isFacilityHead(tokens: readonly RuleToken[], words: readonly RuleWord[], i: number): boolean {
  return i < tokens.length && words[i]!.cap && FACILITY_HEADS.has(words[i]!.lowerText);
}

/**
 * The number of words (1 to 3) before "Assembly" at `head` that are repeated after the "of" that
 * follows it ("Louisville Assembly of Louisville", "Kansas City Assembly of Kansas City"), or 0.
 */
function repeatedPlace(tokens: readonly RuleToken[], words: readonly RuleWord[], head: number): number {
  const of = head + 1;
  if (words[head]!.lowerText !== 'assembly' || !words[head]!.cap || tokens[of]?.text !== 'of') return 0;
  const sentence = tokens[head]!.sentence;
  for (let n = 1; n <= 3; n++) {
    const before = head - n;
    const after = of + n;
    if (before < 0 || after >= tokens.length || tokens[before]!.sentence !== sentence || tokens[after]!.sentence !== sentence) return 0;
    if (!words[before]!.cap) return 0;
    let same = true;
    for (let j = 0; j < n && same; j++) same = tokens[before + j]!.text === tokens[of + 1 + j]!.text;
    // The whole place must be repeated: "Kansas City Assembly of Kansas City", not "City Assembly of City…".
    if (same && !(before > 0 && words[before - 1]!.cap && tokens[before - 1]!.sentence === sentence && tokens[before - 1]!.text === tokens[after + 1]?.text)) return n;
  }
  return 0;
}

/**
 * Rule 1l: an industrial site named by its place and a facility word is a LOCATION, as CoNLL types
 * factories, mines and airports ("the Dearborn plant"), and the place after its "of" is a place of its
 * own: a name ending in "Plant", "Factory", "Refinery" or "Smelter" ("Michigan Truck Plant",
 * "Everett Factory"), the facility word taken in when the tagger left it out ("River Rouge" +
 * "Plant"); "X Assembly of X" ("Louisville Assembly of Louisville, Kentucky": a car maker's assembly
 * plant, named after its town; a legislature is not named twice so). "Wixom Assembly Plant of Wixom"
 * is the site "Wixom Assembly Plant" and the town "Wixom". Not a person whose surname is a facility
 * word ("Robert Plant": a listed given name before "Plant"). Not in headlines written in capitals.
 * Measured (overlap): MEANTIME dev PERSON P 49.7 → 50.0 (F1 58.8 → 59.1), ORGANIZATION P 61.2 → 61.4
 * (F1 72.8 → 73.0); CoNLL dev and train unchanged (no gold name there ends in a facility word).
 */
function facilities(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], caps: (s: number) => boolean): readonly TokenRun[] {
  let sites: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    if (caps(tokens[run.first]!.sentence)) continue;
    const next = runs[k + 1];
    let head = -1;
    // A facility word after the run's first word; "Assembly" anywhere, its place may be a run of its own ("Kansas City" + "Assembly").
    for (let i = run.first; i <= run.last && head < 0; i++) if ((i > run.first && isFacilityHead(tokens, words, i)) || repeatedPlace(tokens, words, i) > 0) head = i;
    // "River Rouge" + "Plant": the head the tagger left out.
    if (head < 0 && isFacilityHead(tokens, words, run.last + 1) && tokens[run.last + 1]!.sentence === tokens[run.last]!.sentence && next?.first !== run.last + 1) head = run.last + 1;
    if (head < 0 || (run.type === PERSON && words[run.first]!.gaz & FIRST_NAME_BIT && words[head]!.lowerText === 'plant')) continue;
    const places = repeatedPlace(tokens, words, head);
    const first = places > 0 ? Math.min(run.first, head - places) : run.first;
    (sites ??= []).push({ first, last: head, type: LOCATION });
    // The town after "of": to the run's end, or the repeated words.
    if (tokens[head + 1]?.text !== 'of' || tokens[head + 1]!.sentence !== tokens[head]!.sentence) continue;
    if (places > 0 || run.last >= head + 2) sites.push({ first: head + 2, last: places > 0 ? head + 1 + places : run.last, type: LOCATION });
    // "Michigan Truck Plant" + "of" + "Wayne": the next name is the town.
    else if (next !== undefined && next.first === head + 2 && next.last - next.first < 3) sites.push({ first: next.first, last: next.last, type: LOCATION });
  }
  if (sites === null) return runs;
  // Runs that overlap a site or its town give way to them.
  const taken = flags(tokens.length);
  for (const site of sites) for (let i = site.first; i <= site.last; i++) taken[i] = 1;
  const out: TokenRun[] = [...sites];
  for (const run of runs) {
    let overlaps = false;
    for (let i = run.first; i <= run.last && !overlaps; i++) overlaps = taken[i] === 1;
    if (!overlaps) out.push(run);
  }
  return dedupeSorted(out);
}

/** Runs sorted by first token, the same span kept once. */
function dedupeSorted(runs: TokenRun[]): TokenRun[] {
  runs.sort((a, b) => a.first - b.first || a.last - b.last);
  return runs.filter((run, k) => k === 0 || run.first !== runs[k - 1]!.first || run.last !== runs[k - 1]!.last);
}

/** A capitalized word, a person's name or an initial ("Roche", "O'Leary", "M."). */
const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;

/**
 * Rule 1m: an organization's name glued by the tagger to the name of a person who serves it
 * ("Secretary of the Air Force James Roche": "Air Force James Roche") is two names: the
 * organization, and the person whose two or three words end the run. The person's words must be a
 * person's name elsewhere in the document ("James Roche"), or open with a listed given name after
 * an organization word or a listed organization ("Force" + "James"). Not when the run ends in a
 * company suffix or an organization word ("Morgan Grenfell Group"), nor when those words are a
 * listed organization ("Merrill Lynch"). Not in headlines written in capitals.
 * Measured (overlap): MEANTIME dev ORGANIZATION unchanged (73.0; "Air Force" matches the gold as
 * "Air Force James Roche" did), PERSON P 50.3 → 50.0, F1 59.1 → 58.9 (the gold leaves "James Roche"
 * unannotated there); CoNLL dev and train unchanged.
 */
function peopleAfterOrganizations(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer, caps: (s: number) => boolean): readonly TokenRun[] {
  let people: Set<string> | null = null;
  for (const run of runs) if (run.type === PERSON && run.last > run.first && run.last - run.first < 3) (people ??= new Set()).add(runKey(run, words));
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs.
  let out: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    const start = run.type === ORGANIZATION && run.last - run.first >= 2 && !caps(tokens[run.first]!.sentence) ? personStart(run, tokens, words, gazetteer, people) : -1;
    if (start < 0) out?.push(run);
    else (out ??= runs.slice(0, k)).push({ first: run.first, last: start - 1, type: ORGANIZATION }, { first: start, last: run.last, type: PERSON });
  }
  return out ?? runs;
}

/** Where the person's name that ends organization run `run` starts, or -1 (rule 1m). */
function personStart(run: TokenRun, tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer, people: ReadonlySet<string> | null): number {
  const last = words[run.last]!;
  if (last.gaz & ORGANIZATION_WORD_GAZ || ORGANIZATION_LAST_WORDS.has(last.lowerText) || COMPANY_SUFFIXES.has(bare(last))) return -1;
  for (let start = run.last - 1; start >= run.last - 2 && start > run.first; start--) {
    if (!NAME_WORD.test(tokens[start]!.text) || !NAME_WORD.test(tokens[start + 1]!.text)) return -1;
    const name: TokenRun = { first: start, last: run.last, type: PERSON };
    const key = runKey(name, words);
    if (gazetteer.phrase(key) & ORGANIZATION_BIT) return -1;
    if (people?.has(key)) return start;
    const given = words[start]!.gaz;
    const before = words[start - 1]!;
    if (given & FIRST_NAME_BIT && !(given & (ORG_BITS | PLACE_WORD_BITS | ORGANIZATION_BIT)) && before.gaz & (ORGANIZATION_WORD_GAZ | ORGANIZATION_BIT)) return start;
  }
  return -1;
}

/** Words that open a sentence without being part of the name after them ("The Motors unit"). */
const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'in', 'at', 'on', 'for', 'but', 'and', 'or', 'if', 'when', 'as', 'by', 'with', 'from', 'to', 'of',
  'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'after', 'before', 'while', 'since', 'so',
]);

/**
 * Rule 1k: a one-word organization that is a fragment of a longer name the tagger cut is that name.
 * After another one-word organization, one space between, a capitalized one-word organization that is
 * no acronym, no listed organization and no place is its last word ("Apple" + "Computer"); unless a
 * title follows ("Senate" + "Majority leader"). An organization word alone ("Motors") takes in the
 * capitalized word the tagger left before it ("General Motors"), unless that word is a month, a place
 * or a people ("September Treasury bond"), or opens the sentence as a function word ("The").
 * Not in headlines written in capitals.
 * Measured: MEANTIME dev ORGANIZATION overlap F1 72.3 → 72.4, exact 62.6 → 63.2; CoNLL dev and
 * train unchanged.
 */
function organizationFragments(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer, caps: (s: number) => boolean): readonly TokenRun[] {
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs.
  let out: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    // The output's last run: while nothing changed, the input's run before.
    const previous = out === null ? runs[k - 1] : out[out.length - 1];
    if (run.type !== ORGANIZATION || run.first !== run.last || caps(tokens[run.first]!.sentence)) {
      out?.push(run);
      continue;
    }
    if (previous !== undefined && previous.type === ORGANIZATION && lastWordOf(previous, run, tokens, words, gazetteer)) {
      out ??= runs.slice(0, k);
      out[out.length - 1] = { first: previous.first, last: run.last, type: ORGANIZATION };
      continue;
    }
    const before = run.first - 1;
    const word = words[run.first]!;
    const organizationWord = (word.gaz & ORG_BITS) !== 0 || ORGANIZATION_LAST_WORDS.has(word.lowerText);
    if (
      organizationWord && before >= 0 && (previous === undefined || previous.last < before) && words[before]!.cap &&
      tokens[before]!.sentence === tokens[run.first]!.sentence && tokens[before]!.end + 1 === tokens[run.first]!.start &&
      /^\p{Lu}\p{Ll}/u.test(tokens[before]!.text) && !(words[before]!.gaz & STOP_BITS) &&
      !(isSentenceStart(tokens, before) && FUNCTION_WORDS.has(words[before]!.lowerText))
    ) {
      (out ??= runs.slice(0, k)).push({ first: before, last: run.last, type: ORGANIZATION });
      continue;
    }
    out?.push(run);
  }
  return out ?? runs;
}

/**
 * Rule 1k, last words: an organization run followed, after one space, by an untagged capitalized word
 * that only ends organizations' names ("Auto" + "Workers", "Tellen" + "Aerospace") takes it in, and a
 * people's MISC run right before the name so completed opens it ("Canadian" + "Auto Workers", as
 * "United Auto Workers"). Not in headlines written in capitals.
 * Measured: MEANTIME dev overlap unchanged (the gold leaves these unions and companies out; their
 * mentions were "Auto" and "Unified" before); CoNLL dev and train unchanged.
 */
function organizationEnds(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], caps: (s: number) => boolean): readonly TokenRun[] {
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs.
  let out: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    const end = run.last + 1;
    if (
      run.type !== ORGANIZATION || end >= tokens.length || runs[k + 1]?.first === end || caps(tokens[run.first]!.sentence) ||
      !words[end]!.cap || !ORGANIZATION_LAST_WORDS.has(words[end]!.lowerText) || !opensName(tokens, run.last, end)
    ) {
      out?.push(run);
      continue;
    }
    out ??= runs.slice(0, k);
    const previous = out[out.length - 1];
    if (previous?.type === MISC && previous.first === previous.last && words[previous.first]!.gaz & DEMONYM_BIT && opensName(tokens, previous.last, run.first)) {
      out[out.length - 1] = { first: previous.first, last: end, type: ORGANIZATION };
    } else out.push({ first: run.first, last: end, type: ORGANIZATION });
  }
  return out ?? runs;
}

/** Is one-word organization `run` the last word of organization `previous`, which the tagger cut off? */
function lastWordOf(previous: TokenRun, run: TokenRun, tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer): boolean {
  const token = tokens[run.first]!;
  if (previous.last + 1 !== run.first || tokens[previous.last]!.end + 1 !== token.start || tokens[previous.last]!.sentence !== token.sentence) return false;
  // A longer name before it may be followed by a person's ("House of Representatives" + "Wahono").
  if (previous.first !== previous.last) return false;
  // An acronym, a listed organization or a place is a name of its own ("SPD FDP", "Sudan Airways Airbus", "2008 Beijing").
  if (!/^\p{Lu}\p{Ll}+$/u.test(token.text) || words[run.first]!.gaz & (ORGANIZATION_BIT | TITLE_BITS | STOP_BITS)) return false;
  if (runGaz(previous, words, gazetteer) & ORGANIZATION_BIT && !(words[run.first]!.gaz & ORG_BITS)) return false;
  const after = run.last + 1;
  return !(after < tokens.length && tokens[after]!.sentence === token.sentence && words[after]!.gaz & TITLE_BITS);
}

/**
 * The type of a split name (rule 1i): a person when the second word is in another person's run in
 * the document ("Melania Trump" … "Trump"); an organization when the first word is a place, a place
 * word or a compass point ("River Rouge", "East Stirling"), or is alone more often an organization
 * or a place than a person ("Apple Computer", "Charlotte Panthers"); else a person.
 */
/** What `splitType` weighs, counted over the whole document. */
interface SplitVotes {
  /**
   * Per word, its one-word organization and place runs minus its one-word person runs: the tagger's
   * majority for the word alone.
   */
  readonly alone: ReadonlyMap<string, number>;
  /** Per word, how many person runs it is in (the pair's own person word counts once). */
  readonly surnames: ReadonlyMap<string, number>;
}

function splitVotes(runs: readonly TokenRun[], words: readonly RuleWord[]): SplitVotes {
  const alone = new Map<string, number>();
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    if ((run.type !== ORGANIZATION && run.type !== PERSON && run.type !== LOCATION) || run.first !== run.last) continue;
    // An organization run with a one-word person right after it is a pair, not the word alone.
    const after = runs[k + 1];
    if (run.type === ORGANIZATION && after?.type === PERSON && after.first === run.last + 1 && after.first === after.last) continue;
    const word = words[run.first]!.lowerText;
    alone.set(word, (alone.get(word) ?? 0) + (run.type === PERSON ? -1 : 1));
  }
  const surnames = new Map<string, number>();
  for (const run of runs) {
    if (run.type !== PERSON) continue;
    for (let i = run.first; i <= run.last; i++) surnames.set(words[i]!.lowerText, (surnames.get(words[i]!.lowerText) ?? 0) + 1);
  }
  return { alone, surnames };
}

function splitType(first: RuleWord, second: RuleWord, alone: ReadonlyMap<string, number>, surnames: ReadonlyMap<string, number>): number {
  if ((surnames.get(second.lowerText) ?? 0) > 1) return PERSON;
  if (first.gaz & PLACE_WORD_BITS || COMPASS_WORDS.has(first.lowerText)) return ORGANIZATION;
  return (alone.get(first.lowerText) ?? 0) > 0 ? ORGANIZATION : PERSON;
}

/** Words that name an airline together with a place or a people: "Air India", "Korean Air", "Thai Airways". */
const AIRLINE_WORDS = new Set(['Air', 'Airways', 'Airlines']);

/**
 * Rule 1d, airlines: two adjacent names are one airline when the first is "Air" ("Air" + "India",
 * "Air" + "Berlin") or the second starts with "Air", "Airways" or "Airlines" ("Korean" + "Air", "Thai"
 * + "Airways International"), as CoNLL annotates "Sudan Airways". Not "Air Force" ("United States
 * Air Force" is the state's).
 * Measured: MEANTIME dev ORGANIZATION exact F1 60.8 → 60.9 (overlap 70.4 unchanged); CoNLL dev unchanged.
 */
function airlineName(run: TokenRun, next: TokenRun, tokens: readonly RuleToken[]): boolean {
  if (run.first === run.last && tokens[run.first]!.text === 'Air' && run.type === ORGANIZATION) return true;
  return AIRLINE_WORDS.has(tokens[next.first]!.text) && next.type === ORGANIZATION && tokens[next.first + 1]?.text !== 'Force';
}

/** Rule 1c, first half: "A & B" where A or B is an organization is one organization. */
function joinAmpersands(runs: readonly TokenRun[], tokens: readonly RuleToken[]): readonly TokenRun[] {
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs.
  let out: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    // The output's last run: while nothing changed, the input's run before.
    const previous = out === null ? runs[k - 1] : out[out.length - 1];
    if (
      previous && run.first === previous.last + 2 && tokens[previous.last + 1]!.text === '&' &&
      tokens[run.first]!.sentence === tokens[previous.last]!.sentence &&
      (previous.type === ORGANIZATION || run.type === ORGANIZATION)
    ) {
      out ??= runs.slice(0, k);
      out[out.length - 1] = { first: previous.first, last: run.last, type: ORGANIZATION };
    } else out?.push(run);
  }
  return out ?? runs;
}

/**
 * A name ending in a company suffix takes in the names and joining words before it ("Gold Fields of
 * South Africa Ltd", "Boatmen's Bancshares Inc."): at most six tokens back, through capitalized
 * words, "of", "'s" and "&", as far as the first word of an earlier name.
 */
function joinCompanyNames(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[]): readonly TokenRun[] {
  // Most documents have no company suffix at or after a name: nothing to join, no token map to build.
  if (!runs.some((run) => endsCompany(words[run.last]!) || (words[run.last + 1] !== undefined && endsCompany(words[run.last + 1]!)))) return runs;
  const owner = tokenOwners(runs, tokens.length);
  const absorbed = new Uint8Array(runs.length);
  const out = runs.slice();
  out.forEach((run, k) => {
    // A suffix the tagger left out ("Pirelli" + "SpA").
    const next = tokens[run.last + 1];
    const nextOwner = owner[run.last + 1] ?? -1;
    if (
      next && next.sentence === tokens[run.last]!.sentence && words[run.last + 1]!.cap && COMPANY_SUFFIXES.has(bare(words[run.last + 1]!)) &&
      (nextOwner === -1 || (runs[nextOwner]!.first === run.last + 1 && runs[nextOwner]!.last === run.last + 1))
    ) {
      if (nextOwner !== -1) absorbed[nextOwner] = 1;
      out[k] = run = withLast(run, run.last + 1, ORGANIZATION);
    }
    if (run.last === run.first || !COMPANY_SUFFIXES.has(bare(words[run.last]!))) return;
    const sentence = tokens[run.first]!.sentence;
    let start = run.first;
    for (let i = run.first - 1; i >= 0 && run.first - i <= 6 && tokens[i]!.sentence === sentence; i--) {
      const text = tokens[i]!.text;
      if (!words[i]!.cap && !COMPANY_JOINERS.has(text)) break;
      // "analyst John Casesa of Schroder Wertheim & Co": the person works there, and is not its name.
      if (text === 'of' && owner[i - 1] !== undefined && owner[i - 1] !== -1 && runs[owner[i - 1]!]!.type === PERSON) break;
      // "Thailand's Siam Commercial Bank Plc": the company is of the place, and the place is not in its name.
      if (POSSESSIVES.has(text) && owner[i - 1] !== undefined && owner[i - 1] !== -1 && runs[owner[i - 1]!]!.type === LOCATION) break;
      if (owner[i] !== -1 && owner[i] !== k) start = runs[owner[i]!]!.first;
      // An untagged owner's name before "'s" ("Kellerman's Bancshares Inc."), not a place's ("Britain's").
      else if (owner[i] === -1 && words[i]!.cap && POSSESSIVES.has(tokens[i + 1]!.text) && !(words[i]!.gaz & (PLACE_BITS | DEMONYM_BIT))) start = i;
    }
    if (start === run.first) return;
    // The name before, kept, may have taken in a word from here (a suffix: "tellen" + "Co."): start after
    // it, the runs may not overlap.
    for (let x = k - 1; x >= 0; x--) {
      if (absorbed[x] || runs[x]!.first >= start) continue;
      if (out[x]!.last >= start) start = out[x]!.last + 1;
      break;
    }
    if (start >= run.first) return;
    for (let i = start; i < run.first; i++) if (owner[i] !== -1) absorbed[owner[i]!] = 1;
    out[k] = { first: start, last: run.last, type: ORGANIZATION };
  });
  return out.filter((_, k) => !absorbed[k]);
}

const COMPANY_JOINERS = new Set(['of', "'s", '’s', '&']);
const POSSESSIVES = new Set(["'s", '’s']);

/** A company suffix ("Corp.", "Inc"): what `joinCompanyNames` looks for at or after a name's end. */
function endsCompany(word: RuleWord): boolean {
  return COMPANY_SUFFIXES.has(bare(word));
}

/** Words that end a company's name, and nothing else: a stricter list than the org-suffix gazetteer. */
const COMPANY_SUFFIXES = new Set([
  'corp', 'corporation', 'inc', 'incorporated', 'ltd', 'limited', 'co', 'plc', 'llc', 'llp', 'ag', 'gmbh', 'nv',
  'bv', 'spa', 'bhd', 'pty', 'pte', 'bancorp', 'holdings',
]);
/**
 * Last words of organizations' names that are never a person's surname ("Douglas Aircraft", "Washington
 * Mutual", "Canadian Auto Workers"): unlike a company suffix, the name without them is not the
 * organization ("Washington"). Not "bank" ("West Bank") nor words for places ("airport", "stadium").
 * Measured (overlap F1): MEANTIME dev PERSON 56.1 → 56.3, ORGANIZATION 69.6 → 69.8; CoNLL dev unchanged.
 */
const ORGANIZATION_LAST_WORDS = new Set([
  'aircraft', 'aerospace', 'airlines', 'airways', 'motors', 'automotive', 'automobile', 'automobiles', 'mutual',
  'insurance', 'electronics', 'software', 'technologies', 'pharmaceuticals', 'chemicals', 'university', 'college',
  'corporation', 'company', 'industries', 'workers',
]);
/** Words after "X's" that only a company has ("Chrysler's chief executive", "Airbus's shares"). */
const COMPANY_POSSESSIONS = new Set([
  'shares', 'stock', 'shareholders', 'stockholders', 'subsidiary', 'subsidiaries', 'ceo', 'cfo', 'board',
  'chairman', 'chief', 'earnings', 'revenue', 'revenues', 'profit', 'profits', 'sales', 'plant', 'plants',
  'factory', 'factories', 'headquarters', 'unit', 'workforce', 'employees', 'merger', 'takeover', 'products',
]);
/** Words before "of X" / "in X" that only a company takes ("shares of X", "a stake in X", "CEO of X"). */
const COMPANY_OWNERS = new Set(['shares', 'stock', 'shareholders', 'stake', 'ceo', 'cfo', 'subsidiary', 'unit', 'takeover', 'executive']);

/**
 * Lower-case nouns for a kind of company, right before its name ("airline Aer Lingus", "carmaker Ford").
 * Not the nouns that also name a person's trade or a ship's class: "company"/"firm" ("the company Jobs
 * founded"), "publisher", "broadcaster", "brewer" ("newspaper publisher Rupert Murdoch"), "carrier"
 * ("aircraft carrier Charles de Gaulle"). Measured: MEANTIME PER overlap 54.0 → 54.9, ORG 68.0 →
 * 67.9; CoNLL dev PER 95.5 → 95.6, ORG 87.2 unchanged. With "studio", "blog", "website" ("animation
 * studio Pixar", "the technology blog Gizmodo"): MEANTIME PER 57.9 → 58.1, ORG 69.8 → 69.7 (both are
 * organizations the gold leaves out); CoNLL dev unchanged.
 */
const COMPANY_KINDS = new Set([
  'airline', 'carmaker', 'automaker', 'planemaker', 'airframer', 'chipmaker', 'drugmaker', 'insurer', 'retailer',
  'lender', 'conglomerate', 'newspaper', 'manufacturer', 'studio', 'blog', 'website',
]);

/**
 * A company kind right before the run, unless the run starts with a listed first name (a person
 * however the text introduces them: "retailer Mary Smith").
 */
function afterCompanyKind(run: TokenRun, tokens: readonly RuleToken[], words: readonly RuleWord[]): boolean {
  const previous = run.first - 1;
  if (previous < 0 || tokens[previous]!.sentence !== tokens[run.first]!.sentence) return false;
  const kind = words[previous]!;
  if (kind.cap || !COMPANY_KINDS.has(kind.lowerText)) return false;
  return !(run.last > run.first && words[run.first]!.gaz & FIRST_NAME_BIT);
}

const FIRST_NAME_BIT = gazBit('first-name');

/** Head nouns of an apposition that says a name is a company ("Magna, a Canadian auto parts company"). */
const APPOSITION_KINDS = new Set([
  'company', 'companies', 'firm', 'maker', 'manufacturer', 'carmaker', 'automaker', 'planemaker', 'chipmaker',
  'drugmaker', 'airline', 'bank', 'lender', 'insurer', 'retailer', 'subsidiary', 'division', 'supplier',
  'conglomerate', 'startup', 'brokerage', 'newspaper', 'website',
]);
/** Prepositions, which end the head of a noun phrase. */
const PREPOSITIONS = new Set(['of', 'for', 'at', 'in', 'on', 'with', 'from', 'to', 'by', 'about']);
/** Words that may follow the head noun of such an apposition (and so end its noun phrase). */
const APPOSITION_ENDS = new Set([',', '.', ';', ':', ')', '--', '—', 'of', 'that', 'which', 'based', 'in', 'with', 'owned', 'and', 'for', 'whose']);

/**
 * Rule 1c, apposition: a name next to a comma and a noun phrase headed by a kind of company is that
 * company: after it ("Magna, a Canadian automobile parts company", "X, the maker of ...") or before it
 * ("its European division, Opel"). The noun must end its phrase: "Smith, a company spokesman" is a
 * spokesman; and a name opening with a listed first name is a person's. Measured (overlap F1): MEANTIME
 * dev ORGANIZATION 70.2 → 70.3 (recall 89.3 → 89.7); CoNLL dev unchanged.
 */
function companyApposition(run: TokenRun, tokens: readonly RuleToken[], words: readonly RuleWord[]): boolean {
  // A listed first name opens a person's name, whatever stands next to it ("counsel of the company, Mark Chandler").
  if (run.last > run.first && words[run.first]!.gaz & FIRST_NAME_BIT) return false;
  const sentence = tokens[run.first]!.sentence;
  // "its European division, Opel"
  if (inSentence(tokens, run.first - 2, sentence) && tokens[run.first - 1]!.text === ',' && !words[run.first - 2]!.cap && APPOSITION_KINDS.has(words[run.first - 2]!.lowerText)) {
    return true;
  }
  // "Magna, a Canadian automobile parts company"
  if (!inSentence(tokens, run.last + 2, sentence) || tokens[run.last + 1]!.text !== ',' || !PRODUCT_DETERMINERS.has(words[run.last + 2]!.lowerText)) return false;
  // Not the second name of "Lawrence Agency Corp., Schenectady, N.Y., an insurance agency": the
  // apposition tells of the name before the place.
  if (inSentence(tokens, run.first - 2, sentence) && tokens[run.first - 1]!.text === ',' && words[run.first - 2]!.cap) return false;
  for (let i = run.last + 3; i <= run.last + 8 && inSentence(tokens, i, sentence); i++) {
    const word = words[i]!;
    if (APPOSITION_KINDS.has(word.lowerText) && !word.cap) return !inSentence(tokens, i + 1, sentence) || APPOSITION_ENDS.has(tokens[i + 1]!.text);
    // The head noun comes before a preposition: "the director of the VOA Eurasia division" is a director.
    if (!/^[\p{L}\p{N}-]+$/u.test(tokens[i]!.text) || PREPOSITIONS.has(word.lowerText)) return false;
  }
  return false;
}



/** A word in lower case without a final period ("Corp." → "corp"). */
function bare(word: RuleWord): string {
  const lower = word.lowerText;
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** True when the tokens around a run say it is a company. */
function companyContext(run: TokenRun, tokens: readonly RuleToken[], words: readonly RuleWord[]): boolean {
  if (run.last > run.first && (COMPANY_SUFFIXES.has(bare(words[run.last]!)) || ORGANIZATION_LAST_WORDS.has(words[run.last]!.lowerText))) return true;
  const after = tokens[run.last + 1];
  const sentence = tokens[run.last]!.sentence;
  if (after && after.sentence === sentence && (after.text === "'s" || after.text === '’s' || after.text === "'")) {
    const next = tokens[run.last + 2];
    if (next && next.sentence === sentence && COMPANY_POSSESSIONS.has(words[run.last + 2]!.lowerText)) return true;
  }
  if (afterCompanyKind(run, tokens, words) || companyApposition(run, tokens, words)) return true;
  const of = tokens[run.first - 1];
  const owner = tokens[run.first - 2];
  return Boolean(
    of && owner && owner.sentence === sentence && (of.text === 'of' || of.text === 'in') &&
    COMPANY_OWNERS.has(words[run.first - 2]!.lowerText),
  );
}

/**
 * Rule 1c, second half: company suffixes and company contexts make a name an organization, and the
 * same name (or the name without its suffix) is then the organization everywhere in the document.
 */
function companies(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer): readonly TokenRun[] {
  let names: Set<string> | null = null;
  // The first word of each name: a run's key is built (a new string) only when its first word is one.
  const firsts = new Set<string>();
  for (const run of runs) {
    if (!companyContext(run, tokens, words)) continue;
    const key = runKey(run, words);
    // A known place keeps its type (looked up as one word, even when the key has several).
    if (run.type === LOCATION && gazetteer.word(key) & PLACE_BITS) continue;
    (names ??= new Set()).add(key);
    firsts.add(firstWord(key));
    if (run.last > run.first && COMPANY_SUFFIXES.has(bare(words[run.last]!))) {
      names.add(runKey(withLast(run, run.last - 1), words));
      // "Halvorsen & Co.": the name alone is "Halvorsen".
      if (run.last - 1 > run.first && AMPERSANDS.has(words[run.last - 1]!.lowerText)) names.add(runKey(withLast(run, run.last - 2), words));
    }
  }
  if (names === null) return runs;
  const found = names;
  return mapRuns(runs, (run) =>
    run.type !== ORGANIZATION && firsts.has(firstWord(words[run.first]!.lowerText)) && found.has(runKey(run, words)) ? typed(run, ORGANIZATION) : run,
  );
}

const AMPERSANDS = new Set(['&', 'and']);


/**
 * Rule 2: the majority type of each surface form wins throughout the document.
 */
function voteTypes(runs: readonly TokenRun[], words: readonly RuleWord[]): readonly TokenRun[] {
  // Each distinct surface form gets a number (`forms`), and its votes a row of `counts`.
  const types = ENTITY_TYPES.length;
  const forms = new Map<string, number>();
  const formOf = scratch(runs.length, 0);
  const counts = scratch(runs.length * types, 1).fill(0);
  for (let k = 0; k < runs.length; k++) {
    const key = runKey(runs[k]!, words);
    let form = forms.get(key);
    if (form === undefined) forms.set(key, (form = forms.size));
    formOf[k] = form;
    counts[form * types + runs[k]!.type]!++;
  }
  return mapRuns(runs, (run, k) => {
    const row = formOf[k]! * types;
    let best = run.type;
    for (let type = 0; type < types; type++) if (counts[row + type]! > counts[row + best]!) best = type;
    return best === run.type ? run : typed(run, best);
  });
}

const MISC = ENTITY_TYPES.indexOf('MISC');

/** A capitalized word of letters only ("Mac", "MacBook"): the first word of a product line's name. */
const LETTER_WORD = /^\p{Lu}\p{L}+$/u;
/**
 * Gazetteer bits of a word that names something besides a product line: a place, a people, a person,
 * an organization or a title ("Atlanta Games", "South Korean", "VW Passat", "UEFA Cup").
 */
const NOT_FAMILY_BITS = PLACE_WORD_BITS | DEMONYM_BIT | NAME_BITS | ORGANIZATION_WORD_GAZ | gazBit('organization') | TITLE_BITS | gazBit('time');
/**
 * Words that follow a product line's name to name one of its models or editions ("MacBook Pro",
 * "MacBook Air", "iPod Nano", "Mac OS X"): marketing English, not the words of events or places
 * ("Atlanta Games", "Shabwa Block").
 */
const MODEL_WORDS = new Set(['pro', 'air', 'mini', 'max', 'plus', 'lite', 'nano', 'touch', 'ultra', 'os']);

/**
 * Rule 2g: a product line's name is one type in a document. A one-word location or organization is
 * MISC when the document names a model of it, a MISC name of two to four words that it opens and
 * that goes on with a model word or ends in a version numeral ("Mac" beside "Mac OS X", "MacBook"
 * beside "MacBook Air"). Not a word that a gazetteer lists as a place, a people, a person, an
 * organization or a title, nor a compass word ("VW Passat" leaves "VW" a company), nor a name the
 * document writes with a possessive (a maker: "Apple's"). Not in headlines written in capitals.
 * After the type vote, which leaves a tie ("Mac" once MISC, once LOCATION) as it is.
 * (The plural of a one-word product, "Dreamliners" beside "Dreamliner", was tried too: it also made
 * teams MISC, "Orioles" beside a former "Oriole".)
 * Measured (overlap F1): MEANTIME dev ORGANIZATION 72.6 → 72.8 (P 60.8 → 61.1), PERSON unchanged; CoNLL
 * dev and train unchanged.
 */
function productFamilies(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], caps: (s: number) => boolean): readonly TokenRun[] {
  let families: Set<string> | null = null;
  for (const run of runs) {
    if (run.type !== MISC || run.first === run.last || run.last - run.first > 3 || caps(tokens[run.first]!.sentence)) continue;
    const first = words[run.first]!;
    if (!LETTER_WORD.test(tokens[run.first]!.text) || first.gaz & NOT_FAMILY_BITS || COMPASS_WORDS.has(first.lowerText)) continue;
    if (!MODEL_WORDS.has(words[run.first + 1]!.lowerText) && !ROMAN_VERSION.test(tokens[run.last]!.text)) continue;
    (families ??= new Set()).add(first.lowerText);
  }
  if (families === null) return runs;
  const found = families;
  const owners = possessors(runs, tokens, words);
  return mapRuns(runs, (run) => {
    if ((run.type !== LOCATION && run.type !== ORGANIZATION) || run.first !== run.last) return run;
    const key = words[run.first]!.lowerText;
    return found.has(key) && !owners.has(key) ? typed(run, MISC) : run;
  });
}


/** Last words of the names of documents: "Treaty of Baden", "Military Information Agreement". */
const DOCUMENT_HEADS = new Set(['agreement', 'treaty', 'accord', 'accords', 'pact', 'act', 'convention', 'protocol', 'charter']);
/** First words of the names of documents: "Treaty of Baden". */
const DOCUMENT_FIRSTS = new Set(['treaty', 'pact', 'accord', 'convention', 'protocol', 'charter']);
/** Words opening a picture credit: "(Photos from Yonhap)". */
const CREDIT_WORDS = new Set(['photo', 'photos', 'picture', 'pictures', 'image', 'images', 'video', 'graphic', 'file']);

/**
 * Rule 2a: the name of an agreement or treaty is MISC (CoNLL's convention), and so is its acronym in
 * parentheses right after it ("(GSOMIA)"), everywhere in the document; the word opening a picture
 * credit ("(Photos from Yonhap)") is no name.
 */
function agreements(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[]): readonly TokenRun[] {
  let acronyms: Set<string> | null = null;
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs.
  let out: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    const lastWord = words[run.last]!.lowerText;
    const before = tokens[run.first - 1];
    const after = tokens[run.last + 1];
    if (
      run.first === run.last && before?.text === '(' && CREDIT_WORDS.has(lastWord) &&
      (after?.text === 'from' || after?.text === 'by' || after?.text === 'courtesy')
    ) {
      out ??= runs.slice(0, k);
      continue;
    }
    const firstWord = words[run.first]!.lowerText;
    if (run.type === ORGANIZATION && run.last > run.first && (DOCUMENT_HEADS.has(lastWord) || DOCUMENT_FIRSTS.has(firstWord))) {
      (out ??= runs.slice(0, k)).push(typed(run, MISC));
      const open = tokens[run.last + 1];
      const acronym = tokens[run.last + 2];
      if (open?.text === '(' && acronym && tokens[run.last + 3]?.text === ')' && /^[A-Z]{2,8}$/.test(acronym.text)) (acronyms ??= new Set()).add(acronym.text);
    } else out?.push(run);
  }
  if (acronyms === null) return out ?? runs;
  const found = acronyms;
  return mapRuns(out ?? runs, (run) => (run.first === run.last && found.has(tokens[run.first]!.text) ? typed(run, MISC) : run));
}

const ISO_DATE = /^\d{4}-\d\d-\d\d$/;
// Not the hyphen: "RUGBY UNION - SPRINGBOKS WIN" opens a headline by its topic.
const DASHES = new Set(['—', '–']);

/**
 * Rule 2b: the place that opens a dateline ("LA CORUNA, Spain 1996-08-31", "SEOUL —") is where the
 * story was filed, a LOCATION, even in a sports story where the same city names a team. A dateline is
 * a sentence made of the name, an optional ", Region", and a date; or an all-capitals name and a dash.
 */
function datelines(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[]): readonly TokenRun[] {
  return mapRuns(runs, (run) => {
    if (run.type !== ORGANIZATION || !isSentenceStart(tokens, run.first)) return run;
    const sentence = tokens[run.first]!.sentence;
    const next = tokens[run.last + 1];
    if (next?.sentence !== sentence) return run;
    if (DASHES.has(next.text)) {
      for (let i = run.first; i <= run.last; i++) if (tokens[i]!.text !== tokens[i]!.text.toUpperCase()) return run;
      return typed(run, LOCATION);
    }
    let i = run.last + 1;
    if (tokens[i]!.text === ',') {
      i++;
      // ", Region": at most three capitalized words.
      const from = i;
      while (i < tokens.length && i - from < 3 && tokens[i]!.sentence === sentence && words[i]!.cap) i++;
      if (i === from) return run;
    }
    const date = tokens[i];
    const end = tokens[i + 1];
    return date?.sentence === sentence && ISO_DATE.test(date.text) && end?.sentence !== sentence ? typed(run, LOCATION) : run;
  });
}

const ORGANIZATION_BIT = gazBit('organization');
/** A model number after a maker's name: "A330", "737", "KC-30", "X5". */
const MODEL_NUMBER = /^(?:\d|[A-Z]{1,3}-?\d)/;
/** Words after a market operator's name that make it its index or listing: "Dow Jones industrial average", "Nasdaq composite". */
const INDEX_WORDS = new Set(['index', 'indices', 'industrial', 'industrials', 'composite', 'average', 'stock']);

/**
 * Rule 2c: a listed organization named on its own is the organization, not a MISC product or
 * adjective ("the contract to Airbus", "Airbus has"); followed by a model number ("Airbus A330") or
 * an index word ("Dow Jones industrial average") it stays what the tagger said. One typed as an
 * organization but followed by a model code ("a Boeing 747", "Boeing 737s": three digits or letters
 * and digits, not a team's score or time) names the model, MISC, as CoNLL types "Boeing" in "Boeing 707".
 * A one-word "person" that is a listed organization ("Chrysler said") or the first word of a longer
 * organization's name in the document ("Apple" beside "Apple Computer") is the organization, unless it
 * is also a listed name or place, or a word of a longer person's name in the document ("William Clay Ford").
 */
/** The words of the runs of more than one word typed PERSON, in lower case. */
function personWords(runs: readonly TokenRun[], words: readonly RuleWord[]): ReadonlySet<string> {
  const people = new Set<string>();
  for (const run of runs) {
    if (run.type === PERSON && run.first !== run.last) for (let i = run.first; i <= run.last; i++) people.add(words[i]!.lowerText);
  }
  return people;
}

function knownOrganizations(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer): readonly TokenRun[] {
  // First words of the document's longer organization names ("Apple" of "Apple Computer").
  let heads: Set<string> | null = null;
  for (const run of runs) {
    if (run.first !== run.last && run.type === ORGANIZATION && words[run.first]!.cap) (heads ??= new Set()).add(words[run.first]!.lowerText);
  }
  // Words of the document's longer person names ("William Clay Ford"): such a word alone may be the
  // person. Collected at the first one-word person that may be a company: few documents have one.
  let people: ReadonlySet<string> | null = null;
  return mapRuns(runs, (run) => {
    if (run.type === PERSON) {
      const word = words[run.first]!;
      const listed = (word.gaz & ORGANIZATION_BIT) !== 0;
      if (run.first !== run.last || !(listed || heads?.has(word.lowerText)) || word.gaz & (NAME_BITS | PLACE_BITS)) return run;
      people ??= personWords(runs, words);
      return people.has(word.lowerText) ? run : typed(run, ORGANIZATION);
    }
    if ((run.type !== MISC && run.type !== ORGANIZATION) || !(runGaz(run, words, gazetteer) & ORGANIZATION_BIT)) return run;
    const next = tokens[run.last + 1];
    if (run.type === ORGANIZATION) return next && next.sentence === tokens[run.last]!.sentence && MODEL_CODE.test(next.text) && countsModels(tokens, run.first - 1) ? typed(run, MISC) : run;
    return next && (MODEL_NUMBER.test(next.text) || INDEX_WORDS.has(words[run.last + 1]!.lowerText)) ? run : typed(run, ORGANIZATION);
  });
}

/** Words before a model's name with no lower-case letter to show it: "The Boeing 777", "A Boeing 747". */
const CAPITALIZED_DETERMINERS = new Set(['The', 'A', 'An']);

/**
 * May token `i` stand before a maker's name and model code ("the Boeing 767", "five Boeing 737s", "60
 * Boeing 787")? A lower-case word, a determiner or a plain number; not the parenthesis or the rank of a
 * results line, where a team's points follow its name ("Paul Malin (Britain) Yamaha 317").
 */
function countsModels(tokens: readonly RuleToken[], i: number): boolean {
  const before = tokens[i];
  if (before === undefined || before.sentence !== tokens[i + 1]!.sentence) return false;
  return isLowerWord(before.text) || CAPITALIZED_DETERMINERS.has(before.text) || /^\d+$/.test(before.text);
}

/**
 * Rule 2d: a one-word "person" right after a listed organization's name, with nothing between them,
 * is the name of one of its products ("Ford Taurus", "Toyota Camry"): MISC, as CoNLL types products.
 * (Not after any organization: the tagger also splits a footballer's name into an organization and
 * a surname.)
 */
function productNames(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer): readonly TokenRun[] {
  return mapRuns(runs, (run, k) => {
    const maker = runs[k - 1];
    if (run.type !== PERSON || run.first !== run.last || maker?.type !== ORGANIZATION || maker.last !== run.first - 1) return run;
    if (tokens[run.first]!.sentence !== tokens[maker.last]!.sentence) return run;
    return runGaz(maker, words, gazetteer) & ORGANIZATION_BIT ? typed(run, MISC) : run;
  });
}

/**
 * Rule 2d, organizations: an "organization" made of a listed maker and a name that the document
 * types MISC on its own is that product ("Ford Taurus" beside "the Taurus", "Microsoft Longhorn"
 * beside "Longhorn"), as CoNLL types "VW Passat".
 * Measured (overlap): MEANTIME dev ORGANIZATION F1 73.1 → 73.1 (P 61.54 → 61.59), PERSON unchanged;
 * CoNLL dev and train unchanged.
 */
function makerModels(runs: readonly TokenRun[], words: readonly RuleWord[]): readonly TokenRun[] {
  let products: Set<string> | null = null;
  for (const run of runs) if (run.type === MISC) (products ??= new Set()).add(runKey(run, words));
  if (products === null) return runs;
  const found = products;
  return mapRuns(runs, (run) => {
    if (run.type !== ORGANIZATION || run.first === run.last || !(words[run.first]!.gaz & ORGANIZATION_BIT)) return run;
    return found.has(runKey({ first: run.first + 1, last: run.last, type: MISC }, words)) ? typed(run, MISC) : run;
  });
}

/**
 * Rule 3: a country or city by name is never a person. (It may be an organization: CoNLL types
 * national sports teams by their country's name as ORGANIZATION, and retyping them cost 4 points.)
 */
function guardPlaces(runs: readonly TokenRun[], words: readonly RuleWord[], gazetteer: Gazetteer): readonly TokenRun[] {
  return mapRuns(runs, (run) => {
    if (run.type !== PERSON) return run;
    return runGaz(run, words, gazetteer) & PLACE_BITS ? typed(run, LOCATION) : run;
  });
}

/** Words that open the name of a geographic feature when a name follows ("Lake Victoria", "Mount Everest"). */
const FEATURE_BEFORE_NAME = new Set(['lake', 'mount', 'mt.', 'cape']);
/** Words that open one with "of" ("Bay of Biscay", "Gulf of Mexico", "Isle of Man", "Strait of Hormuz"). */
const FEATURE_BEFORE_OF = new Set(['bay', 'gulf', 'sea', 'isle', 'strait', 'straits', 'lake', 'mount']);
/** Words that close one ("Red Sea", "Pacific Ocean", "Mississippi River", "Canary Islands"). "Bay" is not here: teams are named so ("Tampa Bay"). */
const FEATURE_AFTER_NAME = new Set(['sea', 'ocean', 'river', 'island', 'islands', 'isles', 'peninsula', 'mountains', 'strait', 'straits', 'canal', 'desert', 'gulf']);

/**
 * Rule 3e: the name of a sea, lake, mountain, river or island is a LOCATION, whatever the tagger and
 * the type vote made of it ("Bay of Biscay" as an organization). Only the shapes above: a feature word
 * and one name ("Lake Orvel"), a feature word with "of" ("Gulf of Tarra"), or a name closed by a
 * feature word ("Oskel River"); a longer name that only contains one stays ("Mount Sinai Hospital",
 * "Bay Networks", "River Plate").
 */
function geographicFeatures(runs: readonly TokenRun[], words: readonly RuleWord[]): readonly TokenRun[] {
  return mapRuns(runs, (run) => {
    if (run.type === LOCATION || run.last === run.first) return run;
    const first = words[run.first]!;
    const last = words[run.last]!;
    if (!first.cap || !last.cap) return run;
    const named = run.last === run.first + 1 && FEATURE_BEFORE_NAME.has(first.lowerText);
    const withOf = FEATURE_BEFORE_OF.has(first.lowerText) && words[run.first + 1]!.lowerText === 'of' && run.last > run.first + 1;
    const closed = FEATURE_AFTER_NAME.has(last.lowerText);
    return named || withOf || closed ? typed(run, LOCATION) : run;
  });
}

/**
 * Rule 3f: a country in parentheses right after a person's name is that person's country, a LOCATION
 * ("Pete Sampras (U.S.) beat …", "Anna Berg (Sweden) 2:01.4"), even in a results table where the
 * tagger takes the names around numbers for teams. A club after a player ("(Ajax)") is no country.
 */
function nationalities(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer): readonly TokenRun[] {
  return mapRuns(runs, (run, k) => {
    const open = run.first - 1;
    const previous = runs[k - 1];
    if (run.type === LOCATION || previous === undefined || previous.type !== PERSON || previous.last !== open - 1) return run;
    if (tokens[open]!.text !== '(' || tokens[run.last + 1]?.text !== ')' || tokens[open]!.sentence !== tokens[run.last + 1]!.sentence) return run;
    const country = (runGaz(run, words, gazetteer) & COUNTRY_BIT) !== 0 || (run.first === run.last && /^(?:U\.S\.?|U\.K\.?)$/.test(tokens[run.first]!.text));
    return country ? typed(run, LOCATION) : run;
  });
}

/**
 * Measured: CoNLL dev unchanged; CV ORGANIZATION 83.9 → 84.0 (with rule 5's titles of any type);
 * MEANTIME dev ORGANIZATION exact recall 78.7 → 78.5 (its gold types one "R-AZ" as the party).
 * Rule 3h: a US party-and-state tag after a person's name ("Gregory Meeks (D-N.Y.)", "Ted Cruz
 * (R-Texas)", "(I-Vt.)") names a state: whatever the tagger made of it ("Y.", "R-Texas", "I-Vt")
 * becomes one LOCATION over the state ("N.Y.", "Texas", "Vt."); a party letter alone ("(D)") is no name.
 */
function partyTags(runs: readonly TokenRun[], tokens: readonly RuleToken[]): readonly TokenRun[] {
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs.
  let out: TokenRun[] | null = null;
  let skipThrough = -1;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    if (run.first <= skipThrough) {
      // a run inside a tag: replaced by the state
      out ??= runs.slice(0, k);
      continue;
    }
    out?.push(run);
    const tag = run.type === PERSON ? partyTagAt(tokens, run.last + 1) : null;
    if (!tag) continue;
    skipThrough = tag.close;
    if (tag.state) (out ??= runs.slice(0, k + 1)).push({ first: tag.state.first, last: tag.state.last, type: LOCATION });
  }
  return out ?? runs;
}

/** `( D - N . Y . )` at token `open`: its closing token and the state's tokens, or null. */
function partyTagAt(tokens: readonly RuleToken[], open: number): { close: number; state: { first: number; last: number } | null } | null {
  if (tokens[open]?.text !== '(' || !/^[DRI]$/.test(tokens[open + 1]?.text ?? '')) return null;
  if (tokens[open + 2]?.text === ')') return { close: open + 2, state: null };
  if (!/^[-–]$/.test(tokens[open + 2]?.text ?? '')) return null;
  let close = open + 3;
  while (close < tokens.length && close - open < 9 && tokens[close]!.text !== ')') close++;
  if (tokens[close]?.text !== ')' || close === open + 3 || !/^\p{Lu}/u.test(tokens[open + 3]!.text)) return null;
  return { close, state: { first: open + 3, last: close - 1 } };
}

/** "v", "vs", "vs.": what stands between the two sides of a fixture. */
const VERSUS = new Set(['v', 'vs', 'vs.', 'v.']);

/**
 * Rule 3g: a name typed LOCATION on either side of "v" ("Hull v Barnet", "Notts County v York") is one
 * side of a fixture, a team: an ORGANIZATION, as CoNLL types clubs. A country stays a LOCATION (CoNLL
 * types national sides so in fixtures: "Sri Lanka v Kenya").
 */
function fixtures(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer): readonly TokenRun[] {
  return mapRuns(runs, (run) => {
    if (run.type !== LOCATION) return run;
    const sentence = tokens[run.first]!.sentence;
    const before = tokens[run.first - 1];
    const after = tokens[run.last + 1];
    const side = (before !== undefined && before.sentence === sentence && VERSUS.has(before.text)) || (after !== undefined && after.sentence === sentence && VERSUS.has(after.text));
    if (!side || runGaz(run, words, gazetteer) & COUNTRY_BIT) return run;
    return typed(run, ORGANIZATION);
  });
}

/**
 * Rule 3b: a country right before a title is where the title-holder serves ("US Secretary of State"):
 * a LOCATION, not the country's team; so is the same name elsewhere in the document when it modifies
 * a following lower-case word ("US authorities").
 */
function placesBeforeTitles(
  runs: readonly TokenRun[],
  tokens: readonly RuleToken[],
  words: readonly RuleWord[],
  gazetteer: Gazetteer,
  capitals: Int32Array,
): readonly TokenRun[] {
  const places = new Set<string>();
  const isPlace = (run: TokenRun): boolean =>
    (runGaz(run, words, gazetteer) & PLACE_BITS) !== 0 || /^(?:U\.?S\.?|U\.?K\.?)$/.test(tokens[run.first]!.text);
  // The token after a run, when in the same sentence.
  const next = (run: TokenRun): number =>
    run.last + 1 < tokens.length && tokens[run.last + 1]!.sentence === tokens[run.last]!.sentence ? run.last + 1 : -1;
  // An untagged one-word place before a title (left out of the names as part of the title: "US Secretary").
  const tagged = flags(tokens.length);
  for (const run of runs) for (let i = run.first; i <= run.last; i++) tagged[i] = 1;
  for (let c = 0; c < capitals.length; c++) {
    const i = capitals[c]!;
    if (i + 1 >= tokens.length || !isPersonTitle(words, i + 1) || tagged[i] || tokens[i + 1]!.sentence !== tokens[i]!.sentence) continue;
    if (isPlace({ first: i, last: i, type: ORGANIZATION })) places.add(words[i]!.lowerText);
  }
  for (const run of runs) {
    const after = next(run);
    if (run.type !== ORGANIZATION || after < 0 || !isPersonTitle(words, after)) continue;
    if (isPlace(run)) places.add(runKey(run, words));
  }
  if (places.size === 0) return runs;
  return mapRuns(runs, (run) => {
    if (run.type !== ORGANIZATION || !places.has(runKey(run, words))) return run;
    const after = next(run);
    return after >= 0 && (isPersonTitle(words, after) || isLowerWord(tokens[after]!.text)) ? typed(run, LOCATION) : run;
  });
}

const COUNTRY_BIT = gazBit('country');
const US_OR_UK = /^(?:U\.?S\.?|U\.?K\.?)$/;

/**
 * Rule 3c: a country typed as an organization but modifying a lower-case noun ("US automakers",
 * "the US government", "UK prices") is the country, a LOCATION: an organization named after a
 * country says which one ("the US Treasury"), with a capital. (Rule 3b does this only for names also
 * seen before a title.) Not for multi-word runs other than a listed country ("Japan Airlines").
 * Measured (overlap F1): MEANTIME dev ORGANIZATION 69.4 → 69.6; CoNLL dev and train unchanged.
 */
function countriesBeforeNouns(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer): readonly TokenRun[] {
  return mapRuns(runs, (run) => {
    if (run.type !== ORGANIZATION) return run;
    // "U" (85) first: the pattern is asked only of a word that may be "US" or "UK".
    const country = (runGaz(run, words, gazetteer) & COUNTRY_BIT) !== 0 || (run.first === run.last && tokens[run.first]!.text.charCodeAt(0) === 85 && US_OR_UK.test(tokens[run.first]!.text));
    if (!country) return run;
    const after = tokens[run.last + 1];
    return after && after.sentence === tokens[run.last]!.sentence && isLowerWord(after.text) ? typed(run, LOCATION) : run;
  });
}

const REGION_BITS = gazBit('region') | gazBit('country');

/**
 * Does the run end its phrase: the sentence's end, punctuation or a number (a dateline's date) after it?
 * Not a word: "at Grace Road, Leicestershire extended their innings" names a county's team.
 */
function endsPlacePhrase(tokens: readonly RuleToken[], run: TokenRun): boolean {
  const after = tokens[run.last + 1];
  return after === undefined || after.sentence !== tokens[run.last]!.sentence || !/^\p{L}/u.test(after.text);
}

/**
 * Rule 3d: a state, province or country typed as an organization right after a place and a comma,
 * and ending its phrase, is where that place lies ("Wixom, Michigan, Michigan *", "ARLINGTON, Texas
 * 1996-08-31"): a LOCATION. Each place so typed may be the next one's town ("St. Thomas, Ontario,
 * Canada"). A word after it makes it a team ("at the Oval, Surrey captain Chris Lewis").
 * Measured: MEANTIME dev ORGANIZATION overlap F1 73.0 → 73.1 (P 61.4 → 61.5); CoNLL dev exact F1
 * ORGANIZATION 88.08 → 88.12, LOCATION 94.14 → 94.17; train unchanged.
 */
function regionsAfterTowns(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[], gazetteer: Gazetteer): readonly TokenRun[] {
  // Copied on write (see `mapRuns`): `null` while the output is the input's first `k` runs.
  let out: TokenRun[] | null = null;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    // The output's last run: while nothing changed, the input's run before.
    const town = out === null ? runs[k - 1] : out[out.length - 1];
    const comma = run.first - 1;
    if (
      run.type === ORGANIZATION && town?.type === LOCATION && town.last === comma - 1 && tokens[comma]!.text === ',' &&
      tokens[town.last]!.sentence === tokens[run.first]!.sentence && endsPlacePhrase(tokens, run) && runGaz(run, words, gazetteer) & REGION_BITS
    ) (out ??= runs.slice(0, k)).push(typed(run, LOCATION));
    else out?.push(run);
  }
  return out ?? runs;
}

/** Rule 4: parts of a person's full name, used alone, are that person. */
function propagatePeople(
  runs: readonly TokenRun[],
  tokens: readonly RuleToken[],
  words: readonly RuleWord[],
  caps: (s: number) => boolean,
  capitals: Int32Array,
): readonly TokenRun[] {
  let parts: Set<string> | null = null;
  for (const run of runs) {
    if (run.type !== PERSON || run.last === run.first) continue;
    for (let end = 0; end < 2; end++) {
      const i = end === 0 ? run.first : run.last;
      const text = tokens[i]!.text;
      if (text.length > 1 && words[i]!.cap && !(words[i]!.gaz & (TITLE_BITS | ORG_BITS | PLACE_BITS))) (parts ??= new Set()).add(text);
    }
  }
  if (parts === null) return runs;
  const out: TokenRun[] = [];
  const covered = flags(tokens.length);
  for (const run of runs) {
    for (let i = run.first; i <= run.last; i++) covered[i] = 1;
    out.push(run.first === run.last && run.type !== PERSON && parts.has(tokens[run.first]!.text) ? typed(run, PERSON) : run);
  }
  const kept = out.length;
  // A part is capitalized: only capitals are asked.
  for (let c = 0; c < capitals.length; c++) {
    const i = capitals[c]!;
    if (covered[i] || !parts.has(tokens[i]!.text) || caps(tokens[i]!.sentence)) continue;
    // A capitalized neighbour means a longer name the tagger missed: leave it alone.
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (before && before.sentence === tokens[i]!.sentence && words[i - 1]!.cap && !isSentenceStart(tokens, i - 1)) continue;
    if (after && after.sentence === tokens[i]!.sentence && words[i + 1]!.cap) continue;
    out.push({ first: i, last: i, type: PERSON });
  }
  // Nothing added to runs in order: the (stable) sort would leave them as they are.
  if (out.length === kept && inOrder(out)) return out;
  return out.sort((a, b) => a.first - b.first);
}

function inOrder(runs: readonly TokenRun[]): boolean {
  for (let k = 1; k < runs.length; k++) if (runs[k]!.first < runs[k - 1]!.first) return false;
  return true;
}

/**
 * Is token `i` in the document and in sentence `sentence`? The rules' checks of a neighbour, a function
 * rather than a closure per run (a closure and its context per run and rule: ~3 KB allocated per
 * bench document in `softwareNames` and `companies` alone).
 */
function inSentence(tokens: readonly RuleToken[], i: number, sentence: number): boolean {
  return i >= 0 && i < tokens.length && tokens[i]!.sentence === sentence;
}

function isSentenceStart(tokens: readonly RuleToken[], i: number): boolean {
  return i === 0 || tokens[i - 1]!.sentence !== tokens[i]!.sentence;
}

/**
 * Rule 5, first step: a one-word name (of any type) that is a title word right before another person's name
 * is part of that person's title ("Mr Justice" + "Anthony Mann", "Judge" + "Mara Quist", "Rep." +
 * "Gregory Meeks" typed MISC): no name of its own, it becomes the role.
 * Measured (overlap): MEANTIME dev PERSON P 50.5 → 50.3, R 72.1 → 71.6, F1 59.4 → 59.1 (the gold
 * annotates the title "Mr Justice" as a mention of its own, which "Justice" overlapped); CoNLL dev
 * and train unchanged.
 */
function titleRuns(runs: readonly TokenRun[], tokens: readonly RuleToken[], words: readonly RuleWord[]): readonly TokenRun[] {
  return filterRuns(runs, (run, k) => {
    const next = runs[k + 1];
    if (run.first !== run.last || next?.type !== PERSON || next.first !== run.last + 1) return true;
    return !(isPersonTitle(words, run.first) && tokens[next.first]!.sentence === tokens[run.first]!.sentence && tokens[next.first]!.start === tokens[run.first]!.end + 1);
  });
}

/** Rule 5: titles before a name make it a person, and become its role. */
function attachTitles(
  runs: readonly TokenRun[],
  tokens: readonly RuleToken[],
  words: readonly RuleWord[],
  caps: (s: number) => boolean,
): readonly NamedRun[] {
  // Most names follow a word that cannot end a role: then no run changes and no token map is needed.
  if (!runs.some((run) => mayFollowRole(run.first, tokens, words) && !caps(tokens[run.first]!.sentence))) return filterRuns(runs, (run) => run.last >= run.first);
  const owner = tokenOwners(runs, tokens.length);
  const out: NamedRun[] = runs.slice();
  out.forEach((run, k) => {
    if (caps(tokens[run.first]!.sentence)) return;
    const role = findRole(run.first, tokens, words, owner, k, out);
    if (!role) return;
    const mask = runMask(run, words);
    const nameLike = run.last - run.first < 3 && !(mask & (ORG_BITS | PLACE_BITS));
    const type = run.type !== PERSON && nameLike && isPersonTitle(words, role.last) ? PERSON : run.type;
    if (type === PERSON) out[k] = { first: run.first, last: run.last, type, role };
    else if (type !== run.type) out[k] = typed(run, type);
  });
  return out.filter((run) => run.last >= run.first);
}

/** `findRole`'s first step: may the word before token `first` be the last word of a role? */
function mayFollowRole(first: number, tokens: readonly RuleToken[], words: readonly RuleWord[]): boolean {
  const i = first - 1;
  if (i < 0 || tokens[i]!.sentence !== tokens[first]!.sentence) return false;
  const mask = words[i]!.gaz;
  if (mask & STOP_BITS) return false;
  return (mask & TITLE_BITS) !== 0 || (words[i]!.cap && !isSentenceStart(tokens, i));
}

function runMask(run: TokenRun, words: readonly RuleWord[]): number {
  let mask = 0;
  for (let i = run.first; i <= run.last; i++) mask |= words[i]!.gaz;
  return mask;
}

const PERSON_TITLE_BITS = gazBit('title') | gazBit('honorific');

/** Titles that only ever precede a person ("Mr.", "President", "Minister"), unlike "chief" or "head". */
function isPersonTitle(words: readonly RuleWord[], i: number): boolean {
  const word = words[i]!;
  return (word.gaz & PERSON_TITLE_BITS) !== 0 && word.cap;
}

/**
 * The title words right before token `first`: capitalized words and title words, with "of" inside
 * ("Secretary of State"), stopping at other names, nationalities and places. A MISC run made only of
 * a nationality plus title words ("South Korean Foreign Minister") gives up its title words.
 */
function findRole(
  first: number,
  tokens: readonly RuleToken[],
  words: readonly RuleWord[],
  owner: Int32Array,
  self: number,
  runs: NamedRun[],
): { first: number; last: number } | undefined {
  const sentence = tokens[first]!.sentence;
  let start = first;
  let hasTitle = false;
  for (let i = first - 1; i >= 0 && tokens[i]!.sentence === sentence; i--) {
    const text = tokens[i]!.text;
    const mask = words[i]!.gaz;
    if (mask & STOP_BITS) break;
    const isTitle = (mask & TITLE_BITS) !== 0;
    const isOf = text === 'of' && i + 1 < first && words[i + 1]!.cap && i > 0 && words[i - 1]!.cap;
    if (!isTitle && !isOf && !(words[i]!.cap && !isSentenceStart(tokens, i))) break;
    if (owner[i] !== -1 && owner[i] !== self) {
      // Title words swallowed by a nationality's MISC run ("South Korean Foreign Minister"): take them
      // back, but only when a nationality is left in that run.
      const other = runs[owner[i]!]!;
      const before = tokens[i - 1];
      if (ENTITY_TYPES[other.type] !== 'MISC' || other.first >= i || !before) break;
      if (!(words[i - 1]!.gaz & DEMONYM_BIT) && owner[i - 1] === owner[i]) {
        let j = i - 1;
        while (j > other.first && !(words[j]!.gaz & STOP_BITS)) j--;
        if (!(words[j]!.gaz & DEMONYM_BIT)) break;
      }
      runs[owner[i]!] = withLast(other, i - 1);
    }
    if (isTitle) hasTitle = true;
    start = i;
  }
  // A leading "of", or an acronym that is not a title ("US" in "US Secretary of State"), is not the role.
  while (
    start < first &&
    (tokens[start]!.text === 'of' || (/^[A-Z]{2,4}$/.test(tokens[start]!.text) && !(words[start]!.gaz & TITLE_BITS)))
  ) start++;
  return hasTitle && start < first ? { first: start, last: first - 1 } : undefined;
}

/** Company suffixes written with a period ("Corp.", "Bros."). */
const PERIOD_SUFFIX = /^(?:corp|inc|co|cos|ltd|bros|plc|bhd|pty|pte)\.$/i;
/** After the period, only closing quotes before the end of the line or text. */
const LINE_END = /^[ \t"'”’]{0,3}(?:\r?\n|$)/;

/**
 * Where an organization's name ends when its last word is an abbreviated company suffix: the period
 * of "Lear Corp." that also ends the sentence (at the end of its line) belongs to the sentence, as in
 * CoNLL's tokenization; elsewhere ("Lear Corp. said") it is part of the name.
 * @param text the document text
 * @param end the end offset of the name's last token
 * @param last the text of that token
 * @returns the end offset of the name
 */
export function companyNameEnd(text: string, end: number, last: string): number {
  return PERIOD_SUFFIX.test(last) && LINE_END.test(text.slice(end, end + 5)) ? end - 1 : end;
}

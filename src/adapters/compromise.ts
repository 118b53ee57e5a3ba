/**
 * The only module that talks to compromise. byline uses compromise's lexicon as a source of name
 * lists (gazetteers) for the name recognizer: first names, surnames, countries, cities, organizations…
 * The lists are read once at training time and baked into the model file, so annotating never loads
 * compromise and an upgrade of the library cannot silently change a trained model's features.
 */
import nlp from 'compromise';

/** Gazetteer categories read from compromise, keyed by our own category name. */
export type LexiconCategory =
  | 'first-name'
  | 'last-name'
  | 'person'
  | 'country'
  | 'city'
  | 'region'
  | 'organization'
  | 'sports-team'
  | 'demonym'
  | 'honorific'
  | 'role'
  | 'time'
  | 'common'
  | 'org-word'
  | 'place-word';

/** compromise tag → our category. Tags not listed are ignored. */
const TAG_CATEGORY: Readonly<Record<string, LexiconCategory>> = {
  FirstName: 'first-name',
  MaleName: 'first-name',
  FemaleName: 'first-name',
  LastName: 'last-name',
  Person: 'person',
  Country: 'country',
  City: 'city',
  Region: 'region',
  Place: 'region',
  Organization: 'organization',
  SportsTeam: 'sports-team',
  Demonym: 'demonym',
  Honorific: 'honorific',
  Actor: 'role',
  Month: 'time',
  WeekDay: 'time',
  Date: 'time',
  Duration: 'time',
  // Ordinary words: a capitalized one at the start of a sentence is most likely not a name.
  Adjective: 'common',
  Adverb: 'common',
  Comparative: 'common',
  Superlative: 'common',
  Gerund: 'common',
  PastTense: 'common',
  PresentTense: 'common',
  Infinitive: 'common',
  Participle: 'common',
  Preposition: 'common',
  Conjunction: 'common',
  Determiner: 'common',
  Pronoun: 'common',
  Possessive: 'common',
  Modal: 'common',
  Copula: 'common',
  QuestionWord: 'common',
  Singular: 'common',
  Plural: 'common',
  Uncountable: 'common',
};

interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]> };
  two: { orgWords?: Record<string, unknown>; placeWords?: Record<string, unknown> };
}

/**
 * Lowercase entries of compromise's lexicon grouped by category, each list sorted so the result is
 * deterministic. Multi-word entries ("new york") keep their single spaces.
 */
export function lexiconGazetteer(): Record<LexiconCategory, string[]> {
  const model = (nlp as unknown as { model(): CompromiseModel }).model();
  const sets = new Map<LexiconCategory, Set<string>>();
  const add = (category: LexiconCategory, word: string): void => {
    let set = sets.get(category);
    if (!set) sets.set(category, (set = new Set()));
    set.add(word.toLowerCase());
  };
  for (const [word, tags] of Object.entries(model.one.lexicon)) {
    for (const tag of Array.isArray(tags) ? tags : [tags]) {
      const category = TAG_CATEGORY[tag];
      if (category) add(category, word);
    }
  }
  for (const word of Object.keys(model.two.orgWords ?? {})) add('org-word', word);
  for (const word of Object.keys(model.two.placeWords ?? {})) add('place-word', word);
  const result = {} as Record<LexiconCategory, string[]>;
  for (const category of new Set(Object.values(TAG_CATEGORY)).add('org-word').add('place-word')) {
    result[category] = [...(sets.get(category) ?? [])].sort();
  }
  return result;
}

import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../src/ner/gazetteer.js';
import { applyPostRules, companyNameEnd } from '../../src/ner/post-rules.js';
import { ENTITY_TYPES, type TokenRun } from '../../src/ner/tags.js';

const ORG = ENTITY_TYPES.indexOf('ORGANIZATION');
const PER = ENTITY_TYPES.indexOf('PERSON');
const LOC = ENTITY_TYPES.indexOf('LOCATION');
const MISC = ENTITY_TYPES.indexOf('MISC');

/** Space-separated hand-written tokens, one sentence. */
function tokenize(text: string): { text: string; start: number; end: number; sentence: number }[] {
  let offset = 0;
  return text.split(' ').map((word) => {
    const token = { text: word, start: offset, end: offset + word.length, sentence: 0 };
    offset += word.length + 1;
    return token;
  });
}

function names(text: string, runs: TokenRun[], gazetteer = new Gazetteer({})): string[] {
  const tokens = tokenize(text);
  return applyPostRules(runs, tokens, gazetteer, () => false).map(
    (run) => `${ENTITY_TYPES[run.type]} ${tokens.slice(run.first, run.last + 1).map((t) => t.text).join(' ')}`,
  );
}

describe('recognize-names post-rules', () => {
  it.each([
    ['a code after the club', 'Zorka 2 Kolubara ( V ) 0', [{ first: 0, last: 0, type: ORG }, { first: 2, last: 2, type: ORG }, { first: 4, last: 5, type: ORG }], ['ORGANIZATION Zorka', 'ORGANIZATION Kolubara ( V )']],
    ['a code the tagger kept', 'Kolubara ( VA ) 4 2 1 1', [{ first: 0, last: 3, type: ORG }], ['ORGANIZATION Kolubara ( VA )']],
  ])('should keep a club\'s town code in a results line: %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it.each([
    ['no number after it', 'Kolubara ( V ) said so', [{ first: 0, last: 0, type: ORG }], ['ORGANIZATION Kolubara']],
    ['a person', 'Smith ( R ) 4', [{ first: 0, last: 0, type: PER }], ['PERSON Smith']],
    ['a long code', 'Kolubara ( ABCD ) 4', [{ first: 0, last: 0, type: ORG }], ['ORGANIZATION Kolubara']],
  ])('should not take a parenthesis into the name: %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it.each([
    ['Lear Corp.\n\nNext', 'Corp.', 9],
    ['Lear Corp.', 'Corp.', 9],
    ['Lear Corp. "\n', 'Corp.', 9],
    ['Lear Corp. said', 'Corp.', 10],
    ['Lear Corp. "We', 'Corp.', 10],
    ['Lear Motor.\n', 'Motor.', 11],
  ])('should end the company name in %j (last word %s) at %i', (text, last, expected) => {
    const end = text.indexOf(last) + last.length;
    expect(companyNameEnd(text, end, last)).toBe(expected);
  });

  it.each([
    ['"Bay of" and a name', 'ships crossed the Bay of Varnos in June', [{ first: 3, last: 5, type: ORG }], ['LOCATION Bay of Varnos']],
    ['"Gulf of" and a name', 'oil spilled into the Gulf of Tarra', [{ first: 4, last: 6, type: MISC }], ['LOCATION Gulf of Tarra']],
    ['"Lake" and a name', 'a boat sank on Lake Orvel', [{ first: 4, last: 5, type: PER }], ['LOCATION Lake Orvel']],
    ['"Mount" and a name', 'climbers reached Mount Keldar', [{ first: 2, last: 3, type: PER }], ['LOCATION Mount Keldar']],
    ['a sea', 'storms in the Varnian Sea', [{ first: 3, last: 4, type: ORG }], ['LOCATION Varnian Sea']],
    ['a river', 'the Oskel River flooded', [{ first: 1, last: 2, type: ORG }], ['LOCATION Oskel River']],
    ['islands', 'flights to the Tarran Islands', [{ first: 3, last: 4, type: ORG }], ['LOCATION Tarran Islands']],
  ])('should type a geographic feature as a place: %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it.each([
    ['an organization named after a mountain', 'patients at Mount Keldar Hospital', [{ first: 2, last: 4, type: ORG }], ['ORGANIZATION Mount Keldar Hospital']],
    ['a company opening with "Bay"', 'shares of Bay Networks rose', [{ first: 2, last: 3, type: ORG }], ['ORGANIZATION Bay Networks']],
    ['a team ending in "Bay"', 'Tarrow Bay beat Oskel 3-1', [{ first: 0, last: 1, type: ORG }, { first: 3, last: 3, type: ORG }], ['ORGANIZATION Tarrow Bay', 'ORGANIZATION Oskel']],
    ['a club opening with "River"', 'River Oskel won 2-0', [{ first: 0, last: 1, type: ORG }], ['ORGANIZATION River Oskel']],
  ])('should leave names that only contain a geographic word: %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it.each([
    ['a city and a date', 'VALDORIA 1996-08-31', [{ first: 0, last: 0, type: ORG }], ['LOCATION VALDORIA']],
    ['a city, a region and a date', 'PORT ELLA , Marenland 1996-08-31', [{ first: 0, last: 1, type: ORG }, { first: 3, last: 3, type: LOC }], ['LOCATION PORT ELLA', 'LOCATION Marenland']],
    ['an all-capitals city and a dash', 'VALDORIA — Officials met', [{ first: 0, last: 0, type: ORG }], ['LOCATION VALDORIA']],
  ])('should type the name opening a dateline as a place: %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it.each([
    ['a headline topic before a hyphen', 'RUGBY UNION - SPRINGBOKS WIN', [{ first: 0, last: 1, type: ORG }], ['ORGANIZATION RUGBY UNION']],
    ['a date that does not end the line', 'Valdoria 1996-08-31 results', [{ first: 0, last: 0, type: ORG }], ['ORGANIZATION Valdoria']],
    ['a name in mixed case before a dash', 'Valdoria — the club', [{ first: 0, last: 0, type: ORG }], ['ORGANIZATION Valdoria']],
  ])('should leave an organization alone: %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it.each([
    ['a person "of" a company stays a person', 'analyst Mara Quist of Tellen Securities Inc. said', [{ first: 1, last: 2, type: PER }, { first: 4, last: 6, type: ORG }], ['PERSON Mara Quist', 'ORGANIZATION Tellen Securities Inc.']],
    ['a place "of" a company joins it', 'Northwind Mining of Ghana Ltd rose', [{ first: 0, last: 1, type: ORG }, { first: 3, last: 4, type: ORG }], ['ORGANIZATION Northwind Mining of Ghana Ltd']],
    ['a suffix tagged alone joins the name', 'said Varesi SpA chairman', [{ first: 1, last: 1, type: PER }, { first: 2, last: 2, type: ORG }], ['ORGANIZATION Varesi SpA']],
    ['a suffix left out joins the name, which is then a company throughout', 'Varesi Ltd rose and Varesi fell', [{ first: 0, last: 0, type: PER }, { first: 4, last: 4, type: PER }], ['ORGANIZATION Varesi Ltd', 'ORGANIZATION Varesi']],
    ['an untagged owner\'s name before "\'s" joins the name', "shares of Tellen 's Bancshares Inc. fell", [{ first: 4, last: 5, type: ORG }], ["ORGANIZATION Tellen 's Bancshares Inc."]],
    ['"X & Co." makes "X" alone the company', 'Varesi & Co. rose and Varesi fell', [{ first: 0, last: 2, type: ORG }, { first: 5, last: 5, type: PER }], ['ORGANIZATION Varesi & Co.', 'ORGANIZATION Varesi']],
    ['"X and Co." too', 'Varesi and Co. rose and Varesi fell', [{ first: 0, last: 2, type: ORG }, { first: 5, last: 5, type: PER }], ['ORGANIZATION Varesi and Co.', 'ORGANIZATION Varesi']],
  ])('should join company names: %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it.each([
    ['a listed organization', 'Tellen said profits rose', [{ first: 0, last: 0, type: PER }], ['ORGANIZATION Tellen']],
    ['the first word of a longer organization', 'Quill Computer said on Monday that Quill will sell', [{ first: 0, last: 1, type: ORG }, { first: 6, last: 6, type: PER }], ['ORGANIZATION Quill Computer', 'ORGANIZATION Quill']],
  ])('should type a one-word "person" that names an organization as that organization (rule 2c): %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ organization: ['tellen'] }))).toEqual(expected);
  });

  it.each([
    ['a word of a longer person\'s name', 'Tellen said that Mara Tellen will retire', [{ first: 0, last: 0, type: PER }, { first: 3, last: 4, type: PER }], ['PERSON Tellen', 'PERSON Mara Tellen']],
    ['a listed surname', 'Quist Motors said that Quist will retire', [{ first: 0, last: 1, type: ORG }, { first: 4, last: 4, type: PER }], ['ORGANIZATION Quist Motors', 'PERSON Quist']],
  ])('should leave a one-word person alone (rule 2c): %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ organization: ['tellen'], 'last-name': ['quist'] }))).toEqual(expected);
  });

  it('should leave a place tagged before "\'s" out of the company\'s name', () => {
    expect(names("Valdoria 's Tellen Bancshares Inc. said profits rose", [{ first: 0, last: 0, type: LOC }, { first: 2, last: 4, type: ORG }])).toEqual(['LOCATION Valdoria', 'ORGANIZATION Tellen Bancshares Inc.']);
  });

  it('should leave a country before "\'s" out of the company\'s name', () => {
    expect(names("shares of Valdoria 's Bancshares Inc. fell", [{ first: 4, last: 5, type: ORG }], new Gazetteer({ country: ['valdoria'] }))).toEqual(['ORGANIZATION Bancshares Inc.']);
  });

  it.each([
    ['an agreement and its acronym', 'the Harbour Fishing Agreement ( HFA ) expires ; HFA talks', [{ first: 1, last: 3, type: ORG }, { first: 5, last: 5, type: ORG }, { first: 9, last: 9, type: ORG }], ['MISC Harbour Fishing Agreement', 'MISC HFA', 'MISC HFA']],
    ['a treaty', 'the Treaty of Valdoria was signed', [{ first: 1, last: 3, type: ORG }], ['MISC Treaty of Valdoria']],
    ['a picture credit', 'Mara Quist ( Photos from Kestrel )', [{ first: 0, last: 1, type: PER }, { first: 3, last: 3, type: ORG }, { first: 5, last: 5, type: ORG }], ['PERSON Mara Quist', 'ORGANIZATION Kestrel']],
  ])('should type documents and credits: %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  const makers = new Gazetteer({ organization: ['airbus', 'dow jones'] });
  it.each([
    ['named on its own', 'the contract went to Airbus .', [{ first: 4, last: 4, type: MISC }], ['ORGANIZATION Airbus']],
    ['before a common noun', 'the main Airbus factory', [{ first: 2, last: 2, type: MISC }], ['ORGANIZATION Airbus']],
    ['before a model number', 'an Airbus A330 landed', [{ first: 1, last: 1, type: MISC }], ['MISC Airbus']],
    ['before an index word', 'the Dow Jones industrial average fell', [{ first: 1, last: 2, type: MISC }], ['MISC Dow Jones']],
    ['not on the list', 'the contract went to Acme .', [{ first: 4, last: 4, type: MISC }], ['MISC Acme']],
  ])('should type a listed organization tagged MISC as the organization: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, makers)).toEqual(expected);
  });

  it.each([
    ['after a listed maker', 'a Ford Taurus crashed', [{ first: 1, last: 1, type: ORG }, { first: 2, last: 2, type: PER }], ['ORGANIZATION Ford', 'MISC Taurus']],
    ['after an unlisted organization (a given name the tagger took for one: rule 1i)', 'Cuauhtemoc Blanco scored', [{ first: 0, last: 0, type: ORG }, { first: 1, last: 1, type: PER }], ['PERSON Cuauhtemoc Blanco']],
    ['with a word between', 'Ford chief Smith spoke', [{ first: 0, last: 0, type: ORG }, { first: 2, last: 2, type: PER }], ['ORGANIZATION Ford', 'PERSON Smith']],
  ])('should type a one-word person right after a listed maker as its product: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ organization: ['ford'] }))).toEqual(expected);
  });

  it.each([
    ['a car', 'The Taurus was discontinued', [{ first: 1, last: 1, type: PER }], ['MISC Taurus']],
    ['a band (a plural: a group of people), lower-case article', 'we love the Beatles', [{ first: 3, last: 3, type: PER }], ['ORGANIZATION Beatles']],
    ['a team', 'a win for the Mariners', [{ first: 4, last: 4, type: PER }], ['ORGANIZATION Mariners']],
    ['a singular in "-us"', 'the Taurus sold well', [{ first: 1, last: 1, type: PER }], ['MISC Taurus']],
    ['a family (a listed last name, plural)', 'guests of the Kennedys', [{ first: 3, last: 3, type: PER }], ['PERSON Kennedys']],
    ['a name as a modifier', 'the Clinton administration said', [{ first: 1, last: 1, type: PER }], ['PERSON Clinton']],
    ['no article', 'Taurus said so', [{ first: 0, last: 0, type: PER }], ['PERSON Taurus']],
    ['a two-word run', 'the Young Turks', [{ first: 1, last: 2, type: PER }], ['PERSON Young Turks']],
  ])('should type a one-word person right after "the" as a thing, unless it is a known name: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ 'last-name': ['kennedy', 'clinton'] }))).toEqual(expected);
  });

  it.each([
    ['an airline', 'Aer Lingus will buy', [{ first: 0, last: 0, type: PER }, { first: 1, last: 1, type: ORG }], ['ORGANIZATION Aer Lingus']],
    ['a longer organization', 'All Nippon Airways flies', [{ first: 0, last: 0, type: PER }, { first: 1, last: 2, type: ORG }], ['ORGANIZATION All Nippon Airways']],
    ['a two-word person', 'Mara Quist Tellen Group', [{ first: 0, last: 1, type: PER }, { first: 2, last: 3, type: ORG }], ['PERSON Mara Quist', 'ORGANIZATION Tellen Group']],
    ['a comma between', 'Quist , Tellen Group', [{ first: 0, last: 0, type: PER }, { first: 2, last: 3, type: ORG }], ['PERSON Quist', 'ORGANIZATION Tellen Group']],
    ['a place after the person', 'Quist Valdoria', [{ first: 0, last: 0, type: PER }, { first: 1, last: 1, type: LOC }], ['PERSON Quist', 'LOCATION Valdoria']],
    ['the rest of a person named elsewhere', 'Aung Tel Quist ; Quist said', [{ first: 0, last: 0, type: PER }, { first: 1, last: 2, type: ORG }, { first: 4, last: 4, type: PER }], ['PERSON Aung', 'ORGANIZATION Tel Quist', 'PERSON Quist']],
    ['a listed given name and no organization word', 'Mara Quist said', [{ first: 0, last: 0, type: PER }, { first: 1, last: 1, type: ORG }], ['PERSON Mara', 'ORGANIZATION Quist']],
    ['a listed given name and an organization word', 'Mara Quist University said', [{ first: 0, last: 0, type: PER }, { first: 1, last: 2, type: ORG }], ['ORGANIZATION Mara Quist University']],
  ])('should join a one-word person to the organization right after it: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ 'first-name': ['mara'], 'org-head': ['university'] }))).toEqual(expected);
  });

  it.each([
    ['"Air" and a place', 'the Air Valdoria order', [{ first: 1, last: 1, type: ORG }, { first: 2, last: 2, type: MISC }], ['ORGANIZATION Air Valdoria']],
    ['a people and "Air"', 'Valdorian Air bought jets', [{ first: 0, last: 0, type: MISC }, { first: 1, last: 1, type: ORG }], ['ORGANIZATION Valdorian Air']],
    ['a people and "Airways"', 'a Valdorian Airways International tug', [{ first: 1, last: 1, type: MISC }, { first: 2, last: 3, type: ORG }], ['ORGANIZATION Valdorian Airways International']],
    ['an air force', 'the Valdoria Air Force', [{ first: 1, last: 1, type: LOC }, { first: 2, last: 3, type: ORG }], ['LOCATION Valdoria', 'ORGANIZATION Air Force']],
  ])('should join the parts of an airline\'s name: %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it.each([
    ['an organization named alone elsewhere', 'Tellen Computer sued ; Tellen won', [{ first: 0, last: 0, type: ORG }, { first: 1, last: 1, type: PER }, { first: 4, last: 4, type: ORG }], ['ORGANIZATION Tellen Computer', 'ORGANIZATION Tellen']],
    ['an unknown given name', 'Kobus Wiese scored', [{ first: 0, last: 0, type: ORG }, { first: 1, last: 1, type: PER }], ['PERSON Kobus Wiese']],
    ['a place word', 'River Rouge Plant', [{ first: 0, last: 0, type: ORG }, { first: 1, last: 1, type: PER }], ['LOCATION River Rouge Plant']],
    ['a compass point', 'East Stirling won', [{ first: 0, last: 0, type: ORG }, { first: 1, last: 1, type: PER }], ['ORGANIZATION East Stirling']],
    ['a listed maker and its product', 'a Ford Taurus crashed', [{ first: 1, last: 1, type: ORG }, { first: 2, last: 2, type: PER }], ['ORGANIZATION Ford', 'MISC Taurus']],
    ['a comma between', 'Tellen , Wiese', [{ first: 0, last: 0, type: ORG }, { first: 2, last: 2, type: PER }], ['ORGANIZATION Tellen', 'PERSON Wiese']],
    ['an organization after "the"', 'Speaker of the Chamber Quist said', [{ first: 3, last: 3, type: ORG }, { first: 4, last: 4, type: PER }], ['ORGANIZATION Chamber', 'PERSON Quist']],
    ['a title', 'Valdor Mayor Mara Quist', [{ first: 0, last: 0, type: ORG }, { first: 1, last: 1, type: PER }], ['ORGANIZATION Valdor', 'PERSON Mayor']],
    ['a surname the document gives a person elsewhere', 'Tellen Quist spoke ; Tellen left ; Quist said', [{ first: 0, last: 0, type: ORG }, { first: 1, last: 1, type: PER }, { first: 4, last: 4, type: ORG }, { first: 7, last: 7, type: PER }], ['PERSON Tellen Quist', 'PERSON Tellen', 'PERSON Quist']],
    ['a word alone a place elsewhere', 'Valdor Panthers won ; in Valdor', [{ first: 0, last: 0, type: ORG }, { first: 1, last: 1, type: PER }, { first: 5, last: 5, type: LOC }], ['ORGANIZATION Valdor Panthers', 'LOCATION Valdor']],
    ['a word the tagger more often calls a person alone', 'Juan and Elian Quist ; Elian said ; Elian left', [{ first: 2, last: 2, type: ORG }, { first: 3, last: 3, type: PER }, { first: 5, last: 5, type: PER }, { first: 8, last: 8, type: ORG }], ['PERSON Elian Quist', 'PERSON Elian', 'PERSON Elian']],
  ])('should join a one-word organization and a one-word person side by side: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ organization: ['ford'], 'place-word': ['river'], title: ['mayor'] }))).toEqual(expected);
  });

  it('should not join a person to an organization in a headline written in capitals', () => {
    const tokens = tokenize('QUIST MOVES TO TELLEN');
    const runs = [{ first: 0, last: 0, type: PER }, { first: 1, last: 1, type: ORG }, { first: 3, last: 3, type: ORG }];
    const out = applyPostRules(runs, tokens, new Gazetteer({}), () => true).map((run) => `${ENTITY_TYPES[run.type]} ${run.first}-${run.last}`);
    expect(out).toEqual(['PERSON 0-0', 'ORGANIZATION 1-1', 'ORGANIZATION 3-3']);
  });

  it('should drop a word glued to a number (a unit or model suffix)', () => {
    const text = 'a 4GB iPhone 3GS';
    const tokens = [
      { text: 'a', start: 0, end: 1, sentence: 0 }, { text: '4', start: 2, end: 3, sentence: 0 }, { text: 'GB', start: 3, end: 5, sentence: 0 },
      { text: 'iPhone', start: 6, end: 12, sentence: 0 }, { text: '3', start: 13, end: 14, sentence: 0 }, { text: 'GS', start: 14, end: 16, sentence: 0 },
    ];
    expect(tokens.every((token) => text.slice(token.start, token.end) === token.text)).toBe(true);
    const runs = [{ first: 2, last: 2, type: ORG }, { first: 5, last: 5, type: ORG }];
    expect(applyPostRules(runs, tokens, new Gazetteer({}), () => false)).toEqual([]);
  });

  it.each([
    ['a common-noun acronym', 'the SDK lets developers in', [{ first: 1, last: 1, type: ORG }], []],
    ['a plural one', 'sales of PCs fell', [{ first: 2, last: 2, type: ORG }], []],
    ['a job title', 'company CEO Mara Quist said', [{ first: 1, last: 1, type: ORG }, { first: 2, last: 3, type: PER }], ['PERSON Mara Quist']],
    ['a job title with periods', 'as Tellen ’s C.E.O. , I', [{ first: 1, last: 1, type: ORG }, { first: 3, last: 3, type: ORG }], ['ORGANIZATION Tellen']],
    ['an acronym inside a longer name', 'Asian Star TV said', [{ first: 0, last: 2, type: ORG }], ['ORGANIZATION Asian Star TV']],
    ['a time zone after a clock time', 'at 16:00 UTC today', [{ first: 2, last: 2, type: ORG }], ['MISC UTC']],
    ['a time zone with no number before it', 'the UTC said', [{ first: 1, last: 1, type: ORG }], ['ORGANIZATION UTC']],
    ['a number before a name, with a space', 'the 2 Tellen Group units', [{ first: 2, last: 3, type: ORG }], ['ORGANIZATION Tellen Group']],
    ['a currency code after an amount', 'it costs $ 249 USD each', [{ first: 4, last: 4, type: ORG }], []],
    ['a currency code in parentheses after an amount', 'it costs $ 99 ( USD ) to join', [{ first: 5, last: 5, type: ORG }], []],
    ['a currency code before an amount', 'priced at EUR 20 each', [{ first: 2, last: 2, type: ORG }], []],
    ['a currency code with no amount (an acronym of a name)', 'the USD said', [{ first: 1, last: 1, type: ORG }], ['ORGANIZATION USD']],
    ['a chapter of a law and its number', 'it filed for Chapter 11 protection', [{ first: 3, last: 3, type: ORG }], ['MISC Chapter 11']],
    ['a chapter the tagger took with its number', 'it filed for Chapter 11 protection', [{ first: 3, last: 4, type: MISC }], ['MISC Chapter 11']],
    ['a word that names a part of a text, with no number', 'Article said so', [{ first: 0, last: 0, type: ORG }], ['ORGANIZATION Article']],
    ['a year alone', 'for the 2010 Valdor Games', [{ first: 2, last: 2, type: ORG }, { first: 3, last: 4, type: MISC }], ['MISC Valdor Games']],
    ['a model code alone', 'The Q380 , known as', [{ first: 1, last: 1, type: LOC }], ['MISC Q380']],
    ['a model code with a hyphen and a plural', 'bought two KC-30s today', [{ first: 2, last: 2, type: ORG }], ['MISC KC-30s']],
    ['an age group', 'in the U-21 final', [{ first: 2, last: 2, type: LOC }], ['LOCATION U-21']],
  ])('should tell units and codes from names: %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it.each([
    ['a model', 'the iPod Nano comes in white', [{ first: 2, last: 2, type: ORG }], ['MISC iPod Nano']],
    ['a service', 'sold on the iTunes Music Store today', [{ first: 4, last: 5, type: PER }], ['MISC iTunes Music Store']],
    ['a word with more capitals', 'the IPOD Nano', [{ first: 2, last: 2, type: ORG }], ['ORGANIZATION Nano']],
    ['a name not right after the brand', 'iPod sales at Tellen Group rose', [{ first: 3, last: 4, type: ORG }], ['ORGANIZATION Tellen Group']],
  ])('should type a name right after an "iPod"-style brand as its product: %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it.each([
    ['an abbreviation before a noun', 'the US government asked', [{ first: 1, last: 1, type: ORG }], ['LOCATION US']],
    ['a listed country before a noun', 'Valdoria automakers rose', [{ first: 0, last: 0, type: ORG }], ['LOCATION Valdoria']],
    ['a capitalized word after it (an organization named after the country)', 'the US Treasury said', [{ first: 1, last: 2, type: ORG }], ['ORGANIZATION US Treasury']],
    ['a verb-less end of sentence', 'sold to the US .', [{ first: 3, last: 3, type: ORG }], ['ORGANIZATION US']],
    ['an organization that is not a country', 'Tellen shares rose', [{ first: 0, last: 0, type: ORG }], ['ORGANIZATION Tellen']],
  ])('should type a country modifying a lower-case noun as the place: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ country: ['valdoria'] }))).toEqual(expected);
  });

  it.each([
    ['a maker of aircraft', 'the home of Tellen Aircraft and Tellen Aircraft workers', [{ first: 3, last: 4, type: PER }, { first: 6, last: 7, type: PER }], ['ORGANIZATION Tellen Aircraft', 'ORGANIZATION Tellen Aircraft']],
    ['a bank named for a city, which stays a city alone', 'Valdor Mutual left Valdor', [{ first: 0, last: 1, type: PER }, { first: 3, last: 3, type: LOC }], ['ORGANIZATION Valdor Mutual', 'LOCATION Valdor']],
    ['a one-word run', 'Mutual said', [{ first: 0, last: 0, type: PER }], ['PERSON Mutual']],
    ['a place ending in "Bank"', 'the West Bank town', [{ first: 1, last: 2, type: LOC }], ['LOCATION West Bank']],
  ])('should type a name ending in an organization word as an organization: %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it.each([
    ['a dating adjective, carried to the other mentions', 'Falcon sales : the current Falcon and Falcon buyers', [{ first: 0, last: 0, type: PER }, { first: 5, last: 5, type: PER }, { first: 7, last: 7, type: PER }], ['MISC Falcon', 'MISC Falcon', 'MISC Falcon']],
    ['an apposition calling it a version', 'buzzing about Marlin , the newest version of Tellen OS', [{ first: 2, last: 2, type: PER }, { first: 8, last: 9, type: ORG }], ['MISC Marlin', 'ORGANIZATION Tellen OS']],
    ['an apposition calling it a code name', 'Marlin , the code name for this release', [{ first: 0, last: 0, type: PER }], ['MISC Marlin']],
    ['right after a name in capitals, with no other evidence', 'Speaker of the House Newt Quist said', [{ first: 3, last: 4, type: ORG }, { first: 5, last: 5, type: PER }], ['ORGANIZATION House Newt', 'PERSON Quist']],
    ['an apposition about a person', 'Quist , the new chief of Tellen', [{ first: 0, last: 0, type: PER }, { first: 6, last: 6, type: ORG }], ['PERSON Quist', 'ORGANIZATION Tellen']],
    ['a known name', 'the new Smith said', [{ first: 2, last: 2, type: PER }], ['PERSON Smith']],
    ['a word of a full name in the document', 'Mara Quist met the new Quist', [{ first: 0, last: 1, type: PER }, { first: 5, last: 5, type: PER }], ['PERSON Mara Quist', 'PERSON Quist']],
    ['a capitalized adjective (a title)', 'the New Quist', [{ first: 2, last: 2, type: PER }], ['PERSON Quist']],
    ['after a person\'s name', 'James Quist III said', [{ first: 0, last: 1, type: PER }, { first: 2, last: 2, type: PER }], ['PERSON James Quist', 'PERSON III']],
    ['after a name with a lower-case word', 'Speaker of the House Quist said', [{ first: 3, last: 3, type: ORG }, { first: 4, last: 4, type: PER }], ['ORGANIZATION House', 'PERSON Quist']],
  ])('should type a one-word person that the text calls a release of a product as that product: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ 'last-name': ['smith'] }))).toEqual(expected);
  });

  it.each([
    ['a website', 'Tellen.com quoted him', [{ first: 0, last: 0, type: PER }], ['ORGANIZATION Tellen.com']],
    ['a word going on after "com"', 'Tellen.com2 quoted him', [{ first: 0, last: 0, type: PER }], ['PERSON Tellen']],
    ['a period with a space', 'Tellen . com', [{ first: 0, last: 0, type: PER }], ['PERSON Tellen']],
  ])('should type a name glued to ".com" as a website: %s', (_case, text, runs, expected) => {
    const tokens: { text: string; start: number; end: number; sentence: number }[] = [];
    for (const match of text.matchAll(/[A-Za-z]+|[.]|\S/g)) tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length, sentence: 0 });
    expect(applyPostRules(runs, tokens, new Gazetteer({}), () => false).map((run) => `${ENTITY_TYPES[run.type]} ${text.slice(tokens[run.first]!.start, tokens[run.last]!.end)}`)).toEqual(expected);
  });

  it.each([
    ['an operating system, everywhere', 'the Tellen OS operating system ; Tellen OS users', [{ first: 1, last: 2, type: ORG }, { first: 6, last: 7, type: ORG }], ['MISC Tellen OS', 'MISC Tellen OS']],
    ['a web browser', 'the Marlin web browser', [{ first: 1, last: 1, type: ORG }], ['MISC Marlin']],
    ['the maker, with the software named after', 'the Tellen operating system Marlin OS', [{ first: 1, last: 1, type: ORG }, { first: 4, last: 5, type: MISC }], ['ORGANIZATION Tellen', 'MISC Marlin OS']],
    ['a listed organization', 'the Airbus operating system', [{ first: 1, last: 1, type: ORG }], ['ORGANIZATION Airbus']],
    ['a place', 'the Valdoria browser wars', [{ first: 1, last: 1, type: LOC }], ['LOCATION Valdoria']],
    ['no software noun', 'the Tellen system', [{ first: 1, last: 1, type: ORG }], ['ORGANIZATION Tellen']],
  ])('should type a name followed by "operating system" or "browser" as the software: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ organization: ['airbus'] }))).toEqual(expected);
  });

  const products = new Gazetteer({ organization: ['tellen'], city: ['valdor'], 'first-name': ['henry'] });
  it.each([
    ['a version numeral, everywhere', 'the Marlin OS X update ; Marlin OS X users', [{ first: 1, last: 3, type: ORG }, { first: 6, last: 8, type: ORG }], ['MISC Marlin OS X', 'MISC Marlin OS X']],
    ['a version numeral before a release name', 'will replace Marlin OS X Pike soon', [{ first: 2, last: 5, type: ORG }], ['MISC Marlin OS X Pike']],
    ['a rocket\'s numeral', 'the Pike IV rocket', [{ first: 1, last: 2, type: ORG }], ['MISC Pike IV']],
    ['after an organization\'s possessive', "rivals like Quill 's Marlin phone", [{ first: 2, last: 2, type: ORG }, { first: 4, last: 4, type: ORG }], ['ORGANIZATION Quill', 'MISC Marlin']],
    ['after a listed maker\'s possessive, carried to the other mentions', "bought from Tellen 's Pike Store . The Pike Store has", [{ first: 2, last: 2, type: ORG }, { first: 4, last: 5, type: ORG }, { first: 8, last: 9, type: ORG }], ['ORGANIZATION Tellen', 'MISC Pike Store', 'MISC Pike Store']],
    ['after a listed maker and a model number', 'bought 60 new Tellen 787 Marlin aircraft', [{ first: 3, last: 3, type: ORG }, { first: 5, last: 5, type: ORG }], ['MISC Tellen', 'MISC Marlin']],
    ['a listed maker and a model code', 'five Tellen 737s and a Tellen A330', [{ first: 1, last: 1, type: ORG }, { first: 5, last: 5, type: ORG }], ['MISC Tellen', 'MISC Tellen']],
    ['a version number before "web browser"', 'the new Marlin 4.0 web browser', [{ first: 2, last: 2, type: ORG }], ['MISC Marlin']],
    ['right after "browser"', 'the web browser Marlin , and', [{ first: 3, last: 3, type: ORG }], ['MISC Marlin']],
    ['a product noun after it', 'a lineup of Marlin Air laptops ; the Marlin Air sold', [{ first: 3, last: 4, type: ORG }, { first: 8, last: 9, type: ORG }], ['MISC Marlin Air', 'MISC Marlin Air']],
    ['the abbreviation of "operating system"', 'new features in the OS .', [{ first: 4, last: 4, type: ORG }], []],
  ])('should type a name the text shows to be a product as MISC: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, products)).toEqual(expected);
  });

  it.each([
    ['a line with a model word, a location alone', 'the Marlin Pro ships ; Marlin sales rose', [{ first: 1, last: 2, type: MISC }, { first: 5, last: 5, type: LOC }], ['MISC Marlin Pro', 'MISC Marlin']],
    ['a line with a version numeral, an organization alone', 'back to the Marlin . Marlin OS X users', [{ first: 3, last: 3, type: ORG }, { first: 5, last: 7, type: MISC }], ['MISC Marlin', 'MISC Marlin OS X']],
    ['an event named after a listed city', 'the Valdor Games ; Valdor hosts', [{ first: 1, last: 2, type: MISC }, { first: 4, last: 4, type: LOC }], ['MISC Valdor Games', 'LOCATION Valdor']],
    ['a model of a listed maker', 'the Tellen Pro ; Tellen rose', [{ first: 1, last: 2, type: MISC }, { first: 4, last: 4, type: ORG }], ['MISC Tellen Pro', 'ORGANIZATION Tellen']],
    ['no model word', 'the Shora Block ; Shora area', [{ first: 1, last: 2, type: MISC }, { first: 4, last: 4, type: LOC }], ['MISC Shora Block', 'LOCATION Shora']],
    ['a maker the document writes with a possessive', "Quill 's Quill Mini ; Quill rose", [{ first: 0, last: 0, type: ORG }, { first: 2, last: 3, type: MISC }, { first: 5, last: 5, type: ORG }], ['ORGANIZATION Quill', 'MISC Quill Mini', 'ORGANIZATION Quill']],
  ])('should give a product line the type of its models (rule 2g): %s', (_case, text, runs, expected) => {
    expect(names(text, runs, products)).toEqual(expected);
  });

  it.each([
    ['a plant', 'at the Arnby Truck Plant today', [{ first: 2, last: 4, type: ORG }], ['LOCATION Arnby Truck Plant']],
    ['a factory the tagger took for a person', 'built at the Marlow Factory near Arnby', [{ first: 3, last: 4, type: PER }, { first: 6, last: 6, type: LOC }], ['LOCATION Marlow Factory', 'LOCATION Arnby']],
    ['a plant and its town in one name', '* Arnby Assembly Plant of Arnby , Valdoria', [{ first: 1, last: 5, type: ORG }, { first: 7, last: 7, type: LOC }], ['LOCATION Arnby Assembly Plant', 'LOCATION Arnby', 'LOCATION Valdoria']],
    ['a plant and the town after it', '* Arnby Truck Plant of Marlow , Valdoria', [{ first: 1, last: 3, type: ORG }, { first: 5, last: 5, type: PER }, { first: 7, last: 7, type: LOC }], ['LOCATION Arnby Truck Plant', 'LOCATION Marlow', 'LOCATION Valdoria']],
    ['a facility word the tagger left out', '* Arn Rouge Plant of Marlow', [{ first: 1, last: 2, type: ORG }, { first: 5, last: 5, type: LOC }], ['LOCATION Arn Rouge Plant', 'LOCATION Marlow']],
    ['an assembly plant named after its town', '* Marlow Assembly of Marlow , Valdoria', [{ first: 1, last: 2, type: ORG }, { first: 4, last: 4, type: ORG }, { first: 6, last: 6, type: LOC }], ['LOCATION Marlow Assembly', 'LOCATION Marlow', 'LOCATION Valdoria']],
    ['a two-word town, cut by the tagger', '* Port Ella Assembly of Port Ella', [{ first: 1, last: 1, type: LOC }, { first: 2, last: 3, type: ORG }, { first: 5, last: 6, type: LOC }], ['LOCATION Port Ella Assembly', 'LOCATION Port Ella']],
    ['"Assembly" alone after its town', '* Port Ella Assembly of Port Ella', [{ first: 1, last: 2, type: LOC }, { first: 3, last: 3, type: ORG }, { first: 5, last: 6, type: LOC }], ['LOCATION Port Ella Assembly', 'LOCATION Port Ella']],
  ])('should type an industrial site as a place (rule 1l): %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ 'first-name': ['robert'] }))).toEqual(expected);
  });

  it.each([
    ['a singer named Plant', 'Robert Plant sang', [{ first: 0, last: 0, type: PER }], ['PERSON Robert']],
    ['a singer named Plant, whole', 'Robert Plant sang', [{ first: 0, last: 1, type: PER }], ['PERSON Robert Plant']],
    ['a legislature', 'the National Assembly of Valdoria met', [{ first: 1, last: 4, type: ORG }], ['ORGANIZATION National Assembly of Valdoria']],
    ['a regional legislature', 'the Marlow Assembly voted', [{ first: 1, last: 2, type: ORG }], ['ORGANIZATION Marlow Assembly']],
  ])('should leave a name with a facility word that is no site alone: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ 'first-name': ['robert'] }))).toEqual(expected);
  });

  it.each([
    ['a judge\'s title', 'Mr Justice Mara Quist agreed', [{ first: 1, last: 1, type: PER }, { first: 2, last: 3, type: PER }], ['PERSON Mara Quist (role Mr Justice)']],
    ['a title alone before a surname', 'said Judge Quist today', [{ first: 1, last: 1, type: PER }, { first: 2, last: 2, type: PER }], ['PERSON Quist (role Judge)']],
    ['a word that is no title', 'Mara Quist met them', [{ first: 0, last: 0, type: PER }, { first: 1, last: 1, type: PER }], ['PERSON Mara', 'PERSON Quist']],
    ['a title and a comma', 'said Judge , Quist', [{ first: 1, last: 1, type: PER }, { first: 3, last: 3, type: PER }], ['PERSON Judge', 'PERSON Quist']],
    ['a title typed MISC', 'said Judge Mara Quist', [{ first: 1, last: 1, type: MISC }, { first: 2, last: 3, type: PER }], ['PERSON Mara Quist (role Judge)']],
  ])('should make a one-word name that is a title before a person part of its role: %s', (_case, text, runs, expected) => {
    const tokens = tokenize(text);
    const gazetteer = new Gazetteer({ title: ['justice', 'judge'], honorific: ['mr'] });
    const out = applyPostRules(runs, tokens, gazetteer, () => false).map((run) => {
      const name = `${ENTITY_TYPES[run.type]} ${tokens.slice(run.first, run.last + 1).map((t) => t.text).join(' ')}`;
      return run.role ? `${name} (role ${tokens.slice(run.role.first, run.role.last + 1).map((t) => t.text).join(' ')})` : name;
    });
    expect(out).toEqual(expected);
  });

  it.each([
    ['a listed given name after an organization word', 'Secretary of the Marl Force James Quist said', [{ first: 3, last: 6, type: ORG }], ['ORGANIZATION Marl Force', 'PERSON James Quist']],
    ['a person named so elsewhere in the document', 'Director of Marl Acquisition Dara Quist . Dara Quist said', [{ first: 2, last: 5, type: ORG }, { first: 7, last: 8, type: PER }], ['ORGANIZATION Marl Acquisition', 'PERSON Dara Quist', 'PERSON Dara Quist']],
    ['a three-word name', 'Director of the Marl Force James T. Quist said', [{ first: 3, last: 7, type: ORG }], ['ORGANIZATION Marl Force', 'PERSON James T. Quist']],
  ])('should split an organization from the person after it (rule 1m): %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ 'first-name': ['james'], 'org-head': ['force', 'group'] }))).toEqual(expected);
  });

  it.each([
    ['a company named after a person, ending in an organization word', 'shares of Marl James Quist Group fell', [{ first: 2, last: 5, type: ORG }], ['ORGANIZATION Marl James Quist Group']],
    ['a given name after a word that is no organization\'s', 'at Deutsche James Arno rose', [{ first: 1, last: 3, type: ORG }], ['ORGANIZATION Deutsche James Arno']],
    ['a listed organization', 'at Force James Quist rose', [{ first: 1, last: 3, type: ORG }], ['ORGANIZATION Force James Quist']],
  ])('should leave an organization with a given name in it whole: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ 'first-name': ['james'], 'org-head': ['force', 'group'], organization: ['james quist'] }))).toEqual(expected);
  });

  it.each([
    ['a region after a town', 'the plant of Arnby , Marenland , Marenland * next', [{ first: 3, last: 3, type: LOC }, { first: 5, last: 5, type: ORG }, { first: 7, last: 7, type: ORG }], ['LOCATION Arnby', 'LOCATION Marenland', 'LOCATION Marenland']],
    ['a region before a date', 'ARNBY , Marenland 1996-08-31', [{ first: 0, last: 0, type: LOC }, { first: 2, last: 2, type: ORG }], ['LOCATION ARNBY', 'LOCATION Marenland']],
    ['a county\'s team after a ground', 'at Grace Road , Marenland extended their lead', [{ first: 1, last: 2, type: LOC }, { first: 4, last: 4, type: ORG }], ['LOCATION Grace Road', 'ORGANIZATION Marenland']],
    ['a region after an organization', 'Tellen , Marenland .', [{ first: 0, last: 0, type: ORG }, { first: 2, last: 2, type: ORG }], ['ORGANIZATION Tellen', 'ORGANIZATION Marenland']],
    ['an organization that is no region', 'Arnby , Tellen .', [{ first: 0, last: 0, type: LOC }, { first: 2, last: 2, type: ORG }], ['LOCATION Arnby', 'ORGANIZATION Tellen']],
  ])('should type a region after a town and a comma as a place (rule 3d): %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ region: ['marenland'] }))).toEqual(expected);
  });

  it.each([
    ['a results line', 'Tom Varga ( Marenland ) beat Ali Quist ( Dorvia ) 6-3', [{ first: 0, last: 1, type: PER }, { first: 3, last: 3, type: ORG }, { first: 6, last: 7, type: PER }, { first: 9, last: 9, type: ORG }], ['PERSON Tom Varga', 'LOCATION Marenland', 'PERSON Ali Quist', 'LOCATION Dorvia']],
    ['a two-word country', 'Ana Berg ( South Dorvia ) 2:01.45', [{ first: 0, last: 1, type: PER }, { first: 3, last: 4, type: ORG }], ['PERSON Ana Berg', 'LOCATION South Dorvia']],
    ['"U.S."', 'Ana Berg ( U.S. ) 71 73', [{ first: 0, last: 1, type: PER }, { first: 3, last: 3, type: ORG }], ['PERSON Ana Berg', 'LOCATION U.S.']],
  ])('should type a country in parentheses after a person as a place (rule 3f): %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ country: ['marenland', 'dorvia', 'south dorvia'] }))).toEqual(expected);
  });

  it.each([
    ['a word', 'Tellen -- Arnby said', [{ first: 0, last: 2, type: ORG }], ['ORGANIZATION Tellen', 'ORGANIZATION Arnby']],
    ['a dash', 'Tellen — Arnby said', [{ first: 0, last: 2, type: ORG }], ['ORGANIZATION Tellen', 'ORGANIZATION Arnby']],
    ['a slash', 'Tellen / Arnby said', [{ first: 0, last: 2, type: ORG }], ['ORGANIZATION Tellen', 'ORGANIZATION Arnby']],
    ['not a hyphen', 'Tellen - Arnby said', [{ first: 0, last: 2, type: ORG }], ['ORGANIZATION Tellen - Arnby']],
    ['not a word starting like a separator', 'Tellen -x Arnby said', [{ first: 0, last: 2, type: ORG }], ['ORGANIZATION Tellen -x Arnby']],
  ])('should split a name at a separator, and only there (rule 1): %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it('should look a run up as a phrase when its first token holds a space (rule 3)', () => {
    // A token may hold a space ("New York" as one token); the gazetteer's phrase has it as two words.
    const texts = ['New York', 'Dorvia', 'said'];
    let offset = 0;
    const tokens = texts.map((text) => {
      const token = { text, start: offset, end: offset + text.length, sentence: 0 };
      offset += text.length + 1;
      return token;
    });
    const gazetteer = new Gazetteer({ city: ['new york dorvia'] });
    const runs = applyPostRules([{ first: 0, last: 1, type: PER }], tokens, gazetteer, () => false);
    expect(runs).toEqual([{ first: 0, last: 1, type: LOC }]);
  });

  it('should type a listed multi-word place tagged as a person as a place, and not an unlisted one (rule 3)', () => {
    const gazetteer = new Gazetteer({ city: ['port arnby'] });
    expect(names('in Port Arnby today', [{ first: 1, last: 2, type: PER }], gazetteer)).toEqual(['LOCATION Port Arnby']);
    expect(names('in Port Tellen today', [{ first: 1, last: 2, type: PER }], gazetteer)).toEqual(['PERSON Port Tellen']);
  });

  it.each([
    ['a town before "v"', 'Arnby v Tellen , Dorby v Quill', [{ first: 0, last: 0, type: LOC }, { first: 2, last: 2, type: ORG }, { first: 4, last: 4, type: LOC }, { first: 6, last: 6, type: LOC }], ['ORGANIZATION Arnby', 'ORGANIZATION Tellen', 'ORGANIZATION Dorby', 'ORGANIZATION Quill']],
    ['a two-word name after "vs."', 'Tellen vs. North Arnby', [{ first: 0, last: 0, type: ORG }, { first: 2, last: 3, type: LOC }], ['ORGANIZATION Tellen', 'ORGANIZATION North Arnby']],
  ])('should type a place beside "v" as a team (rule 3g): %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ country: ['marenland'], city: ['arnby'] }))).toEqual(expected);
  });

  it.each([
    ['a country', 'Marenland v Dorvia', [{ first: 0, last: 0, type: LOC }, { first: 2, last: 2, type: LOC }], ['LOCATION Marenland', 'LOCATION Dorvia']],
    ['a place not beside "v"', 'Tellen v Quill in Arnby', [{ first: 0, last: 0, type: ORG }, { first: 2, last: 2, type: ORG }, { first: 4, last: 4, type: LOC }], ['ORGANIZATION Tellen', 'ORGANIZATION Quill', 'LOCATION Arnby']],
  ])('should leave other places alone (rule 3g): %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ country: ['marenland', 'dorvia'], city: ['arnby'] }))).toEqual(expected);
  });

  it.each([
    ['a club after a player', 'Ana Berg ( Tellen ) 2', [{ first: 0, last: 1, type: PER }, { first: 3, last: 3, type: ORG }], ['PERSON Ana Berg', 'ORGANIZATION Tellen']],
    ['a town after a player', 'Ana Berg ( Arnby ) 2', [{ first: 0, last: 1, type: PER }, { first: 3, last: 3, type: ORG }], ['PERSON Ana Berg', 'ORGANIZATION Arnby']],
    ['a country without parentheses', 'Ana Berg beat Marenland 2-1', [{ first: 0, last: 1, type: PER }, { first: 3, last: 3, type: ORG }], ['PERSON Ana Berg', 'ORGANIZATION Marenland']],
  ])('should leave other names in parentheses alone (rule 3f): %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ country: ['marenland'], city: ['arnby'] }))).toEqual(expected);
  });

  it.each([
    ['a two-part state', 'Ann Lee ( D - N . Y. ) said', [{ first: 0, last: 1, type: PER }, { first: 7, last: 7, type: LOC }], ['PERSON Ann Lee', 'LOCATION N . Y.']],
    ['a state the tagger joined to the party', 'Ann Lee ( R - Texas ) said', [{ first: 0, last: 1, type: PER }, { first: 3, last: 5, type: LOC }], ['PERSON Ann Lee', 'LOCATION Texas']],
    ['an untagged state', 'Ann Lee ( I - Vt . ) said', [{ first: 0, last: 1, type: PER }], ['PERSON Ann Lee', 'LOCATION Vt .']],
    ['a party alone', 'Ann Lee ( D ) said', [{ first: 0, last: 1, type: PER }, { first: 3, last: 3, type: ORG }], ['PERSON Ann Lee']],
    ['no person before it', 'the vote ( D - Texas ) passed', [{ first: 5, last: 5, type: LOC }], ['LOCATION Texas']],
    ['a lower-case word after the dash', 'Ann Lee ( R - ret. ) said', [{ first: 0, last: 1, type: PER }], ['PERSON Ann Lee']],
  ])('should read a party-and-state tag after a person as the state (rule 3h): %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it.each([
    ['a model named alone elsewhere', 'Tellen Marlin to be revived . The Marlin sold', [{ first: 0, last: 1, type: ORG }, { first: 7, last: 7, type: MISC }], ['MISC Tellen Marlin', 'MISC Marlin']],
    ['no model named alone', 'Tellen Marlin to be revived', [{ first: 0, last: 1, type: ORG }], ['ORGANIZATION Tellen Marlin']],
    ['a maker that is not listed', 'Quill Marlin to be revived . The Marlin sold', [{ first: 0, last: 1, type: ORG }, { first: 7, last: 7, type: MISC }], ['ORGANIZATION Quill Marlin', 'MISC Marlin']],
  ])('should type a listed maker and its model as the model: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, products)).toEqual(expected);
  });

  it.each([
    ['a run of its own', 'The St. Arnby plant closed', [{ first: 1, last: 1, type: ORG }, { first: 2, last: 2, type: LOC }], ['LOCATION St. Arnby']],
    ['left out by the tagger', 'affected : St. Arnby Assembly of St. Arnby', [{ first: 3, last: 4, type: PER }, { first: 6, last: 7, type: LOC }], ['LOCATION St. Arnby Assembly', 'LOCATION St. Arnby']],
    ['no period', 'St Arnby beat Marl', [{ first: 0, last: 0, type: ORG }, { first: 1, last: 1, type: ORG }, { first: 3, last: 3, type: ORG }], ['ORGANIZATION St Arnby', 'ORGANIZATION Marl']],
    ['a comma between', 'St. , Arnby', [{ first: 0, last: 0, type: ORG }, { first: 2, last: 2, type: LOC }], ['ORGANIZATION St.', 'LOCATION Arnby']],
  ])('should take "St." into the name after it: %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it.each([
    ['a last word the tagger left out', 'a deal with Kremlin-owned Marl Aircraft for', [{ first: 4, last: 4, type: ORG }], ['ORGANIZATION Marl Aircraft']],
    ['and a people\'s name before it', 'talks with the Valdorian Auto Workers union', [{ first: 3, last: 3, type: MISC }, { first: 4, last: 4, type: ORG }], ['ORGANIZATION Valdorian Auto Workers']],
    ['a person is left alone', 'said Quist Workers', [{ first: 1, last: 1, type: PER }], ['PERSON Quist']],
    ['a word that also ends other names', 'the Marl Bank', [{ first: 1, last: 1, type: ORG }], ['ORGANIZATION Marl']],
  ])('should take in a last word that only ends organizations\' names: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ demonym: ['valdorian'] }))).toEqual(expected);
  });

  it.each([
    ['a regnal number', 'Henry VIII said', [{ first: 0, last: 1, type: PER }], ['PERSON Henry VIII']],
    ['a regnal number after a given name, in an organization', 'the Henry II Trust gave', [{ first: 1, last: 3, type: ORG }], ['ORGANIZATION Henry II Trust']],
    ['a club named after a king, with its town', 'Willem II Valdor won', [{ first: 0, last: 2, type: ORG }], ['ORGANIZATION Willem II Valdor']],
    ['a cricket side', 'against the Quill XI today', [{ first: 2, last: 3, type: ORG }], ['ORGANIZATION Quill XI']],
    ['a subsidiary after a possessive', "Quill 's Marlin Airlines and Quill 's Pike unit", [{ first: 0, last: 0, type: ORG }, { first: 2, last: 3, type: ORG }, { first: 5, last: 5, type: ORG }, { first: 7, last: 7, type: ORG }], ['ORGANIZATION Quill', 'ORGANIZATION Marlin Airlines', 'ORGANIZATION Quill', 'ORGANIZATION Pike']],
    ['a person after a possessive', "Quill 's Mara Pike said", [{ first: 0, last: 0, type: ORG }, { first: 2, last: 3, type: PER }], ['ORGANIZATION Quill', 'PERSON Mara Pike']],
    ['a maker the document writes with a possessive', "Quill 's plans ; developers of Quill programs", [{ first: 0, last: 0, type: ORG }, { first: 6, last: 6, type: ORG }], ['ORGANIZATION Quill', 'ORGANIZATION Quill']],
    ['a team\'s points in a results line', '2. Mara Pike ( Valdoria ) Tellen 317', [{ first: 1, last: 2, type: PER }, { first: 4, last: 4, type: LOC }, { first: 6, last: 6, type: ORG }], ['PERSON Mara Pike', 'LOCATION Valdoria', 'ORGANIZATION Tellen']],
  ])('should leave an organization or a person that is no product alone: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, products)).toEqual(expected);
  });

  it.each([
    ['a company after it', 'sold to Tellen , a Valdorian car parts company .', [{ first: 2, last: 2, type: LOC }, { first: 5, last: 5, type: MISC }], ['ORGANIZATION Tellen', 'MISC Valdorian']],
    ['the maker of something', 'Tellen , the maker of vans , said', [{ first: 0, last: 0, type: PER }], ['ORGANIZATION Tellen']],
    ['a division before it, and the name elsewhere', 'its European division , Tellen . Costs at Tellen rose', [{ first: 1, last: 1, type: MISC }, { first: 4, last: 4, type: LOC }, { first: 8, last: 8, type: LOC }], ['MISC European', 'ORGANIZATION Tellen', 'ORGANIZATION Tellen']],
    ['a company spokesman', 'Quist , a company spokesman , said', [{ first: 0, last: 0, type: PER }], ['PERSON Quist']],
    ['a place after a name', 'owns Tellen Corp. , Valdor , Arn , an insurance brokerage', [{ first: 1, last: 2, type: ORG }, { first: 4, last: 4, type: LOC }, { first: 6, last: 6, type: LOC }], ['ORGANIZATION Tellen Corp.', 'LOCATION Valdor', 'LOCATION Arn']],
    ['the head of a division', 'said Quist , the director of the Tellen division , today', [{ first: 1, last: 1, type: PER }, { first: 7, last: 7, type: ORG }], ['PERSON Quist', 'ORGANIZATION Tellen']],
    ['a listed first name', 'counsel of the company , Mara Quist , said', [{ first: 5, last: 6, type: PER }], ['PERSON Mara Quist']],
  ])('should type a name in apposition with a kind of company as the company: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ 'first-name': ['mara'] }))).toEqual(expected);
  });

  it.each([
    ['"Flight" in the run', 'the loss of Tellen Air Flight 574', [{ first: 3, last: 5, type: PER }], ['ORGANIZATION Tellen Air', 'MISC Flight 574']],
    ['"Flight" on its own, after a place', 'Garuda Valdoria Flight 200 crashed', [{ first: 0, last: 1, type: LOC }, { first: 2, last: 2, type: PER }], ['ORGANIZATION Garuda Valdoria', 'MISC Flight 200']],
    ['an aircraft before it', 'an Airbus 310 Flight 150 landed', [{ first: 1, last: 2, type: MISC }, { first: 3, last: 4, type: MISC }], ['MISC Airbus 310', 'MISC Flight 150']],
    ['an aircraft in the run', 'an Airbus 310 Flight 150 landed', [{ first: 1, last: 3, type: MISC }], ['MISC Airbus 310', 'MISC Flight 150']],
    ['no number after it', 'the Tellen Flight School', [{ first: 1, last: 3, type: ORG }], ['ORGANIZATION Tellen Flight School']],
  ])('should type a flight number as MISC and the name before it as the airline: %s', (_case, text, runs, expected) => {
    expect(names(text, runs)).toEqual(expected);
  });

  it('should let the type vote carry the article\'s verdict to the same name elsewhere', () => {
    const runs = [{ first: 1, last: 1, type: PER }, { first: 4, last: 4, type: PER }, { first: 6, last: 6, type: PER }];
    expect(names('the Falcon and the Falcon , Falcon sold', runs)).toEqual(['MISC Falcon', 'MISC Falcon', 'MISC Falcon']);
  });

  it.each([
    ['an airline', 'airline Aer Lingus said Aer Lingus will buy', [{ first: 1, last: 2, type: PER }, { first: 4, last: 5, type: PER }], ['ORGANIZATION Aer Lingus', 'ORGANIZATION Aer Lingus']],
    ['a carmaker', 'carmaker Ford cut jobs', [{ first: 1, last: 1, type: PER }], ['ORGANIZATION Ford']],
    ['a studio', 'animation studio Pixar said', [{ first: 2, last: 2, type: PER }], ['ORGANIZATION Pixar']],
    ['a blog', 'the technology blog Gizmodo obtained it', [{ first: 3, last: 3, type: PER }], ['ORGANIZATION Gizmodo']],
    ['a kind word with a capital (a title, not a kind)', 'Retailer Smith said', [{ first: 1, last: 1, type: PER }], ['PERSON Smith']],
    ['a role, not a kind of company', 'spokesman Sandy Angers said', [{ first: 1, last: 2, type: PER }], ['PERSON Sandy Angers']],
    ['a trade that is also a kind of company', 'newspaper publisher Rupert Murdoch said Rupert Murdoch', [{ first: 2, last: 3, type: PER }, { first: 5, last: 6, type: PER }], ['PERSON Rupert Murdoch', 'PERSON Rupert Murdoch']],
    ['a listed first name', 'retailer Mary Smith opened', [{ first: 1, last: 2, type: PER }], ['PERSON Mary Smith']],
  ])('should type a name right after a kind of company as the organization, in the whole document: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ 'first-name': ['mary'] }))).toEqual(expected);
  });

  /** Space-separated tokens, one sentence; "|" inside a word splits it into tokens with no space between ("Wi|-|Fi"). */
  function gluedNames(text: string, runs: TokenRun[], gazetteer = new Gazetteer({})): string[] {
    const tokens: { text: string; start: number; end: number; sentence: number }[] = [];
    let plain = '';
    for (const word of text.split(' ')) {
      if (plain) plain += ' ';
      for (const part of word.split('|')) {
        tokens.push({ text: part, start: plain.length, end: plain.length + part.length, sentence: 0 });
        plain += part;
      }
    }
    return applyPostRules(runs, tokens, gazetteer, () => false).map(
      (run) => `${ENTITY_TYPES[run.type]} ${plain.slice(tokens[run.first]!.start, tokens[run.last]!.end)}`,
    );
  }

  it.each([
    ['a run ending at the hyphen', 'allowed over Vi|-|Fo only', [{ first: 2, last: 3, type: PER }], ['PERSON Vi-Fo']],
    ['a run ending before the hyphen', 'the Tellen Vi|-|Fo update', [{ first: 1, last: 2, type: PER }], ['PERSON Tellen Vi-Fo']],
    ['a run starting after the hyphen', 'Tellen|-|Quist , a partner', [{ first: 2, last: 2, type: PER }], ['PERSON Tellen-Quist']],
    ['two runs sharing the word, typed by the right-hand one', 'four Tellen|-|Quist Marl engines', [{ first: 1, last: 2, type: MISC }, { first: 3, last: 4, type: PER }], ['PERSON Tellen-Quist Marl']],
    ['the head of a compound', 'at the All|-|Valdoria Club', [{ first: 2, last: 3, type: MISC }, { first: 4, last: 5, type: ORG }], ['ORGANIZATION All-Valdoria Club']],
    ['a lower-case end of a given name', 'envoy Kang Mun|-|hoon|. Then', [{ first: 1, last: 2, type: PER }], ['PERSON Kang Mun-hoon']],
    ['a hyphen and an apostrophe', 'new Tellen Vi|\'|-|Fo updates', [{ first: 1, last: 2, type: PER }], ["PERSON Tellen Vi'-Fo"]],
  ])('should take in the whole of a hyphenated word at a name\'s edge: %s', (_case, text, runs, expected) => {
    expect(gluedNames(text, runs)).toEqual(expected);
  });

  it.each([
    ['a listed company', 'Tellen|-|Marr , part of the group', [{ first: 0, last: 1, type: MISC }, { first: 2, last: 2, type: PER }], ['ORGANIZATION Tellen-Marr']],
    ['a listed company and its product', 'four Tellen|-|Marr Ardent 900 engines', [{ first: 1, last: 2, type: MISC }, { first: 3, last: 4, type: PER }], ['MISC Tellen-Marr Ardent']],
    ['a person with a hyphenated name', 'said Jean|-|Marc Quist', [{ first: 1, last: 4, type: PER }], ['PERSON Jean-Marc Quist']],
  ])('should type a listed company written with a hyphen as no person: %s', (_case, text, runs, expected) => {
    expect(gluedNames(text, runs, new Gazetteer({ organization: ['tellen-marr'] }))).toEqual(expected);
  });

  it.each([
    ['a hyphen with spaces', 'Tellen - Quist won', [{ first: 0, last: 0, type: ORG }, { first: 2, last: 2, type: ORG }], ['ORGANIZATION Tellen', 'ORGANIZATION Quist']],
    ['a closing quote before a comma', "the Book of Marl|'|, he said", [{ first: 1, last: 3, type: MISC }], ['MISC Book of Marl']],
    ['a hyphen before a parenthesis', 'President Hadi al|-|) Quist', [{ first: 1, last: 3, type: PER }], ['PERSON Hadi al-']],
  ])('should not join across a mark that is not inside a word: %s', (_case, text, runs, expected) => {
    expect(gluedNames(text, runs)).toEqual(expected);
  });

  it.each([
    ['"Chapter" before a run opening with its number', 'filed Chapter 11 Marl Trust', [{ first: 1, last: 1, type: ORG }, { first: 2, last: 4, type: ORG }], ['ORGANIZATION Chapter', 'ORGANIZATION 11 Marl Trust']],
    ['".com" taken in by the next name', 'Marl Tellen|.|com|-|Quist said', [{ first: 0, last: 1, type: PER }, { first: 5, last: 5, type: PER }], ['PERSON Marl Tellen', 'PERSON com-Quist']],
    ['a flight number taken in by the next name', 'Marl Flight 574|\'|Quist said', [{ first: 0, last: 1, type: ORG }, { first: 4, last: 4, type: PER }], ['ORGANIZATION Marl Flight', "PERSON 574'Quist"]],
  ])('should never give overlapping runs: %s', (_case, text, runs, expected) => {
    expect(gluedNames(text, runs)).toEqual(expected);
  });

  it('should never give overlapping runs: a company suffix taken in by the lower-case name before, in a headline', () => {
    // "shares" ends the look back from "Corp." at "Co.", which "tellen" took in as its suffix.
    const tokens = tokenize('shares of tellen Co. Marl Mr. Corp.');
    const runs = applyPostRules([{ first: 2, last: 2, type: ORG }, { first: 3, last: 3, type: ORG }, { first: 4, last: 5, type: ORG }], tokens, new Gazetteer({}), () => true);
    expect(runs.map(({ first, last }) => [first, last])).toEqual([[2, 3], [4, 6]]);
  });

  it('should never give overlapping runs: a product line\'s brand ending the name before, in a headline', () => {
    // In capitals a lower-case word stays at a run's edge: "TELLEN iPhone" keeps its brand.
    const tokens = tokenize('TELLEN iPhone NANO SALES');
    const runs = applyPostRules([{ first: 0, last: 1, type: ORG }, { first: 2, last: 2, type: PER }], tokens, new Gazetteer({}), () => true);
    expect(runs.map(({ first, last }) => [first, last])).toEqual([[0, 1], [2, 2]]);
  });

  it.each([
    ['a last word cut off', 'Quill Computer announced today', [{ first: 0, last: 0, type: ORG }, { first: 1, last: 1, type: ORG }], ['ORGANIZATION Quill Computer']],
    ['a first word left out', 'Northern Motors sales fell', [{ first: 1, last: 1, type: ORG }], ['ORGANIZATION Northern Motors']],
    ['a first word left out, after a quote', 'said that " Northern Motors \' staff', [{ first: 4, last: 4, type: ORG }], ['ORGANIZATION Northern Motors']],
  ])('should join a one-word organization to the rest of its name: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ 'org-head': ['motors'] }))).toEqual(expected);
  });

  it.each([
    ['two acronyms', 'CDU SPD FDP', [{ first: 0, last: 0, type: ORG }, { first: 1, last: 1, type: ORG }, { first: 2, last: 2, type: ORG }], ['ORGANIZATION CDU', 'ORGANIZATION SPD', 'ORGANIZATION FDP']],
    ['a listed organization after it', 'the Quill Tellen jet', [{ first: 1, last: 1, type: ORG }, { first: 2, last: 2, type: ORG }], ['ORGANIZATION Quill', 'ORGANIZATION Tellen']],
    ['a title after it', 'the Senate Majority leader said', [{ first: 1, last: 1, type: ORG }, { first: 2, last: 2, type: ORG }], ['ORGANIZATION Senate', 'ORGANIZATION Majority']],
    ['a longer name before it (a person after a chamber)', 'Speaker of the House of Deputies Quist said', [{ first: 3, last: 5, type: ORG }, { first: 6, last: 6, type: ORG }], ['ORGANIZATION House of Deputies', 'ORGANIZATION Quist']],
    ['a place after it', 'the 2008 Valdor games', [{ first: 1, last: 1, type: ORG }, { first: 2, last: 2, type: ORG }], ['ORGANIZATION Valdor']],
    ['a month before an organization word', 'The September Treasury bond', [{ first: 2, last: 2, type: ORG }], ['ORGANIZATION Treasury']],
    ['a function word opening the sentence', 'The Motors unit', [{ first: 1, last: 1, type: ORG }], ['ORGANIZATION Motors']],
  ])('should not join names that are not one: %s', (_case, text, runs, expected) => {
    expect(names(text, runs, new Gazetteer({ 'org-head': ['motors', 'treasury'], organization: ['tellen'], title: ['leader'], city: ['valdor'], time: ['september'] }))).toEqual(expected);
  });

  it('should leave a one-word organization named like a document alone', () => {
    expect(names('Pact said so', [{ first: 0, last: 0, type: ORG }])).toEqual(['ORGANIZATION Pact']);
  });

  // The rules copy their runs on write: a document none of them changes gets its own runs back, and a
  // change after unchanged runs keeps those runs before it (in order, none lost or repeated).
  it('should return the runs themselves when no rule changes them', () => {
    const runs = [{ first: 0, last: 0, type: ORG }, { first: 3, last: 3, type: LOC }];
    expect(applyPostRules(runs, tokenize('Statoil went to Oslo today'), new Gazetteer({}), () => false)).toBe(runs);
  });

  it('should keep the runs before the first one a rule changes', () => {
    const runs = [{ first: 0, last: 0, type: LOC }, { first: 2, last: 2, type: LOC }, { first: 4, last: 4, type: ORG }];
    expect(names('Oslo and Bergen met Flight 574 today', runs)).toEqual(['LOCATION Oslo', 'LOCATION Bergen', 'MISC Flight 574']);
  });

  // The rules that look for untagged capitalized words walk a per-document list of the capitals: every
  // capital must be in it, the document's first and last tokens too.
  it('should find an untagged part of a person\'s name at the first and last token (rule 4)', () => {
    const runs = [{ first: 3, last: 4, type: PER }];
    expect(names('Quist spoke before Mara Quist and then Quist', runs)).toEqual(['PERSON Quist', 'PERSON Mara Quist', 'PERSON Quist']);
  });

  it('should take an untagged place before a title at the first token for the place elsewhere (rule 3)', () => {
    const runs = [{ first: 2, last: 2, type: PER }, { first: 7, last: 7, type: ORG }];
    const gazetteer = new Gazetteer({ city: ['varnos'], title: ['mayor'] });
    expect(names('Varnos Mayor Quist said it , and Varnos officials won', runs, gazetteer)).toEqual(['PERSON Quist', 'LOCATION Varnos']);
  });
});

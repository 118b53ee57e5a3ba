import { describe, expect, it } from 'vitest';
import type { MentionType, Quote } from '../../src/model/document.js';
import { extractQuotes } from '../../src/stages/extract-quotes.js';
import { segment } from '../../src/stages/segment.js';
import { makeSpan } from '../../src/model/span.js';
import { makeDoc } from '../helpers/make-doc.js';

/** Segment a hand-written text (wink-nlp, no network) and run extract-quotes with no recognized names. */
function run(text: string, options: Record<string, unknown> = {}, bodyStart = 0) {
  const doc = { ...makeDoc(text), bodyStart };
  doc.layers = { ...segment.create(segment.options.parse(undefined)).run(doc).layers, mentions: [] };
  return extractQuotes.create(extractQuotes.options.parse(options)).run(doc);
}

/** A recognized name for {@link runWithNames}: a PERSON unless a type is given. */
interface Name {
  start: number;
  end: number;
  type?: MentionType;
}

/** Where `name` first stands in `text`. */
function nameAt(text: string, name: string, type?: MentionType): Name {
  const start = text.indexOf(name);
  return { start, end: start + name.length, ...(type ? { type } : {}) };
}

/** Segment a hand-written text and run extract-quotes with these names recognized (NAM mentions). */
function runWithNames(text: string, names: readonly Name[]) {
  const doc = makeDoc(text);
  const layers = segment.create(segment.options.parse(undefined)).run(doc).layers;
  doc.layers = { ...layers, mentions: names.map(({ start, end, type = 'PERSON' }) => ({ ...makeSpan(text, start, end), type, form: 'NAM' as const, entity: null })) };
  return { tokens: layers.tokens ?? [], quotes: extractQuotes.create(extractQuotes.options.parse({})).run(doc).layers.quotes ?? [] };
}

const brief = (q: Quote) => ({ text: q.text, kind: q.kind, speaker: q.speaker?.text ?? null, cue: q.cue?.text ?? null });

interface Case {
  name: string;
  text: string;
  expected: { text: string; kind: string; speaker: string | null; cue: string | null }[];
}

const cases: Case[] = [
  {
    name: 'curly quotes after "X said,"',
    text: 'Park said, “We want the pact to be normalized as soon as possible.”',
    expected: [{ text: '“We want the pact to be normalized as soon as possible.”', kind: 'direct', speaker: 'Park', cue: 'said' }],
  },
  {
    name: 'straight quotes with a nominal speaker after',
    text: '"We will win this fight together," the minister said.',
    expected: [{ text: '"We will win this fight together,"', kind: 'direct', speaker: 'the minister', cue: 'said' }],
  },
  {
    name: 'guillemets',
    text: 'Macron said: «We will rebuild the cathedral within five years.»',
    expected: [{ text: '«We will rebuild the cathedral within five years.»', kind: 'direct', speaker: 'Macron', cue: 'said' }],
  },
  {
    name: 'German low-high quotes „…“',
    text: 'Scholz told reporters: „We stand firmly with our partners in Europe.“',
    expected: [{ text: '„We stand firmly with our partners in Europe.“', kind: 'direct', speaker: 'Scholz', cue: 'told' }],
  },
  {
    name: 'a quote inside a quote',
    text: '“My mother told me ‘never give up’ and I never did,” Kim said.',
    expected: [{ text: '“My mother told me ‘never give up’ and I never did,”', kind: 'direct', speaker: 'Kim', cue: 'said' }],
  },
  {
    name: 'single quotes, British style',
    text: "'We have done everything we could for the families,' the spokesman said.",
    expected: [{ text: "'We have done everything we could for the families,'", kind: 'direct', speaker: 'the spokesman', cue: 'said' }],
  },
  {
    name: 'inverted "said X"',
    text: '“The talks went better than anyone expected,” said Park.',
    expected: [{ text: '“The talks went better than anyone expected,”', kind: 'direct', speaker: 'Park', cue: 'said' }],
  },
  {
    name: 'a long attribution clause ending in a colon',
    text:
      'Park added during a press conference held after his meeting with Blinken on Monday: “We need to have policy coordination between Korea, Japan and the United States.”',
    expected: [
      {
        text: '“We need to have policy coordination between Korea, Japan and the United States.”',
        kind: 'direct',
        speaker: 'Park',
        cue: 'added',
      },
    ],
  },
  {
    name: 'a quote split by its attribution is one quote',
    text: '“The first part is true,” he said. “The second part is also true.”',
    expected: [{ text: '“The first part is true,” he said. “The second part is also true.”', kind: 'direct', speaker: 'he', cue: 'said' }],
  },
  {
    name: 'a quote split by a long attribution with an abbreviation and an apposition',
    text: '“This is a sad day,” said Rep. Jane Doe (D-N.C.), head of the caucus. “Nobody here will forget it.”',
    expected: [
      {
        text: '“This is a sad day,” said Rep. Jane Doe (D-N.C.), head of the caucus. “Nobody here will forget it.”',
        kind: 'direct',
        speaker: 'Jane Doe',
        cue: 'said',
      },
    ],
  },
  {
    name: 'a quote whose attribution comes after a long apposition',
    text: '“It is an invasion of the state domain,” Sam Pratt, the attorney general of a state that sued, one of many, said at an event.',
    expected: [{ text: '“It is an invasion of the state domain,”', kind: 'direct', speaker: 'Sam Pratt', cue: 'said' }],
  },
  {
    name: 'a quote right after its cue, with no comma',
    text: 'The union leader said "There is a lot of anger here today, no doubt about it."',
    expected: [{ text: '"There is a lot of anger here today, no doubt about it."', kind: 'direct', speaker: 'The union leader', cue: 'said' }],
  },
  {
    name: 'a speaker before a relative clause and a comma',
    text: 'Of the senator, Levine, who has given money to Rubio, said, “He is flat-out scary to all of us.”',
    expected: [{ text: '“He is flat-out scary to all of us.”', kind: 'direct', speaker: 'Levine', cue: 'said' }],
  },
  {
    name: 'a participle cue takes the subject of the cue before it',
    text: 'The talks failed, he said, adding, “We will try again next week with new ideas.”',
    expected: [{ text: '“We will try again next week with new ideas.”', kind: 'direct', speaker: 'he', cue: 'adding' }],
  },
  {
    name: 'a cue after "and" takes the subject of the sentence',
    text: 'The mayor thanked the crowd and added, “We will try again next week with new ideas.”',
    expected: [{ text: '“We will try again next week with new ideas.”', kind: 'direct', speaker: 'The mayor', cue: 'added' }],
  },
  {
    name: 'an attitude as an attribution',
    text: 'The senator wants the program ended by June.',
    expected: [{ text: 'the program ended by June', kind: 'indirect', speaker: 'The senator', cue: 'wants' }],
  },
  {
    name: 'a short answer with its cue',
    text: '“Maybe next year,” Park answered.',
    expected: [{ text: '“Maybe next year,”', kind: 'direct', speaker: 'Park', cue: 'answered' }],
  },
  {
    name: 'a coordinated clause with its own cue ends the content',
    text: 'Carter said the meeting went well, and Tanaka agreed.',
    expected: [{ text: 'the meeting went well', kind: 'indirect', speaker: 'Carter', cue: 'said' }],
  },
  {
    name: 'a reporting verb inside reported content is not a second quote',
    text: 'The tax commissioner says an internal review shows no one looked at the returns.',
    expected: [{ text: 'an internal review shows no one looked at the returns', kind: 'indirect', speaker: 'The tax commissioner', cue: 'says' }],
  },
  {
    name: 'transcript lines: a speaker label in capitals and a colon',
    text: 'Partial transcript as follows:\n\n"WALLACE: Let us start with the news on the debate story.\n\nSEN. PENCE: Well, the whole nation needs to heal."',
    expected: [
      { text: 'Let us start with the news on the debate story.', kind: 'indirect', speaker: 'WALLACE', cue: ':' },
      { text: 'Well, the whole nation needs to heal.', kind: 'indirect', speaker: 'PENCE', cue: ':' },
    ],
  },
  {
    name: 'scare quotes are not speech',
    text: 'The so-called “deal” was signed in a hurry on Monday.',
    expected: [],
  },
  {
    name: 'apostrophes are never quotation marks',
    text: 'Korea’s students’ grades rose in the ’90s, and they don’t fall now. The O\'Neills\' house is old.',
    expected: [],
  },
  {
    name: 'a mixed quote',
    text: 'He called the deal “a disaster” for workers.',
    expected: [{ text: 'the deal “a disaster” for workers', kind: 'mixed', speaker: 'He', cue: 'called' }],
  },
  {
    name: 'a quote ending an indirect clause is mixed',
    text: 'Bolton said that whatever voters choose, “they should not choose on that basis alone.”',
    expected: [
      {
        text: 'that whatever voters choose, “they should not choose on that basis alone.”',
        kind: 'mixed',
        speaker: 'Bolton',
        cue: 'said',
      },
    ],
  },
  {
    name: 'a mixed quote whose comma sits inside the closing mark, before a trailing attribution',
    text: 'Its job is “really a combination of many things at once,” she said.',
    expected: [{ text: 'Its job is “really a combination of many things at once,”', kind: 'mixed', speaker: 'she', cue: 'said' }],
  },
  {
    name: 'a participle cue after a subject with a relative clause',
    text: 'Republicans, who hold the majority, have blocked the bills, saying they infringe on rights.',
    expected: [{ text: 'they infringe on rights', kind: 'indirect', speaker: 'Republicans', cue: 'saying' }],
  },
  {
    name: 'an indirect quote with "that"',
    text: 'Park said that the talks would resume next week.',
    expected: [{ text: 'that the talks would resume next week', kind: 'indirect', speaker: 'Park', cue: 'said' }],
  },
  {
    name: 'an indirect quote with "that" after a time',
    text: 'Park said on Monday that the talks would resume next week.',
    expected: [{ text: 'that the talks would resume next week', kind: 'indirect', speaker: 'Park', cue: 'said' }],
  },
  {
    name: 'a cue with content of its own after a quote that ends its sentence',
    text: 'He added: "It is just not true, and everybody in this room knows it." He said the bill would not go far enough.',
    expected: [
      { text: '"It is just not true, and everybody in this room knows it."', kind: 'direct', speaker: 'He', cue: 'added' },
      { text: 'the bill would not go far enough', kind: 'indirect', speaker: 'He', cue: 'said' },
    ],
  },
  {
    name: 'a trailing attribution with a tail after a quote that ends its sentence',
    text: '"We will win this fight together." Park said in a statement released by his office on Monday.',
    expected: [{ text: '"We will win this fight together."', kind: 'direct', speaker: 'Park', cue: 'said in a statement' }],
  },
  {
    name: 'an indirect quote whose cue follows "and" after another verb',
    text: 'The mayor thanked the crowd and later said the city would rebuild the bridge.',
    expected: [{ text: 'the city would rebuild the bridge', kind: 'indirect', speaker: 'The mayor', cue: 'said' }],
  },
  {
    name: 'two cues of one subject joined by "and has"',
    text: 'The mayor said the bridge would reopen in May and has promised that the road will follow.',
    expected: [
      { text: 'the bridge would reopen in May', kind: 'indirect', speaker: 'The mayor', cue: 'said' },
      { text: 'that the road will follow', kind: 'indirect', speaker: 'The mayor', cue: 'promised' },
    ],
  },
  {
    name: "a quote in two-apostrophe marks ('') whose attribution follows a long apposition",
    text: "''If current trends continue, the company will be sold,'' Robert Lang, managing director and analyst at a bank, told me this week.",
    expected: [{ text: "''If current trends continue, the company will be sold,''", kind: 'direct', speaker: 'Robert Lang', cue: 'told' }],
  },
  {
    name: "a mixed quote whose comma sits inside a two-apostrophe closing mark ('')",
    text: "Its job is ''really a mix of things,'' she said.",
    expected: [{ text: "Its job is ''really a mix of things,''", kind: 'mixed', speaker: 'she', cue: 'said' }],
  },
  {
    name: 'an inverted trailing attribution whose speaker an apposition follows',
    text: 'The city has a strong economy, said Mara Quist, director of the regional planning office.',
    expected: [{ text: 'The city has a strong economy', kind: 'indirect', speaker: 'Mara Quist', cue: 'said' }],
  },
  {
    name: 'an inverted trailing attribution after a comma inside the closing mark',
    text: 'The mayor has strong support, but "the budget is the hardest part of the job," said Mara Quist, a professor.',
    expected: [{ text: 'The mayor has strong support, but "the budget is the hardest part of the job,"', kind: 'mixed', speaker: 'Mara Quist', cue: 'said' }],
  },
  {
    name: 'a manner of speaking as the cue',
    text: '“Go back to your seat right now,” the mayor barked.',
    expected: [{ text: '“Go back to your seat right now,”', kind: 'direct', speaker: 'the mayor', cue: 'barked' }],
  },
  {
    name: '"according to" before a compound the tagger starts with a verb',
    text: 'Young voters made up a third of the electorate, according to exit polls.',
    expected: [{ text: 'Young voters made up a third of the electorate', kind: 'indirect', speaker: 'exit polls', cue: 'according to' }],
  },
  {
    name: 'a count as the speaker, and "say" that the tagger calls a noun',
    text: 'Nearly nine out of 10 say they will need new skills to keep their jobs.',
    expected: [{ text: 'they will need new skills to keep their jobs', kind: 'indirect', speaker: 'nine out of 10', cue: 'say' }],
  },
  {
    name: 'an indirect quote whose speaker is named in an apposition',
    text: "The mayor's spokesman, Ann Lee, said the bridge would reopen in May.",
    expected: [{ text: 'the bridge would reopen in May', kind: 'indirect', speaker: "The mayor's spokesman, Ann Lee", cue: 'said' }],
  },
  {
    name: 'a trailing attribution with a listener and a place after a quote that ends its sentence',
    text: '"We will win." Park told the crowd at a packed rally in Columbus, Ohio, on Saturday night.',
    expected: [{ text: '"We will win."', kind: 'direct', speaker: 'Park', cue: 'told' }],
  },
  {
    name: 'a trailing attribution with a time and a long tail after a quote that ends its sentence',
    text: '"We are done with this race." Park said Monday in a statement posted on his campaign website.',
    expected: [{ text: '"We are done with this race."', kind: 'direct', speaker: 'Park', cue: 'said' }],
  },
  {
    name: 'a "that" before a gerund after a time opens the content',
    text: 'Park said Friday that raising taxes would hurt growth.',
    expected: [{ text: 'that raising taxes would hurt growth', kind: 'indirect', speaker: 'Park', cue: 'said' }],
  },
  {
    name: 'a "that" before a gerund after a place opens the content',
    text: 'The senator said in an interview that cutting the budget was a mistake.',
    expected: [{ text: 'that cutting the budget was a mistake', kind: 'indirect', speaker: 'The senator', cue: 'said' }],
  },
  {
    name: 'a manner of speaking in its other sense is no indirect cue',
    text: 'Stocks snapped a three-day losing streak on Friday. Oil gushed from the damaged well for three days. The jets thundered over the city all night long.',
    expected: [],
  },
  {
    name: 'a manner of speaking after a direct quote',
    text: '"Get out of my office right now," Park snapped.',
    expected: [{ text: '"Get out of my office right now,"', kind: 'direct', speaker: 'Park', cue: 'snapped' }],
  },
  {
    name: 'an indirect quote whose speaker is named in an apposition, with a copula in the content',
    text: "The mayor's spokesman, Ann Lee, said the claims were false.",
    expected: [{ text: 'the claims were false', kind: 'indirect', speaker: "The mayor's spokesman, Ann Lee", cue: 'said' }],
  },
  {
    name: 'an indirect quote whose speaker a parenthesis follows',
    text: 'Sen. Ann Ross (D-Vt.) also said the talks would resume next week.',
    expected: [{ text: 'the talks would resume next week', kind: 'indirect', speaker: 'Ann Ross', cue: 'said' }],
  },
  {
    name: 'an indirect quote whose subject a relative "that" follows',
    text: 'Park said the demands that come with the job erase old barriers.',
    expected: [{ text: 'the demands that come with the job erase old barriers', kind: 'indirect', speaker: 'Park', cue: 'said' }],
  },
  {
    name: 'an indirect quote with "according to" first',
    text: 'According to the ministry, exports fell by 5 percent in May.',
    expected: [{ text: 'exports fell by 5 percent in May', kind: 'indirect', speaker: 'the ministry', cue: 'According to' }],
  },
  {
    name: 'an indirect quote with "according to" last',
    text: 'Exports fell by 5 percent in May, according to the ministry.',
    expected: [{ text: 'Exports fell by 5 percent in May', kind: 'indirect', speaker: 'the ministry', cue: 'according to' }],
  },
  {
    name: 'an indirect quote with a trailing attribution',
    text: 'The talks will resume next week in Geneva, officials said.',
    expected: [{ text: 'The talks will resume next week in Geneva', kind: 'indirect', speaker: 'officials', cue: 'said' }],
  },
  {
    name: 'a headline quote with no speaker',
    text: '“We will not back down on this matter”\n\nThe ministry issued a statement on Monday.',
    expected: [{ text: '“We will not back down on this matter”', kind: 'direct', speaker: null, cue: null }],
  },
];

describe('extract-quotes', () => {
  it.each(cases)('should handle $name', ({ text, expected }) => {
    const { layers } = run(text);
    expect(layers.quotes?.map(brief)).toEqual(expected);
  });

  it('should join a news-style quote over several paragraphs into one quote', () => {
    const paragraphs = [
      '“The first thing we must do is to restore trust between the two governments.',
      '“The second thing is to share information on the threats we both face, every day and without delay.',
      '“The third thing is patience, because none of this will happen overnight,” Park said.',
    ];
    const text = paragraphs.join('\n\n');
    const quotes = run(text).layers.quotes ?? [];
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ start: 0, end: text.indexOf(' Park said'), kind: 'direct' });
    expect(quotes[0]?.speaker?.text).toBe('Park');
  });

  it('should keep a long multi-paragraph quote whole', () => {
    const paragraph = (n: number) => `“Paragraph ${n} of the statement says that the work will go on as planned.`;
    const body = Array.from({ length: 40 }, (_, n) => paragraph(n)).join('\n\n');
    const text = `The minister read a statement.\n\n${body}”\n\nThe meeting ended.`;
    const quotes = (run(text).layers.quotes ?? []).filter((q) => q.kind === 'direct');
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.text.startsWith('“Paragraph 0')).toBe(true);
    expect(quotes[0]?.text.endsWith('planned.”')).toBe(true);
  });

  it('should pair an opener left open over paragraphs with the closer ending a later one (MEANTIME layout)', () => {
    // MEANTIME English (CC BY 4.0), Wikinews "Ford Motor Company cutting 30,000 jobs by 2012", shortened.
    const text = [
      'DesRoiser said, "The St. Thomas plant is old, the product is old, it make sense it is on that list.',
      'This may be just a short-term reprieve, it may be look at permanent closure in two to three years."',
      'The plant makes the Crown Victoria and Grand Marquis cars.',
    ].join('\n\n');
    const { layers, messages } = run(text);
    const end = text.indexOf('years."') + 'years."'.length;
    expect(layers.quotes?.map(brief)).toEqual([
      { text: text.slice(text.indexOf('"The St.'), end), kind: 'direct', speaker: 'DesRoiser', cue: 'said' },
    ]);
    expect(messages).toEqual([]);
  });

  it('should keep an opener closed by nothing at its own paragraph, with a warning, when a new quote opens later', () => {
    const text = 'Park said, "We will never give up the fight for our people.\n\nKim answered, "That is what they all say," and left.';
    const { layers, messages } = run(text);
    expect(layers.quotes?.[0]?.text).toBe('"We will never give up the fight for our people.');
    expect(messages?.map((m) => m.ruleId)).toContain('extract-quotes:unclosed-quote');
  });

  it('should not continue a curly quote with a straight mark opening the next paragraph', () => {
    const text = '“The first thing we must do is to restore trust between us,” Park said.\n\n"Kevin was asleep.\n\n“The second thing is patience, because none of this is quick,” he said.';
    const texts = (run(text).layers.quotes ?? []).filter((q) => q.kind === 'direct').map((q) => q.text);
    expect(texts).toContain('“The second thing is patience, because none of this is quick,”');
  });

  it('should give an unclosed quote up to its paragraph end with a warning', () => {
    const text = 'Park said, “We will never give up the fight for our people.\n\nThe meeting ended at noon.';
    const { layers, messages } = run(text);
    expect(layers.quotes?.map(brief)).toEqual([
      { text: '“We will never give up the fight for our people.', kind: 'direct', speaker: 'Park', cue: 'said' },
    ]);
    expect(messages?.map((m) => m.ruleId)).toEqual(['extract-quotes:unclosed-quote']);
  });

  it('should resolve a pronoun speaker to the subject of the previous attribution', () => {
    const text = 'Park Jin said the talks were useful.\n\nBlinken nodded.\n\n“We need close coordination with Japan,” he said.';
    const quote = (run(text).layers.quotes ?? []).find((q) => q.kind === 'direct');
    expect(quote?.speaker?.text).toBe('he');
    expect(quote?.speakerMention?.text).toBe('Park Jin');
    expect(quote?.speakerEntity).toBeNull();
  });

  it('should give a floating quote paragraph the speaker of the quote before it', () => {
    const floating = '“We also want prosperity for all the people of Korea, in the north and in the south, for many years to come.”';
    const text = `“We want peace,” Park said.\n\n${floating}`;
    const quotes = run(text).layers.quotes ?? [];
    expect(quotes.map(brief)).toEqual([
      { text: '“We want peace,”', kind: 'direct', speaker: 'Park', cue: 'said' },
      { text: floating, kind: 'direct', speaker: 'Park', cue: null },
    ]);
  });

  it('should leave out a short quote line among quotes (a title or slogan), but keep a short headline quote', () => {
    const text = '“We want peace and nothing else,” Park said.\n\n“All Bets Are Off.”\n\nThe talks resumed.';
    expect((run(text).layers.quotes ?? []).map((q) => q.text)).toEqual(['“We want peace and nothing else,”']);
    expect((run(text, { minFloatingWords: 3 }).layers.quotes ?? []).map((q) => q.text)).toContain('“All Bets Are Off.”');
  });

  it('should link "the ministry" to the organization named before', () => {
    const text = 'The Foreign Ministry met on Monday.\n\nThe talks will resume next week, the ministry said.';
    const quote = run(text).layers.quotes?.[0];
    expect(quote?.speaker?.text).toBe('the ministry');
    expect(quote?.speakerMention?.text).toBe('Foreign Ministry');
  });

  it.each([
    ['Foreign Minister Park Jin met Blinken on Monday.\n\n“We need close coordination with Japan,” the minister said.', 'Park Jin'],
    ['Kim Yong, the senator from the coast, arrived late.\n\nThe talks will resume next week, the senator said.', 'Kim Yong'],
  ])('should resolve a titled nominal speaker to the person so titled: %s', (text, name) => {
    const quote = run(text).layers.quotes?.find((q) => q.speaker?.text.startsWith('the '));
    expect(quote?.speakerMention?.text).toBe(name);
  });

  it.each([
    ['Loretta Lynch said her colleague had not worked on the case.', 'Loretta Lynch'],
    ['The talks will resume next week, Ann Lynch said.', 'Ann Lynch'],
  ])('should find the speaker whose surname the tagger calls a verb, inside a recognized name: %s', (text, name) => {
    const { tokens, quotes } = runWithNames(text, [nameAt(text, name)]);
    // The premise: the POS tagger calls "Lynch" a verb.
    expect(tokens.find((token) => token.text === 'Lynch')?.pos).toBe('VERB');
    expect(quotes.map((q) => q.speaker?.text)).toEqual([name]);
  });

  it.each([
    ['Ann Lee: Voters ‘are tired of promises’ and want results now\n\nThe senator spoke in Ohio.', 'mixed'],
    ['Ann Lee: Voters are tired of promises and want results now.\n\nThe senator spoke in Ohio.', 'indirect'],
  ])('should take a line opening with a recognized person and a colon as what the person said: %j', (text, kind) => {
    const { quotes } = runWithNames(text, [nameAt(text, 'Ann Lee')]);
    expect(quotes.map((q) => [q.kind, q.speaker?.text, q.cue?.text, q.text.startsWith('Voters')])).toEqual([[kind, 'Ann Lee', ':', true]]);
    // An organization's name is no such label.
    expect(runWithNames(text, [nameAt(text, 'Ann Lee', 'ORGANIZATION')]).quotes).toEqual([]);
  });

  it.each([
    ['“Ann Lee: Let us start with the economy tonight, senator.”', [['indirect', 'Ann Lee', ':', 'Let us start with the economy tonight, senator.']]],
    ['Ross wrote: “\nAnn Lee: we are going to win this race for sure', [['direct', 'Ross', 'wrote', '“\nAnn Lee: we are going to win this race for sure']]],
    ['“Ann Lee: you base your claims on doctored photos,” Ross tweeted.', [['direct', 'Ross', 'tweeted', '“Ann Lee: you base your claims on doctored photos,”']]],
  ])('should give one quote, not two overlapping ones, for a quoted line opening with a person and a colon: %j', (text, expected) => {
    const { quotes } = runWithNames(text, [nameAt(text, 'Ann Lee')]);
    expect(quotes.map((q) => [q.kind, q.speaker?.text, q.cue?.text, q.text])).toEqual(expected);
  });

  it.each([
    ['Ann Lee: Voters ‘are tired of promises’\n\nThe senator spoke in Ohio.', 'Voters ‘are tired of promises’', 'mixed'],
    ['Ann Lee: ‘We Are Tired Of The Same Old Promises.’\n\nThe senator spoke in Ohio.', '‘We Are Tired Of The Same Old Promises.’', 'direct'],
  ])('should keep the closing mark of a quotation that ends a line opening with a person and a colon: %j', (text, said, kind) => {
    const { quotes } = runWithNames(text, [nameAt(text, 'Ann Lee')]);
    expect(quotes.map((q) => [q.kind, q.speaker?.text, q.text])).toEqual([[kind, 'Ann Lee', said]]);
  });

  it.each([
    'Ann Lee: «We are going to win this race\nAnn Lee: and we will win it again next time',
    'The senator said\nAnn Lee: we are going to win this race',
  ])('should not overlap a transcript line with a quote running into it or out of it: %j', (text) => {
    const starts = [...new Set([text.indexOf('Ann Lee'), text.lastIndexOf('Ann Lee')])];
    const { quotes } = runWithNames(text, starts.map((start) => ({ start, end: start + 7 })));
    quotes.slice(1).forEach((quote, k) => expect(quote.start).toBeGreaterThanOrEqual(quotes[k]!.end));
    expect(quotes.map((q) => q.speaker?.text)).toContain('Ann Lee');
  });

  it.each([
    ['Sen. Majority Leader Ann Lee: Voters are tired of promises and want results.\n\nMore.', ['Ann Lee']],
    ['Tom Ross Endorses Ann Lee: She is the best candidate this state has.\n\nMore.', []],
  ])('should take a "Name:" label only when the words before the name are titles: %j', (text, speakers) => {
    const { quotes } = runWithNames(text, [nameAt(text, 'Ann Lee')]);
    expect(quotes.filter((q) => q.cue?.text === ':').map((q) => q.speaker?.text)).toEqual(speakers);
  });

  it('should keep a reporting verb that a title-case headline let into a name as the cue', () => {
    const text = 'Ross Warns Voters That The Budget Will Fail';
    // The premise: the tagger calls "Warns" a verb, and the recognizer took it into the name.
    const { tokens, quotes } = runWithNames(text, [nameAt(text, 'Ross Warns')]);
    expect(tokens.find((token) => token.text === 'Warns')?.pos).toBe('VERB');
    expect(quotes.map((q) => q.cue?.text)).toEqual(['Warns']);
  });

  it('should find nothing before bodyStart', () => {
    const header = 'title "This header is a quote," he said.\n';
    const text = `${header}Nothing is said here.`;
    expect(run(text, {}, header.length).layers.quotes).toEqual([]);
  });

  it('should use a configured cue lexicon', () => {
    const text = '“We will see about that next year,” Park mused.';
    expect(run(text).layers.quotes?.[0]?.cue?.text).toBe('mused');
    expect(run(text, { cues: ['say'] }).layers.quotes?.[0]?.cue ?? null).toBeNull();
  });

  it('should reject unknown options', () => {
    expect(() => extractQuotes.options.parse({ cue: ['say'] })).toThrow();
  });

  it('should pair 100,000 quotation marks in linear time', () => {
    // Tokens are built by hand: this measures extract-quotes alone, not the segmenter.
    const text = '“one two three four” '.repeat(25_000) + '“'.repeat(40_000) + '"'.repeat(10_000);
    const tokens = [...text.matchAll(/[\p{L}\p{N}]+|\S/gu)].map((m) => ({
      ...makeSpan(text, m.index, m.index + m[0].length),
      pos: /\p{L}/u.test(m[0]) ? 'NOUN' : 'PUNCT',
      sentence: 0,
    }));
    const doc = makeDoc(text, {
      paragraphs: [makeSpan(text, 0, text.length)],
      sentences: [{ ...makeSpan(text, 0, text.length), tokenStart: 0, tokenEnd: tokens.length, paragraph: 0 }],
      tokens,
      mentions: [],
    });
    const started = performance.now();
    const { layers, messages } = extractQuotes.create(extractQuotes.options.parse({})).run(doc);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(layers.quotes?.length).toBeGreaterThan(0);
    expect(messages?.length).toBeLessThanOrEqual(21);
  });
});

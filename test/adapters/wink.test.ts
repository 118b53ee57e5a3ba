import { describe, expect, it, vi } from 'vitest';

type Adapter = typeof import('../../src/adapters/wink.js');

/** A fresh copy of the adapter module, hence a wink instance that has read nothing yet. */
async function freshAdapter(): Promise<Adapter> {
  vi.resetModules();
  return import('../../src/adapters/wink.js');
}

/** Tokens as `text/POS` and sentences as token ranges, for comparison. */
function analyse(adapter: Adapter, text: string): { tokens: string[]; sentences: string[] } {
  const a = adapter.analyseInto(text, 0, text.length, adapter.emptyAnalysis());
  const tokens: string[] = [];
  for (let i = 0; i < a.tokenCount; i++) tokens.push(`${text.slice(a.starts[i], a.ends[i])}/${a.pos[i]}`);
  const sentences: string[] = [];
  for (let j = 0; j < a.sentenceCount; j++) sentences.push(`${a.sentenceStarts[j]}-${a.sentenceEnds[j]}`);
  return { tokens, sentences };
}

describe('wink adapter', () => {
  it('should read texts with its own engine built from wink\'s modules (wink internals as expected)', async () => {
    const adapter = await freshAdapter();
    expect(adapter.usesEngine()).toBe(true);
  });

  // The engine must give what wink's public readDoc gives (tokens, POS, sentences), also for a
  // piece of text it has met before (memo) and after other texts taught wink words.
  const apiTexts = [
    'Mr. Smith can\u2019t go to the U.S. on Monday, he said. \u201cWe won\u2019t!\u201d 3.5% of $20 isn\'t much\u2026',
    'It was the nation\'s, and the nation\u2019s (nation\'s) "nation\'s" best. Sales rose (USD). It was 5 USD, not 6.',
    'BOEING, Boeing. boeing: Qzxv-Boeing Qzxv-Boeing qzxv-boeing. e-mail a@b.cc https://x.y/z #tag @user 10:30am 1990s 2nd',
    'He said\u00a0"no"\u2009then   left.\n\tNew line; semi-colon: (parenthesised) [bracketed] {braced} 9/11 U.K.-based co-founder',
    // A piece met split before (`Zqxw’s`) and learned whole before a comma later in one text.
    'Zqxw\u2019s business grew.',
    'Closer to Zqxw\u2019s, said Zqxw\u2019s chief.',
    'Kowalczyk\'s Kowalczyk, Kowalczyk. KOWALCZYK\'S \u201cKowalczyk\u201d anti-Kowalczyk Kowalczyk-led ex-Kowalczyk',
  ];
  it.each(apiTexts)('should tokenize, split and tag as wink\'s public API does (%s)', async (text) => {
    const adapter = await freshAdapter();
    for (const other of apiTexts) adapter.readWithEngine(other);
    const expected = adapter.readWithApi(text);
    expect(adapter.readWithEngine(text)).toEqual(expected);
    expect(adapter.readWithEngine(text)).toEqual(expected);
  });

  // Each teacher makes wink learn words of the probe, in a context that gives them another token
  // category or keeps them whole; the probe must still come out as on a fresh instance.
  it.each([
    ['possessive learned whole inside quotes', 'It was the nation\'s, and the nation’s (nation\'s) "nation\'s" best.', "The nation's central bank raised rates."],
    ['currency learned before a word', 'Sales rose (USD).', 'It was 5 USD, not 6.'],
    ['word learned before a currency', 'It was 5 USD, not 6.', 'Sales rose (USD).'],
    ['capitalised words and their lower case', 'BOEING, Boeing. boeing: Qzxv-Boeing', 'Boeing said on Monday that Qzxv rose.'],
    ['contractions and abbreviations', "They can't go. Mr. Smith won't. U.S. officials' plans.", "Mr. Smith can't say. U.S. officials left."],
    // The engine's per-token buffers are reused: a short text after a long one must not see its tail.
    ['short text after a long one (reused buffers)', 'Mr. Smith said. '.repeat(200) + 'He left. Ok.', 'Yes. No.'],
  ])('should analyse a text as a fresh instance does after reading others (%s)', async (_name, teacher, probe) => {
    const expected = analyse(await freshAdapter(), probe);
    const adapter = await freshAdapter();
    analyse(adapter, teacher);
    analyse(adapter, probe);
    analyse(adapter, teacher);
    expect(analyse(adapter, probe)).toEqual(expected);
  });

  // The memo of pieces holds 20,000; a text with more distinct pieces clears it while it is read,
  // after its first tokens took their fields from pieces met before (which do not come again).
  it('should read a text with more distinct pieces than the memo holds as wink\'s public API does', async () => {
    const adapter = await freshAdapter();
    const common = 'The minister said on Monday that the plan, which was new, would help. ';
    adapter.readWithEngine(common);
    const words: string[] = [];
    for (let i = 0; i < 21_000; i++) words.push(`Qv${i.toString(36)}${i % 7 === 0 ? '.' : ''}`);
    const text = `${common}${words.join(' ')}`;
    const expected = adapter.readWithApi(text);
    expect(adapter.readWithEngine(text)).toEqual(expected);
  }, 30_000);

  it('should hide learned words again on a rebuilt instance', async () => {
    const probe = 'It was 5 USD, not 6.';
    const expected = analyse(await freshAdapter(), probe);
    const adapter = await freshAdapter();
    analyse(adapter, 'Sales rose (USD).');
    adapter.rebuildForTests();
    analyse(adapter, 'Sales rose (USD).');
    expect(adapter.usesEngine()).toBe(true);
    expect(analyse(adapter, probe)).toEqual(expected);
  });

  it('should give the currency and the word reading of USD in their own contexts', async () => {
    const adapter = await freshAdapter();
    analyse(adapter, 'Sales rose (USD).');
    expect(analyse(adapter, 'It was 5 USD, not 6.').tokens).toContain('USD/PROPN');
    expect(analyse(adapter, 'Sales rose (USD).').tokens).toContain('USD/SYM');
  });

  // Tokens whose place the engine knows (whole pieces, the tokens of a piece met before) are placed
  // from its spans, without comparing their text:
  // they must land where aligning the public API's token texts puts them, also after characters that
  // are spaces to a regex but not to wink (U+3000, U+2000, \v), and after pieces met before.
  it.each([
    'He said no. He said no.',
    'Mr.\u3000Smith said\u2000no \u000bthen   left.\u2028Yes, he said\u00a0no.\n\tNo.',
    'e-mail a@b.cc (USD) can\u2019t \u3000\u3000 won\u2019t. Boeing Boeing\u3000Boeing',
    'a \u000b b \u3000 c \u2028 d \u1680 e \ufeff f \u000c g. a \u000b b \u3000 c \u2028 d \u1680 e \ufeff f \u000c g.',
  ])('should place tokens where aligning the public API\'s token texts does (%j)', async (text) => {
    const adapter = await freshAdapter();
    const { values } = adapter.readWithApi(text);
    const expected: string[] = [];
    let cursor = 0;
    for (const value of values) {
      let found = cursor;
      while (found < text.length && /\s/.test(text[found]!)) found++;
      if (value.length === 0 || !text.startsWith(value, found)) continue;
      expected.push(`${found}-${found + value.length}`);
      cursor = found + value.length;
    }
    adapter.readWithEngine(text);
    for (let round = 0; round < 2; round++) {
      const a = adapter.analyseInto(text, 0, text.length, adapter.emptyAnalysis());
      const spans: string[] = [];
      for (let i = 0; i < a.tokenCount; i++) spans.push(`${a.starts[i]}-${a.ends[i]}`);
      expect(spans).toEqual(expected);
    }
  });
});

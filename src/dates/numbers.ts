/**
 * Numbers written in words or digits, as they appear in time expressions ("twenty four", "2 1/2", "a few").
 */

const UNITS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100, thousand: 1000, dozen: 12, half: 0.5,
};

/** Words that stand for an unknown count (TIMEX3 `X`). */
const VAGUE = new Set(['few', 'several', 'some', 'many', 'couple', 'number']);

/** Regex source for a count: digits (with a fraction) or number words, incl. vague ones. */
export const NUMBER_SOURCE =
  '(?:(?<!\\d,)\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?(?:\\s1\\/2)?|(?:a\\s+)?(?:few|several|couple(?:\\s+of)?|number\\s+of)|some|many|a|an|' +
  '(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?|' +
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|' +
  'a\\s+hundred|a\\s+dozen|(?:one|two|three|four|five)\\s+hundred|hundreds\\s+of|dozens\\s+of|a\\s+thousand|(?:one|two|three)\\s+thousand)' +
  '(?:\\s+and\\s+a\\s+half)?)';

/**
 * The value of a count, `'X'` for a vague one, or null when it is not a number.
 * @param text as matched by {@link NUMBER_SOURCE}
 */
export function parseNumber(text: string): number | 'X' | null {
  const lower = text.toLowerCase().replace(/,(?=\d{3})/g, '');
  const fraction = /^(\d+)\s1\/2$/.exec(lower);
  if (fraction) return Number(fraction[1]) + 0.5;
  if (/^\d+(?:\.\d+)?$/.test(lower)) return Number(lower);
  const half = /\s+and\s+a\s+half$/.test(lower) ? 0.5 : 0;
  const words = lower
    .replace(/\s+and\s+a\s+half$/, '')
    .split(/[\s-]+/)
    .filter((word) => word !== 'of');
  if (words.some((word) => VAGUE.has(word) || word === 'hundreds' || word === 'dozens')) {
    return words.includes('couple') ? 2 : 'X';
  }
  let total = 0;
  let current = 0;
  for (const word of words) {
    const value = UNITS[word];
    if (value === undefined) return null;
    // "a hundred": the article is the multiplier's 1, not an extra unit.
    if (value === 100 || value === 1000 || value === 12) current = Math.max(1, current) * value;
    else current += value;
    if (value === 1000) {
      total += current;
      current = 0;
    }
  }
  if (words[0] === 'a' && words.length === 1) return 1 + half;
  return total + current + half;
}

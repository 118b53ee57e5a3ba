/**
 * A small synthetic corpus of news-like articles, written by hand for tests (no gold text).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PEOPLE = ['Park Jin', 'Maria Lopez', 'John Carter', 'Aiko Tanaka', 'Samuel Okafor'];
const ORGS = ['the Foreign Ministry', 'Acme Corp.', 'the World Bank', 'Yonhap'];
const DAYS = ['Monday', 'Tuesday', 'last week', 'on June 3', 'in 2019'];

/**
 * Write `count` articles into `folder` and return their ids.
 * @param folder where to write
 * @param count how many articles
 */
export function writeSyntheticCorpus(folder: string, count: number): string[] {
  mkdirSync(folder, { recursive: true });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const person = PEOPLE[i % PEOPLE.length]!;
    const other = PEOPLE[(i + 2) % PEOPLE.length]!;
    const org = ORGS[i % ORGS.length]!;
    const surname = person.split(' ').at(-1)!;
    const text = [
      `date 2022-06-${String((i % 28) + 1).padStart(2, '0')}`,
      `${person} met ${other} in Seoul ${DAYS[i % DAYS.length]}, ${org} said.`,
      '',
      `“We will work together on trade, energy and security,” ${surname} said after the talks.`,
      '',
      `According to ${org}, the two sides agreed to meet again next year. Article ${i}.`,
    ].join('\n');
    const id = `article-${String(i).padStart(4, '0')}`;
    writeFileSync(join(folder, `${id}.txt`), text);
    ids.push(id);
  }
  return ids;
}

#!/usr/bin/env node
/**
 * node scripts/bench-link-scale.mjs [documents=100000]
 *
 * Corpus-wide linking at scale: streams N synthetic document summaries (15 entities each, names drawn
 * from skewed pools of 400 given and 2,000 family names, a fifth of them short forms) through
 * linkCorpus, as a run does from its cache, and prints the time, the entities found and the memory.
 * Prints one JSON line last, which scripts/bench.mjs reads. Needs dist/ (npm run build).
 */
import { linkCorpus } from '../dist/linking/link-corpus.js';

const documents = Number(process.argv[2] ?? 100_000);
let seed = 1;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const given = Array.from({ length: 400 }, (_, i) => `Given${i}`);
const family = Array.from({ length: 2000 }, (_, i) => `Family${i}`);

function* summaries() {
  for (let d = 0; d < documents; d++) {
    const entities = [];
    const seen = new Set();
    for (let k = 0; k < 15; k++) {
      const first = given[Math.floor(random() ** 3 * given.length)];
      const last = family[Math.floor(random() ** 3 * family.length)];
      const short = random() < 0.2;
      const name = short ? last : `${first} ${last}`;
      const type = random() < 0.6 ? 'PERSON' : 'ORGANIZATION';
      const id = `${type.toLowerCase()}:${name.toLowerCase().replace(/ /g, '-')}`;
      if (seen.has(id)) continue;
      seen.add(id);
      entities.push({ id, name, type, aliases: short ? [] : [last], mentions: 3, quotes: 1, titles: random() < 0.3 ? ['minister'] : [] });
    }
    yield { docId: `doc-${String(d).padStart(7, '0')}`, entities };
  }
}

const started = performance.now();
const linked = linkCorpus(summaries());
const seconds = (performance.now() - started) / 1000;
const memory = process.memoryUsage();
const result = {
  documents,
  entities: linked.entities.length,
  seconds: Number(seconds.toFixed(1)),
  heapMb: Math.round(memory.heapUsed / 2 ** 20),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
console.log(`linkCorpus over ${documents} documents: ${result.entities} entities in ${result.seconds} s, heap ${result.heapMb} MB, peak RSS ${result.peakRssMb} MB`);
console.log(JSON.stringify(result));

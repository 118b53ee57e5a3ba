/**
 * Throughput of the recognize-names stage alone (segmentation is done first and not timed).
 *
 *   npx tsx scripts/bench-names.ts [FILE.jsonl | FILE.txt]... [--rounds N]
 *
 * Prints MB of text per second of CPU time on one core (one thread).
 */
import { readFileSync } from 'node:fs';
import { findBodyStart } from '../src/corpus/metadata.js';
import { createDocument, type Document } from '../src/model/document.js';
import { recognizeNames } from '../src/stages/recognize-names.js';
import { segment } from '../src/stages/segment.js';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 5;
const files = args.filter((arg, i) => !arg.startsWith('--') && (roundsAt < 0 || i !== roundsAt + 1));
if (files.length === 0) files.push('../shared/gold/conll2003-dev.jsonl', 'test/gold/meantime-dev.jsonl');

const texts = files.flatMap((file) =>
  file.endsWith('.jsonl')
    ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { text: string }).text)
    : [readFileSync(file, 'utf8')],
);
const segmenter = segment.create({});
const docs: Document[] = texts.map((text, k) => {
  const doc = createDocument({ id: String(k), text, bodyStart: findBodyStart(text).bodyStart });
  Object.assign(doc.layers, segmenter.run(doc).layers);
  return doc;
});
const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);

const loadStarted = performance.now();
const runner = recognizeNames.create(recognizeNames.options.parse({}));
runner.run(docs[0]!);
console.log(`model load + first document: ${(performance.now() - loadStarted).toFixed(0)} ms`);

// CPU time, not wall time: the machine is shared, and a busy neighbour must not count against us.
let best = Infinity;
for (let round = 0; round < rounds; round++) {
  const started = process.cpuUsage();
  for (const doc of docs) runner.run(doc);
  const used = process.cpuUsage(started);
  best = Math.min(best, (used.user + used.system) / 1000);
}
console.log(`${docs.length} documents, ${(bytes / 1e6).toFixed(2)} MB: best of ${rounds} rounds ${best.toFixed(0)} ms of CPU`);
console.log(`recognize-names: ${(bytes / 1e6 / (best / 1000)).toFixed(2)} MB/s per core`);

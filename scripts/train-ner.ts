/**
 * Train the name tagger (averaged perceptron, greedy BILOU decoding) and write models/ner.bin.gz.
 * Deterministic: documents are shuffled with a seeded generator, and the gazetteers are sorted.
 *
 *   npx tsx scripts/train-ner.ts [--train FILE]... [--dev FILE] [--epochs N] [--bits B] [--seed S] [--out FILE]
 */
import { lexiconGazetteer } from '../src/adapters/compromise.js';
import { readGoldDocuments, type GoldDocument } from '../src/ner/corpus.js';
import { FeatureExtractor, MODEL_FEATURE_VERSION, type PreparedDocument } from '../src/ner/features.js';
import { Gazetteer, HAND_LISTS, type GazetteerLists, type GazCategory } from '../src/ner/gazetteer.js';
import { DEFAULT_MODEL_PATH, saveModel } from '../src/ner/model.js';
import { decodeTags, ENTITY_TYPES, TAG_COUNT } from '../src/ner/tags.js';
import { createWeights, decode, type Weights } from '../src/ner/tagger.js';

function argument(name: string, fallback: string): string[] {
  const values: string[] = [];
  process.argv.forEach((arg, i) => {
    if (arg === `--${name}` && process.argv[i + 1]) values.push(process.argv[i + 1]!);
  });
  return values.length ? values : [fallback];
}

const trainFiles = argument('train', '../shared/gold/conll2003-train.jsonl');
const devFile = argument('dev', '')[0]!;
const epochs = Number(argument('epochs', '10')[0]);
const bits = Number(argument('bits', '18')[0]);
const seed = Number(argument('seed', '1')[0]);
const out = argument('out', DEFAULT_MODEL_PATH)[0]!;

/** mulberry32: a small seeded generator, so shuffles are reproducible. */
function random(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gazetteerLists(): GazetteerLists {
  const lists: Record<string, string[]> = { ...lexiconGazetteer() };
  for (const [category, entries] of Object.entries(HAND_LISTS)) {
    lists[category] = [...new Set([...(lists[category] ?? []), ...(entries ?? [])])].sort();
  }
  return lists as Partial<Record<GazCategory, string[]>>;
}

/** Exact-match F1 per type of decoded runs against gold tags. */
function score(docs: GoldDocument[], predicted: Uint8Array[]): string {
  const counts = ENTITY_TYPES.map(() => ({ tp: 0, fp: 0, fn: 0 }));
  docs.forEach((doc, k) => {
    const key = (r: { first: number; last: number; type: number }) => `${r.first}:${r.last}:${r.type}`;
    const gold = new Set(decodeTags(doc.tags).map(key));
    const pred = new Set(decodeTags(predicted[k]!).map(key));
    for (const p of pred) counts[Number(p.split(':')[2])]![gold.has(p) ? 'tp' : 'fp']++;
    for (const g of gold) if (!pred.has(g)) counts[Number(g.split(':')[2])]!.fn++;
  });
  return counts
    .map((c, t) => `${ENTITY_TYPES[t]!.slice(0, 3)} ${((2 * c.tp) / (2 * c.tp + c.fp + c.fn)).toFixed(4)}`)
    .join('  ');
}

const started = performance.now();
const lists = gazetteerLists();
const extractor = new FeatureExtractor(new Gazetteer(lists));
const train = trainFiles.flatMap((file) => readGoldDocuments(file));
const dev = devFile ? readGoldDocuments(devFile) : [];
const prepare = (doc: GoldDocument): PreparedDocument => extractor.prepare(doc.tokens, doc.sentences);
const trainPrepared = train.map(prepare);
const devPrepared = dev.map(prepare);
console.log(`read ${train.length} training documents in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const weights = createWeights(bits);
const totals = new Float64Array(weights.values.length);
const mask = (1 << bits) - 1;
let step = 1;
const rng = random(seed);
const order = train.map((_, k) => k);
for (let epoch = 1; epoch <= epochs; epoch++) {
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(rng() * (k + 1));
    [order[k], order[j]] = [order[j]!, order[k]!];
  }
  for (const k of order) {
    decode(weights, trainPrepared[k]!, train[k]!.sentences, train[k]!.tags, (features, from, to, gold, predicted) => {
      const values = weights.values;
      for (let f = from; f < to; f++) {
        const base = ((features[f]! as number) & mask) * TAG_COUNT;
        values[base + gold]! += 1;
        values[base + predicted]! -= 1;
        totals[base + gold]! += step;
        totals[base + predicted]! -= step;
      }
    });
    step++;
  }
  if (dev.length) {
    const averaged = average(weights, totals, step);
    const predicted = dev.map((doc, k) => decode(averaged, devPrepared[k]!, doc.sentences));
    console.log(`epoch ${epoch}: dev ${score(dev, predicted)}  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
}

function average(w: Weights, sums: Float64Array, steps: number): Weights {
  const values = new Float32Array(w.values.length);
  for (let i = 0; i < values.length; i++) values[i] = w.values[i]! - sums[i]! / steps;
  return { bits: w.bits, values };
}

const final = average(weights, totals, step);
saveModel(out, {
  header: {
    format: 'byline-ner',
    featureVersion: MODEL_FEATURE_VERSION,
    bits,
    tagCount: TAG_COUNT,
    training: { files: trainFiles.map((f) => f.replace(/^.*\//, '')), epochs, seed, documents: train.length },
    gazetteer: lists,
  },
  weights: final,
});
console.log(`wrote ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s`);

/**
 * The name model file: a gzip of a small JSON header (feature version, table size, gazetteers) and the
 * non-zero rows of the weight table (int16). It holds weights and public name lists only, never training text.
 * Loading reads the file next to the package (`models/ner.bin.gz`); nothing is downloaded.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { MODEL_FEATURE_VERSION } from './features.js';
import type { GazetteerLists } from './gazetteer.js';
import { TAG_COUNT } from './tags.js';
import type { Weights } from './tagger.js';

/** Metadata stored with the weights. */
export interface ModelHeader {
  readonly format: 'byline-ner';
  readonly featureVersion: number;
  readonly bits: number;
  readonly tagCount: number;
  /** Free-form description of the training run (data, epochs, seed). */
  readonly training: Record<string, unknown>;
  readonly gazetteer: GazetteerLists;
}

/** A loaded model. */
export interface NameModel {
  readonly header: ModelHeader;
  readonly weights: Weights;
}

/** Where the committed model lives (two levels up from src/ner or dist/ner). */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../models/ner.bin.gz', import.meta.url));

/**
 * Serialize a model: non-zero rows only, weights quantized to int16 (the arg-max over tags only needs
 * their order, and one scale for the whole table keeps sums comparable).
 * @param path file to write
 */
export function saveModel(path: string, model: NameModel): void {
  const { values } = model.weights;
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]!));
  const scale = largest > 0 ? 32767 / largest : 1;
  const rows: number[] = [];
  for (let row = 0; row < values.length / TAG_COUNT; row++) {
    const base = row * TAG_COUNT;
    for (let t = 0; t < TAG_COUNT; t++) {
      if (Math.round(values[base + t]! * scale) !== 0) {
        rows.push(row);
        break;
      }
    }
  }
  const header = Buffer.from(JSON.stringify(model.header), 'utf8');
  const ids = new Uint32Array(rows);
  const packed = new Int16Array(rows.length * TAG_COUNT);
  rows.forEach((row, k) => {
    for (let t = 0; t < TAG_COUNT; t++) packed[k * TAG_COUNT + t] = Math.round(values[row * TAG_COUNT + t]! * scale);
  });
  const lengths = new Uint32Array([header.length, rows.length]);
  const body = Buffer.concat([
    Buffer.from(lengths.buffer),
    header,
    Buffer.from(ids.buffer),
    Buffer.from(packed.buffer),
  ]);
  writeFileSync(path, gzipSync(body, { level: 9 }));
}

/**
 * Read a model file.
 * @param path the file; defaults to the committed model
 */
export function readModel(path: string = DEFAULT_MODEL_PATH): NameModel {
  const body = gunzipSync(readFileSync(path));
  const headerLength = body.readUInt32LE(0);
  const rowCount = body.readUInt32LE(4);
  const header = JSON.parse(body.subarray(8, 8 + headerLength).toString('utf8')) as ModelHeader;
  if (header.format !== 'byline-ner' || header.featureVersion !== MODEL_FEATURE_VERSION || header.tagCount !== TAG_COUNT) {
    throw new Error(
      `Unexpected name model \`${path}\` (format ${header.format}, features v${header.featureVersion}), expected byline-ner features v${MODEL_FEATURE_VERSION}: run \`npm run train:names\``,
    );
  }
  let offset = 8 + headerLength;
  const ids = new Uint32Array(body.buffer.slice(body.byteOffset + offset, body.byteOffset + offset + rowCount * 4));
  offset += rowCount * 4;
  const packed = new Int16Array(
    body.buffer.slice(body.byteOffset + offset, body.byteOffset + offset + rowCount * TAG_COUNT * 2),
  );
  return { header, weights: { bits: header.bits, values: packed, rowIndex: rowIndex(ids, header.bits) } };
}

/**
 * The index of a packed table (`Weights.rowIndex`): per 32 rows, a mask of the stored ones and how
 * many stored rows come before them.
 * @param ids the stored rows, ascending (as `saveModel` writes them)
 */
function rowIndex(ids: Uint32Array, bits: number): Uint32Array {
  const index = new Uint32Array(Math.max(1, (1 << bits) >>> 5) * 2);
  for (let k = 0; k < ids.length; k++) {
    if (k > 0 && ids[k]! <= ids[k - 1]!) throw new Error('Unexpected name model: weight rows out of order, expected ascending row ids');
    const w = (ids[k]! >>> 5) << 1;
    index[w] = index[w]! | (1 << (ids[k]! & 31));
  }
  let before = 0;
  for (let w = 0; w < index.length; w += 2) {
    index[w + 1] = before;
    before += popCount(index[w]!);
  }
  return index;
}

function popCount(x: number): number {
  let count = 0;
  for (; x !== 0; x &= x - 1) count++;
  return count;
}

const cache = new Map<string, NameModel>();

/** Read a model once per thread and keep it. */
export function loadModel(path: string = DEFAULT_MODEL_PATH): NameModel {
  let model = cache.get(path);
  if (!model) cache.set(path, (model = readModel(path)));
  return model;
}

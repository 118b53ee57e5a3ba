#!/usr/bin/env node
/**
 * npm run bench [-- --size 50 --concurrency 1,2 --link-docs 100000 --no-ceiling --keep]
 *
 * Builds a deterministic synthetic corpus of --size MB from the sample articles in corpus/ (names,
 * dates and quotes varied with a seeded generator), annotates it with every stage at each
 * concurrency, and prints MB/s, documents/s, tokens/s, each stage's share of the time, the time to
 * the first written document and the peak RSS. Then (unless --no-ceiling) it measures the machine's
 * ceiling for the second core: one one-worker process per core, each annotating its own shard
 * (`--shard k/n`), at the same time and sharing nothing. Last it streams --link-docs synthetic document
 * summaries through the corpus-wide linker and prints its time and memory. Results go to
 * bench/results.json.
 * Needs dist/ (built by `npm ci` / `npm run build`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  allowNegative: true,
  options: {
    size: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '1,2' },
    keep: { type: 'boolean', default: false },
    ceiling: { type: 'boolean', default: true },
    'link-docs': { type: 'string', default: '100000' },
  },
});
const sizeMb = Number(values.size);
const levels = values.concurrency.split(',').map(Number);
const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'dist/cli/bin.js');
if (!existsSync(bin)) {
  console.error('bench: dist/cli/bin.js is missing; run `npm run build` first');
  process.exit(2);
}

/** Mulberry32: a small seeded PRNG, so the corpus is the same on every machine. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Maria', 'John', 'Aiko', 'Samuel', 'Priya', 'Lars', 'Fatima', 'Chen', 'Olga', 'Diego', 'Amara', 'Tomasz', 'Hana', 'Kwame', 'Ines', 'Yusuf'];
const LAST = ['Lopez', 'Carter', 'Tanaka', 'Okafor', 'Sharma', 'Nilsen', 'Haddad', 'Wei', 'Petrova', 'Ramirez', 'Mensah', 'Kowalski', 'Kim', 'Boateng', 'Duarte', 'Demir'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const CUES = ['said', 'told reporters', 'added', 'warned', 'noted'];

function loadBaseArticles() {
  const articles = [];
  const walk = (folder) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.txt')) {
        const meta = path.replace(/\.txt$/, '.meta.json');
        const published = existsSync(meta) ? JSON.parse(readFileSync(meta, 'utf8')).published : null;
        articles.push({ text: readFileSync(path, 'utf8'), published });
      }
    }
  };
  walk(join(root, 'corpus'));
  return articles;
}

function buildCorpus(folder, targetBytes) {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const random = prng(20220615);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const base = loadBaseArticles();
  let bytes = 0;
  let docs = 0;
  let part = 0;
  let lines = [];
  const flush = () => {
    if (lines.length === 0) return;
    writeFileSync(join(folder, `part-${String(part++).padStart(3, '0')}.jsonl`), lines.join('\n') + '\n');
    lines = [];
  };
  while (bytes < targetBytes) {
    const article = base[docs % base.length];
    const person = `${pick(FIRST)} ${pick(LAST)}`;
    const yearShift = Math.floor(random() * 10) - 5;
    let text = article.text
      .replace(/\b(19[5-9]\d|20[0-2]\d)\b/g, (y) => String(Number(y) + yearShift))
      .replace(/\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g, () => pick(WEEKDAYS));
    text += `\n\n“We will keep working on this until it is done,” ${person} ${pick(CUES)} on ${pick(WEEKDAYS)}.\n`;
    const line = JSON.stringify({ id: `bench-${String(docs).padStart(7, '0')}`, text, published: article.published });
    lines.push(line);
    bytes += Buffer.byteLength(text);
    docs++;
    if (lines.length >= 2000) flush();
  }
  flush();
  return { docs, bytes };
}

function runAnnotate(corpusDir, outDir, concurrency) {
  const inputs = readdirSync(corpusDir).sort().map((name) => join(corpusDir, name));
  const started = performance.now();
  const result = spawnSync(process.execPath, [bin, 'annotate', ...inputs, '--out', outDir, '-j', String(concurrency), '--quiet', '--force'], {
    encoding: 'utf8',
    cwd: root,
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) {
    console.error(result.stderr);
    throw new Error(`annotate exited with ${result.status}`);
  }
  const run = JSON.parse(readFileSync(join(outDir, 'run.json'), 'utf8'));
  return { run, wallMs };
}

/** Spawn one `annotate` and resolve when it exits; a failure rejects with its error output. */
function annotateAsync(args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, 'annotate', ...args, '--quiet', '--force'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 || code === 1 ? resolvePromise() : reject(new Error(`annotate ${args.join(' ')} exited with ${code}: ${stderr}`))));
  });
}

/**
 * The most that more cores can give this workload on this machine: `processes` one-worker runs at once,
 * each on its own shard of the corpus, sharing no thread, heap or file. What they lose against one
 * worker alone is the machine's (a one-worker run has the other core for its main thread and V8's
 * helper threads, and the cores share the L3 cache and memory bandwidth), not the pipeline's.
 */
async function measureCeiling(corpusDir, processes) {
  const inputs = readdirSync(corpusDir).sort().map((name) => join(corpusDir, name));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: processes }, (_, k) => annotateAsync([...inputs, '--out', join(root, 'bench', `out-shard${k}`), '-j', '1', '--shard', `${k}/${processes}`])),
  );
  return (performance.now() - started) / 1000;
}

const corpusDir = join(root, 'bench', 'corpus');
// Each run writes into its own folder. On this machine's ext4 (no journal), creating a file costs up to
// ~15 × more for minutes after many files were deleted: the inode allocator checks each free inode for
// a recent deletion (`recently_deleted` in `perf`) and skips it (see docs/performance.md). So the bench
// never measures right after its own clean-up: when outputs were removed less than `SETTLE_MAX_MS`
// ago, it waits `SETTLE_MIN_MS`, then probes what creating a file costs until that is back to normal.
const outDirOf = (concurrency) => join(root, 'bench', `out-j${concurrency}`);
const probeDir = join(root, 'bench', 'out-probe');
const staleOutDirs = () => (existsSync(join(root, 'bench')) ? readdirSync(join(root, 'bench')).filter((name) => /^out(-j\d+|-shard\d+|-probe)?$/.test(name)) : []);
const removedAtFile = join(root, 'bench', '.outputs-removed-at');
/** Freed inodes count as recent for 60 s after their deletion is written back, 5 minutes before. */
const SETTLE_MAX_MS = 6 * 60_000;
/** The least time between a clean-up and a measurement. */
const SETTLE_MIN_MS = 150_000;
/** System CPU per created file that counts as normal: 40–65 µs measured here, 240–700 µs right after a clean-up. */
const NORMAL_CREATE_US = 120;

/** Remove the output folders of earlier runs (and the probes' files), and note when. */
function removeOutputs() {
  const stale = staleOutDirs();
  if (stale.length === 0) return;
  for (const name of stale) rmSync(join(root, 'bench', name), { recursive: true, force: true });
  spawnSync('sync');
  writeFileSync(removedAtFile, `${Date.now()}\n`);
}

/** System CPU (µs) per file of writing 200 files as the pipeline does: a temporary file, renamed into place. */
function fileCreationCost(round) {
  const folder = join(probeDir, String(round));
  mkdirSync(folder, { recursive: true });
  const data = Buffer.alloc(8192, 32);
  const before = process.cpuUsage();
  for (let i = 0; i < 200; i++) {
    writeFileSync(join(folder, `${i}.tmp`), data);
    renameSync(join(folder, `${i}.tmp`), join(folder, `${i}.json`));
  }
  return process.cpuUsage(before).system / 200;
}

/**
 * After a recent clean-up, wait until creating a file costs what it normally does: at least
 * `SETTLE_MIN_MS` (a probe's folder may land in a block group the clean-up left alone: a bench started
 * 4 s after another one's clean-up passed the probe and still spent 9 % more CPU per MB), then until the
 * probe is normal, at most `SETTLE_MAX_MS` after the clean-up.
 */
function settleFileSystem() {
  const removedAt = existsSync(removedAtFile) ? Number(readFileSync(removedAtFile, 'utf8')) : 0;
  const minimum = removedAt + SETTLE_MIN_MS - Date.now();
  if (minimum > 0) {
    console.log(`bench: outputs were removed ${((Date.now() - removedAt) / 1000).toFixed(0)} s ago; waiting ${(minimum / 1000).toFixed(0)} s before measuring …`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, minimum);
  }
  for (let round = 0; Date.now() - removedAt < SETTLE_MAX_MS; round++) {
    const cost = fileCreationCost(round);
    if (cost < NORMAL_CREATE_US) return;
    console.log(`bench: creating a file costs ${cost.toFixed(0)} µs of system time ${((Date.now() - removedAt) / 1000).toFixed(0)} s after outputs were removed (normal: under ${NORMAL_CREATE_US}); waiting …`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 15_000);
  }
}

removeOutputs();
console.log(`bench: building a ${sizeMb} MB synthetic corpus in bench/corpus …`);
const corpus = buildCorpus(corpusDir, sizeMb * 1024 * 1024);
const mb = corpus.bytes / 1024 / 1024;
console.log(`bench: ${corpus.docs} documents, ${mb.toFixed(1)} MB of text`);

const rows = [];
settleFileSystem();
for (const concurrency of levels) {
  console.log(`bench: annotate at concurrency ${concurrency} …`);
  const { run, wallMs } = runAnnotate(corpusDir, outDirOf(concurrency), concurrency);
  const seconds = wallMs / 1000;
  const stageTotal = Object.values(run.timings.stageMs).reduce((a, b) => a + b, 0) || 1;
  rows.push({
    concurrency,
    documents: run.counts.documents,
    failed: run.counts.failed,
    seconds: Number(seconds.toFixed(2)),
    mbPerSecond: Number((mb / seconds).toFixed(2)),
    // MB per CPU-second (all threads): what the pipeline costs, however busy the machine is.
    mbPerCpuSecond: run.timings.cpuMs ? Number((mb / (run.timings.cpuMs / 1000)).toFixed(2)) : null,
    documentsPerSecond: Math.round(run.counts.documents / seconds),
    tokensPerSecond: Math.round(run.counts.tokens / seconds),
    firstDocumentMs: run.timings.firstDocumentMs,
    corpusPassMs: run.timings.corpusPassMs ?? null,
    peakRssMb: run.timings.peakRssMb,
    stageShare: Object.fromEntries(Object.entries(run.timings.stageMs).map(([stage, ms]) => [stage, Number((ms / stageTotal).toFixed(3))])),
    // Each stage's own speed inside the run: MB of text over the time its worker spent in it.
    stageMbPerSecond: Object.fromEntries(Object.entries(run.timings.stageMs).map(([stage, ms]) => [stage, Number((mb / (ms / 1000)).toFixed(2))])),
  });
}

const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.versions.node };
const results = { date: new Date().toISOString().slice(0, 10), machine, corpus: { documents: corpus.docs, megabytes: Number(mb.toFixed(1)) }, runs: rows };
if (rows.length >= 2) results.speedup = Number((rows[1].mbPerSecond / rows[0].mbPerSecond).toFixed(2));
const oneWorker = rows.find((r) => r.concurrency === 1);
const widest = rows.at(-1);
if (values.ceiling && oneWorker && widest.concurrency > 1) {
  const processes = widest.concurrency;
  console.log(`bench: ${processes} independent one-worker processes at once, one shard each (the machine's ceiling) …`);
  const seconds = await measureCeiling(corpusDir, processes);
  const mbPerSecond = mb / seconds;
  results.ceiling = {
    processes,
    seconds: Number(seconds.toFixed(2)),
    mbPerSecond: Number(mbPerSecond.toFixed(2)),
    speedup: Number((mbPerSecond / oneWorker.mbPerSecond).toFixed(2)),
    // How much of that ceiling the pipeline's own workers reach.
    workersShare: Number((widest.mbPerSecond / mbPerSecond).toFixed(2)),
  };
}
// Corpus-wide linking at scale, in its own process so its memory is its own.
const linkDocs = Number(values['link-docs']);
if (linkDocs > 0) {
  console.log(`bench: corpus-wide linking over ${linkDocs} synthetic document summaries …`);
  const scale = spawnSync(process.execPath, [join(root, 'scripts/bench-link-scale.mjs'), String(linkDocs)], { encoding: 'utf8' });
  const last = scale.stdout.trim().split('\n').at(-1) ?? '';
  if (scale.status === 0 && last.startsWith('{')) results.linkScale = JSON.parse(last);
  else console.error(`bench: link scale run failed: ${scale.stderr}`);
}
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');

console.log('');
console.log(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}`);
console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| concurrency | documents | seconds | MB/s | MB per CPU-s | docs/s | tokens/s | first doc (ms) | corpus pass (s) | peak RSS (MB) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.concurrency} | ${r.documents} | ${r.seconds} | ${r.mbPerSecond} | ${r.mbPerCpuSecond ?? '–'} | ${r.documentsPerSecond} | ${r.tokensPerSecond} | ${r.firstDocumentMs} | ${r.corpusPassMs === null ? '–' : (r.corpusPassMs / 1000).toFixed(1)} | ${r.peakRssMb} |`);
}
console.log('');
console.log('stage share of annotation time (concurrency ' + rows[0].concurrency + '):');
for (const [stage, share] of Object.entries(rows[0].stageShare)) {
  console.log(`  ${stage.padEnd(16)} ${(share * 100).toFixed(1).padStart(5)} %   ${rows[0].stageMbPerSecond[stage]} MB/s per core`);
}
if (results.speedup) console.log(`\nspeed-up, ${rows[1].concurrency} workers over ${rows[0].concurrency}: ${results.speedup}×`);
if (results.ceiling) {
  const c = results.ceiling;
  console.log(
    `ceiling: ${c.processes} independent one-worker processes, one shard each: ${c.seconds} s, ${c.mbPerSecond} MB/s, ${c.speedup}× one worker; ${widest.concurrency} workers reach ${(c.workersShare * 100).toFixed(0)} % of it`,
  );
}
if (results.linkScale) {
  const l = results.linkScale;
  console.log(`\ncorpus-wide linking, ${l.documents} documents: ${l.entities} entities in ${l.seconds} s, heap ${l.heapMb} MB, peak RSS ${l.peakRssMb} MB`);
}
console.log('\nbench: wrote bench/results.json');
if (!values.keep) removeOutputs();

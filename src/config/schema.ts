/**
 * The config schema (zod): the one source of config types and defaults.
 * Unknown keys are errors everywhere.
 */
import picomatch from 'picomatch';
import { z } from 'zod';
import { extractQuotes } from '../stages/extract-quotes.js';
import { linkEntities } from '../stages/link-entities.js';
import { recognizeDates } from '../stages/recognize-dates.js';
import { recognizeNames } from '../stages/recognize-names.js';
import { segment } from '../stages/segment.js';

const stageName = z.enum(['segment', 'recognize-names', 'recognize-dates', 'extract-quotes', 'link-entities']);

/** `stages.<name>`: each stage's own options block, defaults filled in. */
const stagesSchema = z
  .strictObject({
    segment: segment.options,
    'recognize-names': recognizeNames.options,
    'recognize-dates': recognizeDates.options,
    'extract-quotes': extractQuotes.options,
    'link-entities': linkEntities.options,
  })
  .prefault({});

/** A glob relative to a walked folder, checked so a typo is a config error rather than an empty run. */
const glob = z
  .string()
  .min(1)
  .superRefine((pattern, ctx) => {
    if (pattern.startsWith('/') || /(^|\/)\.\.(\/|$)/.test(pattern)) {
      ctx.addIssue({ code: 'custom', message: `expected a glob relative to the corpus folder, found \`${pattern}\`` });
      return;
    }
    try {
      picomatch(pattern, { strictBrackets: true });
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `expected a valid glob, found \`${pattern}\`: ${(error as Error).message}` });
    }
  });

const corpusSchema = z
  .strictObject({
    /** Folder annotated when no inputs are given on the command line. */
    folder: z.string().min(1).default('corpus'),
    /** Globs (relative to a walked folder) of files to read. */
    include: z.array(glob).min(1).default(['**/*.txt', '**/*.md']),
    /** Globs of files and folders to skip; the defaults skip sidecars and the corpus's own README, ATTRIBUTION and LICENSE files. */
    exclude: z.array(glob).default(['**/node_modules/**', '**/.git/**', '**/*.meta.json', '**/README.md', '**/ATTRIBUTION.md', '**/LICENSE*']),
    /** Largest file read, in bytes; bigger files get a fatal message. */
    maxFileBytes: z.number().int().positive().default(64 * 1024 * 1024),
  })
  .prefault({});

const outputSchema = z
  .strictObject({
    /** Folder written when `--out` is not given. */
    folder: z.string().min(1).default('output'),
    /** Start each CSV with a UTF-8 byte-order mark so Excel reads accents and curly quotes right. */
    csvBom: z.boolean().default(true),
    /** Neutralize cells a spreadsheet would run as a formula (OWASP CSV injection advice). */
    csvEscapeFormulas: z.boolean().default(true),
    /** Indent per-document JSON files. */
    prettyJson: z.boolean().default(true),
  })
  .prefault({});

const runSchema = z
  .strictObject({
    /** Worker threads; 0 means one per CPU core. */
    concurrency: z.number().int().min(0).max(256).default(0),
    /** Time budget per document, in milliseconds. */
    documentTimeoutMs: z.number().int().positive().default(30_000),
    /**
     * The most heap one document may use, in MB (V8's old generation): a document needing more gets
     * a fatal `run:out-of-memory` message. Raise it for documents of several MB. 0 = V8's default.
     */
    workerHeapMb: z.number().int().min(0).default(512),
    /**
     * Heap limit of the workers that run ordinary documents, in MB (at most `workerHeapMb`). A low
     * limit makes V8 collect garbage early, which keeps memory flat on long runs; a document that
     * needs more is retried alone in a worker with `workerHeapMb`.
     */
    workerBaseHeapMb: z.number().int().min(16).default(192),
  })
  .prefault({});

const evalSchema = z
  .strictObject({
    /** Gold files used by `byline eval` when no `--gold` is given. */
    gold: z.array(z.string().min(1)).default(['test/gold/seed.jsonl', 'test/gold/meantime-dev.jsonl']),
  })
  .prefault({});

/** The whole `pipeline.config.json`. */
export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Stages to run, in order. */
  pipeline: z.array(stageName).min(1).default(['segment', 'recognize-names', 'recognize-dates', 'extract-quotes', 'link-entities']),
  stages: stagesSchema,
  corpus: corpusSchema,
  output: outputSchema,
  run: runSchema,
  eval: evalSchema,
});

/** The resolved config, every default filled in. */
export type Config = z.output<typeof configSchema>;
/** A stage name as used in the config. */
export type StageName = z.infer<typeof stageName>;

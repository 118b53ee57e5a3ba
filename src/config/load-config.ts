/**
 * Load and validate `pipeline.config.json`. Every problem is reported together, each with its path;
 * a broken config never falls back to defaults.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { findStage } from '../pipeline/registry.js';
import { configSchema, type Config } from './schema.js';

/** A config that cannot be used; `problems` holds one line per problem. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((problem) => `${file}: ${problem}`).join('\n'));
  }
}

/**
 * Validate a parsed config object.
 * @param raw the parsed JSON
 * @param file the file name used in messages
 */
export function resolveConfig(raw: unknown, file = 'pipeline.config.json'): Config {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.') || '(root)';
      return `${path}: ${issue.message}`;
    });
    throw new ConfigError(file, problems);
  }
  checkPipelineOrder(result.data, file);
  return result.data;
}

/** Reject a pipeline where a stage requires a layer no earlier stage assigns. */
function checkPipelineOrder(config: Config, file: string): void {
  const available = new Set<string>();
  const problems: string[] = [];
  config.pipeline.forEach((name, index) => {
    const stage = findStage(name);
    if (!stage) return;
    for (const layer of stage.requires) {
      if (!available.has(layer)) {
        problems.push(`pipeline.${index}: stage \`${name}\` requires layer \`${layer}\`, expected an earlier stage that assigns it`);
      }
    }
    for (const layer of stage.assigns) available.add(layer);
  });
  if (problems.length > 0) throw new ConfigError(file, problems);
}

/**
 * Read, parse and validate a config file. A missing default file means "all defaults".
 * @param file path to the config
 * @param required when true, a missing file is an error
 */
export function loadConfig(file: string, required: boolean): { config: Config; hash: string } {
  let source = '{}';
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    if (required || (error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(file, [`cannot read the file (${(error as Error).message})`]);
    }
  }
  let raw: unknown;
  try {
    raw = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(file, [`expected valid JSON, found a syntax error: ${(error as Error).message}`]);
  }
  const config = resolveConfig(raw, file);
  // Hash before paths are made absolute, so shards on machines with different checkouts agree.
  return { config: resolveConfigPaths(config, dirname(resolve(file))), hash: hashConfig(config) };
}

/**
 * Make the file paths inside stage options relative to the config file's folder, not to the
 * current directory, so a config works wherever byline is started from.
 * @param config a resolved config
 * @param base the config file's folder
 */
export function resolveConfigPaths(config: Config, base: string): Config {
  const names = config.stages['recognize-names'];
  const link = config.stages['link-entities'];
  return {
    ...config,
    stages: {
      ...config.stages,
      'recognize-names': names.model ? { ...names, model: resolve(base, names.model) } : names,
      'link-entities': link.knowledgeBase ? { ...link, knowledgeBase: resolve(base, link.knowledgeBase) } : link,
    },
  };
}

/** A stable hash of the resolved config, recorded in run.json and the manifest. */
export function hashConfig(config: Config): string {
  return createHash('sha256').update(stableStringify(config)).digest('hex').slice(0, 16);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

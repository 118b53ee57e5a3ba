/**
 * What the main thread loads at start. `annotate` runs the stages on worker threads; the main thread
 * loads the stage modules only to check the config, so they must not load their NLP libraries and
 * models on import (~0.3 s of CPU at every start, beside the workers' own start).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** What loading a source file loads: static imports and re-exports, not `import type` or `import()`. */
function staticImports(file: string): { modules: string[]; packages: string[] } {
  const source = readFileSync(file, 'utf8');
  const modules: string[] = [];
  const packages: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)) {
    const specifier = match[1]!;
    if (specifier.startsWith('.')) modules.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
    else if (!specifier.startsWith('node:')) packages.push(specifier);
  }
  return { modules, packages };
}

/** The project's modules and the packages that loading `entry` loads. */
function loadedFrom(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const queue = [resolve(entry)];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (modules.has(file)) continue;
    modules.add(file);
    const found = staticImports(file);
    queue.push(...found.modules);
    for (const name of found.packages) packages.add(name);
  }
  return { modules, packages };
}

describe('cli: what the main thread loads at start', () => {
  const { modules, packages } = loadedFrom('src/cli/bin.ts');

  it('should load the CLI, the run, the config check with its stages, and the writers', () => {
    const relative = [...modules].map((file) => file.slice(resolve('.').length + 1));
    expect(relative).toEqual(expect.arrayContaining(['src/cli/main.ts', 'src/pipeline/run-corpus.ts', 'src/stages/segment.ts', 'src/adapters/wink.ts', 'src/sinks/write-csv.ts']));
    expect(packages).toContain('yargs');
  });

  it('should load no NLP library or model (they load on first use, on the workers)', () => {
    expect([...packages].filter((name) => /wink|chrono|compromise/.test(name))).toEqual([]);
  });
});

/**
 * scripts/cv-names.mjs: its temporary folder holds copies of CoNLL-2003 (research-only), so it must go
 * whatever happens. Run here on an invented training file that the training step rejects.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

const root = resolve(import.meta.dirname, '../..');

describe('scripts/cv-names', () => {
  it('should remove its temporary folder when a fold fails', () => {
    const tmp = tempDir();
    const train = join(tmp, 'not-gold.jsonl');
    writeFileSync(train, '{"id":"a"}\n{"id":"b"}\n{"id":"c"}\n');
    const result = spawnSync(process.execPath, ['scripts/cv-names.mjs', '--folds', '2', '--train', train], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: tmp },
    });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toContain('cv-names:');
    expect(readdirSync(tmp).filter((name) => name.startsWith('byline-cv-'))).toEqual([]);
  });

  it('should say what is missing when the training file is not there', () => {
    const result = spawnSync(process.execPath, ['scripts/cv-names.mjs', '--train', join(tempDir(), 'none.jsonl')], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('expected CoNLL-2003 train');
  });
});

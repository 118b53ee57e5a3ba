/**
 * mentions.csv opened by a real spreadsheet: LibreOffice headless converts it to xlsx and back to CSV,
 * and the row count and every text cell must survive (accents, curly quotes, commas, formula-like cells).
 * Runs where `soffice` is installed; .ci/run installs it (see docs/reliability.md for why).
 */
import { parse } from 'csv-parse/sync';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { tempDir } from '../helpers/temp-dir.js';

const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

const ARTICLES = {
  'accents.txt': 'date 2022-06-15\nJosé Müller, the head of Société Générale, met François Hollande in Genève on Monday.\n',
  'quotes.txt': 'date 2022-06-15\n“We disagree, strongly,” said Maria Lopez of Acme Corp. Park Jin said “no”.\n',
  'formula.txt': 'date 2022-06-15\n=cmd|calc said Maria Lopez.\n\n-Park Jin met +Acme Corp. officials, @Yonhap reported.\n',
};

function soffice(args: string[], profile: string): void {
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, ...args], { stdio: 'ignore', timeout: 120_000 });
}

describe.skipIf(!hasSoffice)('write-csv: LibreOffice round trip', () => {
  it('should keep the row count and the text of mentions.csv through xlsx', async () => {
    const dir = tempDir();
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    for (const [name, text] of Object.entries(ARTICLES)) writeFileSync(join(corpus, name), text);
    const out = join(dir, 'out');
    expect(await run(['annotate', corpus, '--out', out, '--quiet'])).toBe(0);
    const csv = join(out, 'csv', 'mentions.csv');
    const original = parse(readFileSync(csv), { columns: true, bom: true }) as Record<string, string>[];
    expect(original.length).toBeGreaterThan(5);

    const work = join(dir, 'lo');
    mkdirSync(work);
    const profile = join(dir, 'profile');
    // Import as UTF-8 (76), comma-separated, quoted fields, no special-number detection.
    soffice(['--infilter=CSV:44,34,76,1,,0,false,true,false,false,false', '--convert-to', 'xlsx', '--outdir', work, csv], profile);
    soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', join(work, 'back'), join(work, 'mentions.xlsx')], profile);
    const back = parse(readFileSync(join(work, 'back', 'mentions.csv')), { columns: true, bom: true }) as Record<string, string>[];

    expect(back).toHaveLength(original.length);
    expect(back.map((row) => row.text)).toEqual(original.map((row) => row.text));
    expect(back.map((row) => row.entity_name)).toEqual(original.map((row) => row.entity_name));
    expect(back.map((row) => row.doc_id)).toEqual(original.map((row) => row.doc_id));
  });
});

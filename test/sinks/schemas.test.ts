import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../src/index.js';
import { documentJsonSchema } from '../../src/sinks/output-schema.js';
import { renderSchemas } from '../../src/sinks/render-schemas.js';
import { toDocumentJson } from '../../src/sinks/document-json.js';

describe('output and config schemas', () => {
  it.each(Object.entries(renderSchemas()))('%s should be up to date (npx tsx scripts/write-schemas.ts)', (file, content) => {
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('should validate the sample article output against the documented schema', () => {
    const doc = annotateText(readFileSync('corpus/000_6cad5f6c5dd24f7a.txt', 'utf8'), { id: 'seed' });
    const json = toDocumentJson(doc);
    const result = documentJsonSchema.safeParse(json);
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(json.mentions.length).toBeGreaterThan(0);
  });

  it('should reject output with an unknown field, so the schema stays complete', () => {
    const json = { ...toDocumentJson(annotateText('Park said so.')), extra: 1 };
    expect(documentJsonSchema.safeParse(json).success).toBe(false);
  });
});

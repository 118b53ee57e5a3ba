/**
 * JSON Schema renderings of the output and config formats, for docs/.
 */
import { z } from 'zod';
import { configSchema } from '../config/schema.js';
import { documentJsonSchema } from './output-schema.js';

/** File path → JSON Schema text. */
export function renderSchemas(): Record<string, string> {
  const render = (schema: z.ZodType, title: string) =>
    JSON.stringify({ title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) }, null, 2) + '\n';
  return {
    'docs/output.schema.json': render(documentJsonSchema, 'byline document output (output/json/<doc-id>.json)'),
    'docs/config.schema.json': render(configSchema, 'byline pipeline.config.json'),
  };
}

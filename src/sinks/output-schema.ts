/**
 * The output format as a zod schema: tests validate real output against it, and
 * `scripts/write-schemas.ts` turns it into docs/output.schema.json.
 */
import { z } from 'zod';

const span = z.strictObject({ start: z.number().int().min(0), end: z.number().int().min(0), text: z.string() });

/** `output/json/<doc-id>.json`. */
export const documentJsonSchema = z.strictObject({
  schemaVersion: z.string().describe('Version of this format (semver)'),
  id: z.string().describe('Document id: relative path without extension, or the JSONL id'),
  source: z.string().describe('Input path, with `:line` for JSONL'),
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().describe('Publication date, or null'),
  status: z.enum(['ok', 'failed']).describe('failed when a fatal message was raised'),
  text: z.string().describe('The text as read (after decoding); every offset points into it'),
  mentions: z.array(
    z.strictObject({
      start: z.number().int().min(0),
      end: z.number().int().min(0),
      text: z.string(),
      type: z.enum(['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC']),
      form: z.enum(['NAM', 'NOM', 'PRO']),
      entity: z.string().nullable(),
    }),
  ),
  dates: z.array(
    z.strictObject({
      start: z.number().int().min(0),
      end: z.number().int().min(0),
      text: z.string(),
      type: z.enum(['DATE', 'TIME', 'DURATION', 'SET']),
      value: z.string().nullable().describe('TIMEX3 value'),
      range: z.strictObject({ start: z.string(), end: z.string() }).nullable().describe('ISO days covered'),
    }),
  ),
  quotes: z.array(
    z.strictObject({
      start: z.number().int().min(0),
      end: z.number().int().min(0),
      text: z.string(),
      kind: z.enum(['direct', 'mixed', 'indirect']),
      cue: span.nullable(),
      speaker: span.nullable(),
      speakerEntity: z.string().nullable(),
      confidence: z.number().min(0).max(1),
    }),
  ),
  entities: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      type: z.enum(['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC']),
      aliases: z.array(z.string()),
      kb: z.string().optional(),
      sameAs: z.array(z.string()).optional().describe('Other ids of the knowledge-base entry'),
      candidates: z.array(z.string()).optional(),
    }),
  ),
  messages: z.array(
    z.strictObject({
      severity: z.enum(['info', 'warning', 'fatal']),
      ruleId: z.string(),
      reason: z.string(),
      start: z.number().int().min(0).optional(),
      end: z.number().int().min(0).optional(),
      line: z.number().int().min(1).optional(),
    }),
  ),
});

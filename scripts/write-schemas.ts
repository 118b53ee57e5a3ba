/**
 * Regenerate docs/output.schema.json and docs/config.schema.json from the zod schemas.
 * Run: npx tsx scripts/write-schemas.ts (a test fails when the committed files are stale).
 */
import { writeFileSync } from 'node:fs';
import { renderSchemas } from '../src/sinks/render-schemas.js';

for (const [file, content] of Object.entries(renderSchemas())) writeFileSync(file, content);

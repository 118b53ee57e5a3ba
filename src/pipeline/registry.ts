/**
 * The built-in stages, in one explicit list. Nothing registers itself on import.
 */
import { extractQuotes } from '../stages/extract-quotes.js';
import { linkEntities } from '../stages/link-entities.js';
import { recognizeDates } from '../stages/recognize-dates.js';
import { recognizeNames } from '../stages/recognize-names.js';
import { segment } from '../stages/segment.js';
import type { Stage } from './stage.js';

/** Every built-in stage, in the default pipeline order. */
export const builtInStages = [segment, recognizeNames, recognizeDates, extractQuotes, linkEntities] as const;

/** Stage names as they appear in `pipeline.config.json`. */
export const stageNames = builtInStages.map((stage) => stage.name);

/** Find a built-in stage by name. */
export function findStage(name: string): Stage | undefined {
  return (builtInStages as readonly Stage[]).find((stage) => stage.name === name);
}

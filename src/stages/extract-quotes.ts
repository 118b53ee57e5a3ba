/**
 * extract-quotes: STUB, replaced by the real stage.
 */
import { z } from 'zod';
import { defineStage } from '../pipeline/stage.js';

const options = z.strictObject({}).prefault({});

export const extractQuotes = defineStage({
  name: 'extract-quotes',
  options,
  requires: [],
  assigns: ['quotes'],
  create() {
    return { run: () => ({ layers: { quotes: [] } }) };
  },
});

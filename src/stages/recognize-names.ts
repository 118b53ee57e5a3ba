/**
 * recognize-names: STUB, replaced by the real stage.
 */
import { z } from 'zod';
import { defineStage } from '../pipeline/stage.js';

const options = z.strictObject({}).prefault({});

export const recognizeNames = defineStage({
  name: 'recognize-names',
  options,
  requires: [],
  assigns: ['mentions'],
  create() {
    return { run: () => ({ layers: { mentions: [] } }) };
  },
});

/**
 * recognize-dates: STUB, replaced by the real stage.
 */
import { z } from 'zod';
import { defineStage } from '../pipeline/stage.js';

const options = z.strictObject({}).prefault({});

export const recognizeDates = defineStage({
  name: 'recognize-dates',
  options,
  requires: [],
  assigns: ['dates'],
  create() {
    return { run: () => ({ layers: { dates: [] } }) };
  },
});

/**
 * link-entities: STUB, replaced by the real stage.
 */
import { z } from 'zod';
import { defineStage } from '../pipeline/stage.js';

const options = z.strictObject({}).prefault({});

export const linkEntities = defineStage({
  name: 'link-entities',
  options,
  requires: [],
  assigns: ['mentions', 'quotes', 'entities'],
  create() {
    return { run: () => ({ layers: { entities: [] } }) };
  },
});

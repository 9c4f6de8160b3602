import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as stats from '../../../src/core/stats/index.js';

test('index re-exports the whole statistics module', () => {
  assert.deepEqual(Object.keys(stats).sort(), [
    'bandIndex',
    'bandLabel',
    'expit',
    'leadsToSettle',
    'logit',
    'normalQuantile',
    'quantile',
    'quantileBreaks',
    'quantileSorted',
    'wilsonInterval',
    'wilsonIntervalFromRate',
    'zForConfidence',
  ]);
});

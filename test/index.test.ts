import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as leadsift from '../src/index.js';

test('the package entry point exposes the main job, the mapping and the core', () => {
  for (const name of [
    'analyze',
    'loadMapping',
    'parseMapping',
    'guessMapping',
    'openStore',
    'closeRate',
    'fitProfile',
    'fitLeadScorer',
    'wilsonInterval',
    'writeFunnelCsv',
    'writeFunnelParquet',
    'trainAdditiveModel',
    'predictProba',
    'modelToSql',
    'trainModel',
    'rocAuc',
  ]) {
    assert.equal(typeof (leadsift as Record<string, unknown>)[name], 'function', name);
  }
  assert.deepEqual(leadsift.VERDICTS, ['qualifies', 'promising', 'below', 'not_enough_data']);
});

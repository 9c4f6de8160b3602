import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideTimeRules, expectedEarlyOutcomes } from '../../src/core/time-rules.js';

const cycles = Float64Array.from([5, 10, 20, 40]);
const input = {
  asOf: new Date('2024-12-31T00:00:00Z'),
  wonCycleDays: Float64Array.from([5, 10, 20, 40, 100]),
  closedCycleDays: cycles,
  firstOutcomeAt: new Date('2024-03-01T00:00:00Z'),
  createdBeforeFirstOutcome: [
    { daysBefore: 7, leads: 10 },
    { daysBefore: 30, leads: 20 },
  ],
  decidedShareAfterFirstOutcome: 0.5,
};

// By hand: F(7) = 1/4, F(30) = 3/4; λ = 10·0.5·0.25 + 20·0.5·0.75 = 1.25 + 7.5 = 8.75.
test('expected early outcomes follow λ = Σ leads · q · F(days before)', () => {
  assert.equal(expectedEarlyOutcomes(input), 8.75);
});

test('a late first outcome moves the start of the outcome window; an early one does not', () => {
  const late = decideTimeRules(input);
  assert.deepEqual(late.outcomesFrom, input.firstOutcomeAt);
  const early = decideTimeRules({ ...input, createdBeforeFirstOutcome: [{ daysBefore: 3, leads: 4 }] });
  assert.equal(early.outcomesFrom, null);
});

// Type 7 90th percentile of [5, 10, 20, 40, 100]: h = 3.6, 40 + 0.6·60 = 76, so 76 days.
test('the horizon is the 90th percentile of time to win, rounded up, unless given', () => {
  assert.equal(decideTimeRules(input).horizonDays, 76);
  assert.equal(decideTimeRules(input, { horizonDays: 30 }).horizonDays, 30);
  assert.equal(decideTimeRules({ ...input, wonCycleDays: new Float64Array() }).horizonDays, null);
});

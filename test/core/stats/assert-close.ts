import assert from 'node:assert/strict';

/** Asserts |actual − expected| <= tolerance, with both numbers in the failure message. */
export function assertClose(
  actual: number,
  expected: number,
  tolerance: number,
  label = 'value',
): void {
  const error = Math.abs(actual - expected);
  assert.ok(
    error <= tolerance,
    `${label}: got ${actual}, expected ${expected} ± ${tolerance} (off by ${error})`,
  );
}

/** Asserts |actual − expected| <= tolerance·|expected|, for values far from 1 in size. */
export function assertRelClose(
  actual: number,
  expected: number,
  tolerance: number,
  label = 'value',
): void {
  assertClose(actual, expected, tolerance * Math.abs(expected), label);
}

/**
 * The option-value parsers of the command line, called directly. Each failure is commander's
 * InvalidArgumentError (exit code 2), with a message naming the value and the expected form.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { appendList, fraction, parseUtcDate, positiveInt, splitList } from '../../src/cli/options.js';

const iso = (value: string) => parseUtcDate(value).toISOString();

function refuses(parse: (v: string) => unknown, value: string, message: RegExp): void {
  assert.throws(
    () => parse(value),
    (error: unknown) => {
      assert.ok(error instanceof InvalidArgumentError, String(error));
      assert.match(error.message, message);
      assert.ok(error.message.includes(value.trim()), `${error.message} names ${value}`);
      return true;
    },
    value,
  );
}

describe('parseUtcDate', () => {
  test('a date alone is 00:00 UTC', () => {
    assert.equal(iso('2024-06-30'), '2024-06-30T00:00:00.000Z');
    assert.equal(iso(' 2024-02-29 '), '2024-02-29T00:00:00.000Z');
    assert.equal(iso('2000-02-29'), '2000-02-29T00:00:00.000Z');
  });

  test('a time without an offset is UTC, with a space or T, with or without seconds', () => {
    assert.equal(iso('2024-06-30 12:00'), '2024-06-30T12:00:00.000Z');
    assert.equal(iso('2024-06-30T12:00:05'), '2024-06-30T12:00:05.000Z');
    assert.equal(iso('2024-06-30 23:59:59.5'), '2024-06-30T23:59:59.500Z');
  });

  test('Z or an explicit offset is honoured', () => {
    assert.equal(iso('2024-06-30T12:00Z'), '2024-06-30T12:00:00.000Z');
    assert.equal(iso('2024-06-30T12:00:00+02:00'), '2024-06-30T10:00:00.000Z');
    assert.equal(iso('2024-06-30 01:30-0530'), '2024-06-30T07:00:00.000Z');
    assert.equal(iso('2024-03-01T01:00+02'), '2024-02-29T23:00:00.000Z');
  });

  test('values that would roll over are refused, saying why', () => {
    refuses(parseUtcDate, '2024-02-30', /February 2024 has 29 days/);
    refuses(parseUtcDate, '2023-02-29', /February 2023 has 28 days/);
    refuses(parseUtcDate, '1900-02-29', /February 1900 has 28 days/);
    refuses(parseUtcDate, '2024-04-31', /April 2024 has 30 days/);
    refuses(parseUtcDate, '2024-13-01', /months run 01-12/);
    refuses(parseUtcDate, '2024-00-10', /months run 01-12/);
    refuses(parseUtcDate, '2024-01-00', /January 2024 has 31 days/);
    refuses(parseUtcDate, '2024-01-01 24:00', /hours run 00-23/);
    refuses(parseUtcDate, '2024-01-01 12:60', /minutes and seconds run 00-59/);
    refuses(parseUtcDate, '2024-01-01 12:00:60', /minutes and seconds run 00-59/);
    refuses(parseUtcDate, '2024-01-01T10:00+25:00', /impossible UTC offset/);
  });

  test('other forms are refused with the accepted forms', () => {
    for (const value of ['30/06/2024', '2024-6-30', '2024-06-30Z', '20240630', 'June 30, 2024', '', 'now']) {
      assert.throws(() => parseUtcDate(value), /YYYY-MM-DD HH:MM\[:SS\]/, value);
    }
  });
});

describe('number options', () => {
  test('fraction takes values strictly between 0 and 1 and hints at percentages', () => {
    const threshold = fraction('a close rate', '0.05');
    assert.equal(threshold('0.05'), 0.05);
    refuses(threshold, '5', /between 0 and 1.*For 5 %, write 0\.05/);
    refuses(threshold, '1', /a close rate between 0 and 1/);
    refuses(threshold, '0', /a close rate between 0 and 1/);
    refuses(threshold, 'abc', /a close rate between 0 and 1/);
    assert.throws(() => threshold(''), InvalidArgumentError);
    refuses(fraction('a confidence level', '0.95'), '95', /confidence level.*For 95 %, write 0\.95/);
  });

  test('positiveInt refuses zero, fractions and blanks', () => {
    assert.equal(positiveInt('30'), 30);
    refuses(positiveInt, '0', /whole number ≥ 1/);
    refuses(positiveInt, '2.5', /whole number ≥ 1/);
    assert.throws(() => positiveInt(' '), InvalidArgumentError);
  });
});

describe('--won lists', () => {
  test('split on commas, trimmed, blanks dropped', () => {
    assert.deepEqual(splitList('yes,true'), ['yes', 'true']);
    assert.deepEqual(splitList(' yes , Closed Won ,, '), ['yes', 'Closed Won']);
    assert.deepEqual(splitList(' , '), []);
  });

  test('a repeated --won adds to the list', () => {
    assert.equal(appendList('yes', undefined), 'yes');
    assert.equal(appendList('true', appendList('yes', undefined)), 'yes,true');
  });
});

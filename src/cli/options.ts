import { InvalidArgumentError } from 'commander';

/**
 * Parsers for option values. Each throws commander's InvalidArgumentError, which commander
 * reports as `option '--x <v>' argument 'value' is invalid. <message>` and the CLI maps to
 * exit code 2; the message says what was expected and how to write it.
 */

/** A share strictly between 0 and 1; a value that looks like a percentage gets a hint. */
export function fraction(what: string, example: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() !== '' && Number.isFinite(n) && n > 0 && n < 1) return n;
    const hint =
      Number.isFinite(n) && n > 1 && n < 100 ? ` For ${n} %, write ${String(n / 100)}.` : '';
    throw new InvalidArgumentError(
      `Expected ${what} between 0 and 1 (exclusive) such as ${example}, got "${value}".${hint}`,
    );
  };
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(`Expected a whole number ≥ 1, got "${value}".`);
  }
  return n;
}

export function nonNegative(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new InvalidArgumentError(`Expected a number ≥ 0, got "${value}".`);
  }
  return n;
}

export const DATE_FORMS =
  'YYYY-MM-DD (00:00 UTC) or YYYY-MM-DD HH:MM[:SS] (space or T), read as UTC unless it ends ' +
  'in Z or an offset such as +02:00';

const DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/**
 * A date or timestamp for --as-of and --outcomes-from, as a UTC instant. Accepts YYYY-MM-DD,
 * YYYY-MM-DD HH:MM[:SS[.fff]] and the same with 'T', optionally ending in Z or ±HH[:MM].
 * Without an offset the value is UTC (never the machine's time zone). Values whose parts do
 * not name a real calendar day and clock time (2024-02-30, 2024-13-01, 24:00) are refused
 * rather than rolled over into the next month or day.
 */
export function parseUtcDate(value: string): Date {
  const text = value.trim();
  const m = DATE.exec(text);
  if (!m) {
    throw new InvalidArgumentError(`Expected a date as ${DATE_FORMS}, e.g. 2024-06-30 or 2024-06-30 17:45; got "${value}".`);
  }
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const millis = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, millis);
  const roundTrips =
    d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day &&
    d.getUTCHours() === hour && d.getUTCMinutes() === minute && d.getUTCSeconds() === second;
  if (!roundTrips) {
    throw new InvalidArgumentError(`"${value}" is not a real ${impossiblePart(year, month, day, hour, minute, second)}. Give an existing date as ${DATE_FORMS}.`);
  }
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const [, sign, hh, mm] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    const hours = Number(hh);
    const minutes = Number(mm ?? 0);
    if (hours > 23 || minutes > 59) {
      throw new InvalidArgumentError(`"${value}" has an impossible UTC offset ${zone}; write it as ±HH:MM, e.g. +02:00.`);
    }
    d.setTime(d.getTime() - (sign === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000);
  }
  return d;
}

function impossiblePart(year: number, month: number, day: number, hour: number, minute: number, second: number): string {
  if (month < 1 || month > 12) return `date: months run 01-12, not ${String(month).padStart(2, '0')}`;
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  if (day < 1 || day > days) return `date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  if (hour > 23) return 'time: hours run 00-23';
  if (minute > 59 || second > 59) return 'time: minutes and seconds run 00-59';
  return 'date';
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * --won may be repeated; its values accumulate into one comma-separated list
 * (`--won yes --won true` is `--won yes,true`).
 */
export function appendList(value: string, previous: string | undefined): string {
  return previous === undefined ? value : `${previous},${value}`;
}

/** Splits a comma-separated option value into its trimmed, non-empty items. */
export function splitList(value: string): string[] {
  return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
}

/**
 * Timestamps of the synthetic export. Internally they are whole seconds since the Unix
 * epoch (UTC), so comparisons and "strictly between" are exact integer arithmetic; in the
 * files they are `YYYY-MM-DD HH:MM:SS` in UTC.
 */

/** Seconds in a day. */
export const DAY_SECONDS = 86_400;

/** Parses a `YYYY-MM-DD` calendar date as UTC midnight, in epoch seconds. */
export function parseDay(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  // Date.UTC rolls 2024-02-30 over to March; a round trip catches that.
  if (!match || new Date(ms).toISOString().slice(0, 10) !== day) {
    throw new RangeError(`expected a calendar date YYYY-MM-DD, got "${day}"`);
  }
  return ms / 1000;
}

/**
 * Returns a formatter from epoch seconds to `YYYY-MM-DD HH:MM:SS`. It caches the date part
 * per day, because millions of interaction rows fall on a few hundred days and building a
 * Date for each row would dominate the cost of writing them.
 */
export function createTimestampFormatter(): (seconds: number) => string {
  const days = new Map<number, string>();
  return (seconds) => {
    const day = Math.floor(seconds / DAY_SECONDS);
    let date = days.get(day);
    if (date === undefined) {
      date = new Date(day * DAY_SECONDS * 1000).toISOString().slice(0, 10);
      days.set(day, date);
    }
    const inDay = seconds - day * DAY_SECONDS;
    const h = Math.floor(inDay / 3600);
    const m = Math.floor((inDay % 3600) / 60);
    const s = inDay % 60;
    return `${date} ${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

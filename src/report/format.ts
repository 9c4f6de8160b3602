/** 0.0789 -> "7.9 %"; keeps one decimal so 1-2 % interaction rates stay distinguishable. */
export function pct(p: number, digits = 1): string {
  return `${(p * 100).toFixed(digits)} %`;
}

export function interval(low: number, high: number): string {
  return `${(low * 100).toFixed(1)}-${(high * 100).toFixed(1)}`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function day(date: Date | null): string {
  return date ? date.toISOString().slice(0, 10) : 'unknown';
}

export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

export interface Column {
  readonly title: string;
  readonly width: number;
  readonly align?: 'left' | 'right';
}

/** Lays rows out in fixed-width columns, cutting long cells, one space between columns. */
export function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => {
        const cell = truncate(cells[i] ?? '', c.width);
        return c.align === 'right' ? cell.padStart(c.width) : cell.padEnd(c.width);
      })
      .join(' ')
      .trimEnd();
  return [line(columns.map((c) => c.title)), ...rows.map(line)];
}

/** Breaks a line at spaces to fit `width`, continuing with its indent plus two spaces. */
export function wrap(line: string, width = 80): string[] {
  if (visibleLength(line) <= width) return [line];
  const indent = ' '.repeat((line.match(/^ */)?.[0].length ?? 0) + 2);
  const out: string[] = [];
  let current = '';
  for (const word of line.trim().split(/ (?!%)/)) {
    const prefix = out.length === 0 ? line.match(/^ */)![0] : indent;
    const candidate = current ? `${current} ${word}` : `${prefix}${word}`;
    if (visibleLength(candidate) > width && current) {
      out.push(current);
      current = `${indent}${word}`;
    } else {
      current = candidate;
    }
  }
  if (current) out.push(current);
  // A single word longer than the width (a URL, an id) cannot be broken at a space.
  return out.map((l) => truncate(l, width));
}

/** Length as shown on a terminal: colour escape codes take no room. */
export function visibleLength(text: string): number {
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

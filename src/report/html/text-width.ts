/**
 * Text widths for Vega's layout in Node, where it has no canvas to measure text and guesses
 * 0.8 em a character (so labels are cut early and charts padded with blank space).
 *
 * The table holds DejaVu Sans advance widths (1/100 em) for printable ASCII, regular and bold,
 * measured in Chromium. DejaVu Sans is the first font the charts ask for and wider than the
 * Helvetica/Arial that stand in for it elsewhere, so these widths are an upper bound: a label
 * never overflows the space laid out for it. Other characters count 1 em.
 */
const REGULAR = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
  34, 34, 84, 84, 84, 53, 100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63,
  61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97,
  63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
];
const BOLD = [
  35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70,
  40, 40, 84, 84, 84, 58, 100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 37, 77, 64, 100, 84, 85, 73, 85, 77, 72,
  68, 81, 77, 110, 77, 72, 73, 46, 37, 46, 84, 50, 50, 67, 72, 59, 72, 68, 44, 72, 71, 34, 34, 67, 34, 104,
  71, 69, 72, 72, 49, 60, 48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84,
];
const OTHER: Readonly<Record<string, number>> = { '×': 84, '…': 100, '–': 50, '≥': 84, '≤': 84, '·': 32 };

/** Width in pixels of `text` at `fontSize` px, regular or bold, as DejaVu Sans sets it. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let hundredths = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    hundredths += code >= 32 && code < 127 ? table[code - 32]! : (OTHER[ch] ?? 100);
  }
  return (hundredths * fontSize) / 100;
}

interface TextItem {
  readonly fontSize?: number | string | null;
  readonly fontWeight?: number | string | null;
  readonly text?: unknown;
}

/** Vega's hook: `textMetrics.width(item, text)`. */
export function vegaTextWidth(item: TextItem, text?: unknown): number {
  const raw = text ?? item.text;
  const value = raw == null ? '' : String(raw).trim();
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600) ||
    (typeof weight === 'string' && Number(weight) >= 600);
  return textWidth(value, size, bold);
}

/** `text` cut with an ellipsis so that it is at most `maxWidth` px wide at `fontSize` px. */
export function fitText(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  const room = maxWidth - textWidth('…', fontSize, bold);
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (textWidth(chars.slice(0, mid).join(''), fontSize, bold) <= room) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Analysis } from '../core/analysis.js';
import { formatReason } from '../core/reasons.js';
import type { Store } from '../data/store.js';
import { literal } from '../data/store.js';
import type { Mql } from '../jobs/analyze.js';

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab or carriage return) as a
 * formula; a leading apostrophe makes it text again, so exported ids cannot run anything.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string): string {
  const safe = spreadsheetSafe(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function mqlsCsv(mqls: readonly Mql[]): string {
  const header = 'lead_id,status,created_at,estimated_close_rate,reason_1,reason_2,reason_3';
  const lines = mqls.map((m) => {
    const reasons = m.reasons.map(formatReason);
    return [
      m.leadId,
      m.status,
      m.createdAt ? m.createdAt.toISOString().slice(0, 19).replace('T', ' ') : '',
      m.estimate.toFixed(4),
      reasons[0] ?? '',
      reasons[1] ?? '',
      reasons[2] ?? '',
    ]
      .map(csvCell)
      .join(',');
  });
  return [header, ...lines].join('\n') + '\n';
}

/** Writes mqls.csv, analysis.json and rejects.csv into `dir`, creating it if needed. */
export async function writeOutputs(
  dir: string,
  analysis: Analysis,
  mqls: readonly Mql[],
  store: Store,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'mqls.csv'), mqlsCsv(mqls));
  writeFileSync(join(dir, 'analysis.json'), `${JSON.stringify(analysis, null, 2)}\n`);
  const safe = (column: string) =>
    `CASE WHEN regexp_matches(${column}, '^[=+\\-@\\t\\r]') THEN '''' || ${column} ELSE ${column} END`;
  await store.run(
    `COPY (SELECT ${safe('file')} AS file, "row", ${safe('"column"')} AS "column",
             ${safe('value')} AS value, reason, ${safe('message')} AS message
           FROM rejects ORDER BY file, "row")
     TO ${literal(join(dir, 'rejects.csv'))} (HEADER, DELIMITER ',')`,
  );
}

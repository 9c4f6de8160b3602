import { existsSync, readdirSync } from 'node:fs';

import { UsageError } from '../errors.js';
import { guessMapping } from '../data/guess-mapping.js';
import { openStore } from '../data/store.js';
import { FUNNEL_FILES, writeFunnelCsv } from '../synth/csv.js';
import { analyzeAndWrite, type AnalysisFlags } from './run-analyze.js';

export interface DemoFlags extends AnalysisFlags {
  readonly leads: number;
  readonly data: string;
}

/** Generates the seeded demo funnel, then runs the main job on it as a user would. */
export async function runDemo(flags: DemoFlags): Promise<void> {
  guardFolder(flags.data);
  const result = await writeFunnelCsv({ seed: flags.seed, leads: flags.leads }, flags.data);
  if (!flags.json) {
    process.stdout.write(
      `Generated a synthetic B2B funnel in ${flags.data}/ (seed ${flags.seed}):\n` +
        `${result.counts.leads.toLocaleString('en-US')} leads, ` +
        `${result.counts.interactions.toLocaleString('en-US')} interactions; ` +
        `its true close rates are in ${FUNNEL_FILES.truth}.\n\n`,
    );
  }
  const scratch = await openStore();
  const mapping = await guessMapping(scratch, [flags.data]).finally(() => scratch.close());
  await analyzeAndWrite(mapping, flags);
}

/** The demo writes only into a new or empty folder, or over an earlier demo's files. */
function guardFolder(dir: string): void {
  if (!existsSync(dir)) return;
  const names = readdirSync(dir);
  const ours = new Set<string>(Object.values(FUNNEL_FILES));
  const foreign = names.filter((n) => !ours.has(n));
  if (names.length > 0 && (!names.includes(FUNNEL_FILES.truth) || foreign.length > 0)) {
    throw new UsageError(
      `${dir} already holds other files (${foreign.slice(0, 3).join(', ')}); the demo would ` +
        'mix with them. Pass --data with a new folder.',
    );
  }
}


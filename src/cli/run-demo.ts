import { resolve } from 'node:path';

import { UsageError } from '../errors.js';
import { guessMapping } from '../data/guess-mapping.js';
import { openStore } from '../data/store.js';
import { FUNNEL_FILES, writeFunnelCsv } from '../synth/csv.js';
import { checkFolderOption } from './checks.js';
import { analyzeAndWrite, checkAnalysisFlags, type AnalysisFlags } from './run-analyze.js';
import { guardGeneratedFolder } from './run-generate.js';

export interface DemoFlags extends AnalysisFlags {
  readonly leads: number;
  readonly data: string;
}

/** Generates the seeded demo funnel, then runs the main job on it as a user would. */
export async function runDemo(flags: DemoFlags): Promise<void> {
  checkFolderOption('--data', flags.data);
  // Only the demo's own files: with Parquet files from `generate` beside them, the analysis
  // would read every table twice.
  const ours = new Set<string>(Object.values(FUNNEL_FILES));
  guardGeneratedFolder('--data', flags.data, 'demo', (name) => ours.has(name));
  if (resolve(flags.out) === resolve(flags.data)) {
    throw new UsageError(
      `--out ${flags.out} is the --data folder; the results would mix with the generated ` +
        'files and be read back as data. Choose another folder for --out.',
    );
  }
  await checkAnalysisFlags(flags);
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

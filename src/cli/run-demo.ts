import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

import { UsageError } from '../errors.js';
import { guessMapping } from '../data/guess-mapping.js';
import { openStore } from '../data/store.js';
import { FUNNEL_FILES, writeFunnelCsv } from '../synth/csv.js';
import { checkFolderOption } from './checks.js';
import { analyzeAndWrite, checkAnalysisFlags, type AnalysisFlags } from './run-analyze.js';

export interface DemoFlags extends AnalysisFlags {
  readonly leads: number;
  readonly data: string;
}

/** Generates the seeded demo funnel, then runs the main job on it as a user would. */
export async function runDemo(flags: DemoFlags): Promise<void> {
  checkFolderOption('--data', flags.data);
  guardFolder(flags.data);
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

/**
 * The demo writes only into a new or empty folder, or over an earlier demo's files: a folder
 * holding truth.json and nothing but the demo's own files.
 */
function guardFolder(dir: string): void {
  if (!existsSync(dir)) return;
  const names = readdirSync(dir).sort();
  if (names.length === 0) return;
  const ours = new Set<string>(Object.values(FUNNEL_FILES));
  const foreign = names.filter((n) => !ours.has(n));
  if (foreign.length > 0) {
    throw new UsageError(
      `--data ${dir} already holds files that are not the demo's (${listSome(foreign)}); the ` +
        'demo would mix with them. Pass --data with a new or empty folder.',
    );
  }
  if (!names.includes(FUNNEL_FILES.truth)) {
    throw new UsageError(
      `--data ${dir} holds ${names.join(', ')} but no ${FUNNEL_FILES.truth}, so it is not an ` +
        `earlier demo's output, and the demo would overwrite ${names.length === 1 ? 'it' : 'them'}. ` +
        'Pass --data with a new or empty folder.',
    );
  }
}

function listSome(names: readonly string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

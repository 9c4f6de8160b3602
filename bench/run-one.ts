import { guessMapping } from '../src/data/guess-mapping.js';
import { loadMapping } from '../src/data/mapping.js';
import { openStore } from '../src/data/store.js';
import { analyze } from '../src/jobs/analyze.js';

/** One measured run in a fresh process, so peak memory belongs to this case alone. */
const [kind, path, mappingFile] = process.argv.slice(2);
const started = performance.now();
const scratch = await openStore();
const mapping =
  kind === 'mapping' ? loadMapping(mappingFile!, path!) : await guessMapping(scratch, [path!]);
scratch.close();
const { analysis, store } = await analyze(mapping);
store.close();
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    leads: analysis.totals.leads,
    interactions: analysis.inputs.find((i) => i.role === 'interactions')?.rows ?? 0,
  })}\n`,
);

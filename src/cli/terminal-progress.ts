import { SingleBar } from 'cli-progress';
import { SILENT, type Progress } from '../jobs/progress.js';

export interface OutputMode {
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
}

/**
 * The progress a command shows: a bar with the step, count and time left on a terminal; a
 * line per finished step with its time under --verbose (anywhere, on stderr); nothing with
 * --quiet, --json or when the output is piped, so scripts read clean output.
 */
export function progressFor(mode: OutputMode, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (mode.verbose) return stepLog(stream);
  if (mode.quiet || mode.json || !process.stdout.isTTY || !stream.isTTY) return SILENT;
  return progressBar(stream);
}

function progressBar(stream: NodeJS.WriteStream): Progress {
  const bar = new SingleBar({
    stream,
    format: '  {bar} {value}/{total} {step}{left}',
    barsize: 20,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 4,
  });
  let started = false;
  let done = -1;
  let total = 0;
  let since = 0;
  // Time left from the pace of the steps so far; unknown until one step has finished.
  const left = () => {
    if (done < 1) return '';
    const seconds = ((performance.now() - since) / done / 1000) * (total - done);
    return ` | about ${seconds < 1 ? '1' : Math.round(seconds)} s left`;
  };
  return {
    begin(steps) {
      total = steps;
      since = performance.now();
      bar.start(total, 0, { step: '', left: '' });
      started = true;
    },
    step(name) {
      if (!started) return;
      done++;
      bar.update(Math.max(0, done), { step: name.slice(0, 40), left: left() });
    },
    end() {
      if (!started) return;
      bar.stop();
      started = false;
    },
  };
}

function stepLog(stream: NodeJS.WriteStream): Progress {
  let current: { name: string; since: number } | undefined;
  const finish = () => {
    if (current) stream.write(`  ${current.name}: ${((performance.now() - current.since) / 1000).toFixed(2)} s\n`);
    current = undefined;
  };
  return {
    begin() {},
    step(name) {
      finish();
      current = { name, since: performance.now() };
    },
    end: finish,
  };
}

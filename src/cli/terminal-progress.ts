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
    format: '  {bar} {value}/{total} {step} | about {eta_formatted} left',
    barsize: 20,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 4,
  });
  let started = false;
  let done = -1;
  return {
    begin(total) {
      bar.start(total, 0, { step: '' });
      started = true;
    },
    step(name) {
      if (!started) return;
      done++;
      bar.update(Math.max(0, done), { step: name.slice(0, 40) });
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

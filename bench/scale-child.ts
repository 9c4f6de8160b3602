import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

export interface ChildResult {
  readonly ok: boolean;
  readonly ms: number;
  /** The last line of stdout (a job's JSON report). */
  readonly lastLine: string;
  /** The end of stdout (64 KiB at most). */
  readonly stdout: string;
  /** Why it failed: "exit code 1", "signal SIGKILL (out of memory?)", "timed out after 60 min". */
  readonly failure?: string;
  /** The end of stderr, for the reader. */
  readonly stderrTail: string;
  /** The lines of stderr that are not stack frames (the error's message), at most three. */
  readonly errorLines: string;
}

let current: ChildProcess | undefined;

/** Kills the child running now, if any (on Ctrl-C of the harness). Only ever our own child. */
export function killCurrentChild(): void {
  if (current?.pid !== undefined && current.exitCode === null) current.kill('SIGKILL');
}

const TAIL = 4096;

/**
 * Runs `node --import tsx <script> ...args` from the repo root in a fresh process, killing it
 * after `timeoutMs`. Never throws for the child's failures: they come back as `failure`. The
 * parent keeps only the child's stdout (one JSON line expected) and the tail of its stderr.
 */
export function runNode(script: string, args: readonly string[], timeoutMs: number): Promise<ChildResult> {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    current = child;
    let stdout = '';
    let stderr = '';
    let stderrHead = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout = (stdout + text).slice(-64 * 1024);
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      if (stderrHead.length < TAIL) stderrHead += text.slice(0, TAIL - stderrHead.length);
      stderr = (stderr + text).slice(-TAIL);
    });
    let timedOut = false;
    const timer =
      Number.isFinite(timeoutMs) && timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, timeoutMs)
        : undefined;
    const finish = (failure: string | undefined) => {
      if (timer) clearTimeout(timer);
      current = undefined;
      const lines = stdout.trim().split('\n');
      done({
        ok: failure === undefined,
        ms: performance.now() - started,
        lastLine: lines[lines.length - 1] ?? '',
        stdout,
        ...(failure !== undefined && { failure }),
        stderrTail: stderr.trim(),
        errorLines: errorLines(stderrHead, stderr),
      });
    };
    child.on('error', (error) => finish(`could not start: ${error.message}`));
    child.on('close', (code, signal) => {
      if (timedOut) return finish(`timed out after ${formatDuration(timeoutMs)}`);
      const heap = /heap limit|heap out of memory/i.test(stderr) ? ': JavaScript heap out of memory' : '';
      if (signal) {
        const oom = heap || (signal === 'SIGKILL' ? ' (killed from outside: out of memory?)' : '');
        return finish(`signal ${signal}${oom}`);
      }
      if (code !== 0) return finish(`exit code ${code}${heap}`);
      finish(undefined);
    });
  });
}

/** The message lines of a Node error on stderr: no stack frames, source excerpts or version line. */
function errorLines(head: string, tail: string): string {
  const lines = [...new Set([...head.split('\n'), ...tail.split('\n')])]
    .map((l) => l.trim())
    // Long lines are source excerpts (tsx prints the transformed module), not messages.
    .filter((l) => l && l.length < 400 && !/^at\s/.test(l) && !/^Node\.js v/.test(l) && !/^\^+$/.test(l) && !l.startsWith('file://'));
  const message = lines.filter((l) => /^[\w.]*(error|exception)\b/i.test(l) || /FATAL|heap out|out of memory/i.test(l));
  return (message.length ? message : lines).slice(0, 3).join(' | ');
}

/** "90s", "30m", "2h" or a number of seconds → milliseconds; "0" or "none" for no limit. */
export function parseDuration(text: string): number {
  if (text === 'none' || text === '0') return Number.POSITIVE_INFINITY;
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|min|h)?$/.exec(text.trim());
  if (!match) throw new Error(`not a duration: "${text}" (write 90s, 30m, 2h or seconds)`);
  const unit = { s: 1, m: 60, min: 60, h: 3600 }[match[2] ?? 's'] ?? 1;
  return Number(match[1]) * unit * 1000;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'no limit';
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${(ms / 1000).toFixed(0)} s`;
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressFor } from '../../src/cli/terminal-progress.js';
import { SILENT } from '../../src/jobs/progress.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const stream = {
    isTTY,
    text: '',
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream as unknown as NodeJS.WriteStream & { text: string };
}

test('no progress is drawn when piped, with --json or with --quiet', () => {
  // The test runner's stdout is a pipe, so even a terminal stderr gets no bar.
  assert.equal(progressFor({}, fakeStream(true)), SILENT);
  assert.equal(progressFor({ json: true }, fakeStream(true)), SILENT);
  assert.equal(progressFor({ quiet: true }, fakeStream(true)), SILENT);
});

test('--verbose logs each finished step with its time, even when piped', () => {
  const stream = fakeStream(false);
  const progress = progressFor({ verbose: true }, stream);
  progress.begin(2);
  progress.step('reading the files');
  progress.step('scoring');
  progress.end();
  const lines = stream.text.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0]!, /^ {2}reading the files: \d+\.\d\d s$/);
  assert.match(lines[1]!, /^ {2}scoring: \d+\.\d\d s$/);
});

/**
 * How a job tells its caller where it is. Jobs announce their steps up front and advance
 * through them; the CLI draws a bar on a terminal and nothing anywhere else.
 */
export interface Progress {
  /** A job of `total` steps begins. */
  begin(total: number): void;
  /** The next step starts, named for the reader. */
  step(name: string): void;
  /** The job is over (also after a failure). */
  end(): void;
}

export const SILENT: Progress = {
  begin() {},
  step() {},
  end() {},
};

/**
 * Problems with what the user gave us (files, columns, values). The CLI maps these to
 * exit code 1 and prints `message`, which always says where the problem is and what to do.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly code: string;
  readonly where: InputLocation;

  constructor(code: string, message: string, where: InputLocation = {}, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.where = where;
  }
}

/** Problems with how a command was called; the CLI maps these to exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface InputLocation {
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  readonly value?: string;
}

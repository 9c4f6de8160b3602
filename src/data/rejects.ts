/** One input row (or cell) that could not be used, and why. Written to `rejects.csv`. */
export interface RejectRow {
  readonly file: string;
  /** 1-based data row number in the file (the header is not counted). */
  readonly row: number;
  readonly column: string;
  readonly value: string;
  /** Stable machine code, e.g. `unparseable_date`; counts are grouped by it. */
  readonly reason: string;
  /** What went wrong and what to do, for people. */
  readonly message: string;
}

export const REJECTS_DDL = `CREATE OR REPLACE TABLE rejects (
  file VARCHAR, "row" INTEGER, "column" VARCHAR, value VARCHAR, reason VARCHAR, message VARCHAR
)`;

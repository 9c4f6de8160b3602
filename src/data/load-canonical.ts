import type { Mapping } from './mapping.js';
import { dropRawTable, readRawTable, type RawTable } from './read-table.js';
import { REJECTS_DDL, type RejectRow } from './rejects.js';
import { requireColumn } from './columns.js';
import { blankSql, DATE_HINT, inListSql, textSql, timestampSql } from './sql-parse.js';
import { ident, literal, type Store } from './store.js';
import { tsLiteral } from './time-facts.js';

/** An attribute of a lead used for profiling: its own column or its account's. */
export interface AttributeSpec {
  readonly name: string;
  /**
   * Its column in `lead_attributes`. Stored under a generated name so that a user column
   * called `lead_idx` or `status` can never be mistaken for one of leadsift's own.
   */
  readonly column: string;
  readonly role: 'fit' | 'activity';
  readonly source: 'lead' | 'account';
  readonly file: string;
}

export interface LoadSummary {
  readonly files: readonly { file: string; rows: number; role: string }[];
  readonly attributes: readonly AttributeSpec[];
}

/**
 * Reads every file the mapping names into the canonical tables (`leads`, `lead_attributes`,
 * `interactions`, `outcomes`) and records each row it cannot use in `rejects`, with the file,
 * row, column, value and what to do about it.
 */
export interface LoadOptions {
  /** Today, from the caller's clock: rows dated after it are typos and are rejected. */
  readonly now?: Date;
}

export async function loadCanonical(
  store: Store,
  mapping: Mapping,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  await store.run(REJECTS_DDL);
  const leadsRaw = await readRawTable(store, mapping.leads.file, 'raw_leads');
  const files = [{ file: leadsRaw.file, rows: leadsRaw.rowCount, role: 'leads' }];
  await insertRejects(store, leadsRaw.malformed);
  await loadLeads(store, mapping, leadsRaw, options.now);

  let accountsRaw: RawTable | undefined;
  if (mapping.accounts) {
    accountsRaw = await readRawTable(store, mapping.accounts.file, 'raw_accounts');
    files.push({ file: accountsRaw.file, rows: accountsRaw.rowCount, role: 'accounts' });
    await insertRejects(store, accountsRaw.malformed);
    await loadAccounts(store, mapping, accountsRaw);
  }
  const attributes = await loadAttributes(store, mapping, leadsRaw, accountsRaw);

  if (mapping.interactions) {
    const raw = await readRawTable(store, mapping.interactions.file, 'raw_interactions');
    files.push({ file: raw.file, rows: raw.rowCount, role: 'interactions' });
    await insertRejects(store, raw.malformed);
    const inPlace = await loadInteractions(store, mapping, raw, options.now);
    if (!inPlace) await dropRawTable(store, raw);
  } else {
    await store.run(
      `CREATE OR REPLACE TABLE interactions (lead_idx INTEGER, type VARCHAR, occurred_at TIMESTAMP);
       CREATE OR REPLACE TABLE interaction_types (type VARCHAR);
       CREATE OR REPLACE TABLE interaction_summary AS
       SELECT 0::BIGINT AS "rows", NULL::TIMESTAMP AS last_at`,
    );
  }

  if (mapping.outcomes) {
    const raw = await readRawTable(store, mapping.outcomes.file, 'raw_outcomes');
    files.push({ file: raw.file, rows: raw.rowCount, role: 'outcomes' });
    await insertRejects(store, raw.malformed);
    await loadDeals(store, mapping, raw, options.now);
    await dropRawTable(store, raw);
  }
  await resolveOutcomes(store, mapping);
  await store.run(
    'DROP TABLE IF EXISTS stage_outcomes; DROP TABLE IF EXISTS raw_outcomes_keyed; ' +
      'DROP TABLE IF EXISTS stage_leads; DROP TABLE IF EXISTS stage_accounts;',
  );
  await dropRawTable(store, leadsRaw);
  if (accountsRaw) await dropRawTable(store, accountsRaw);
  return {
    files,
    attributes,
  };
}

async function insertRejects(store: Store, rows: readonly RejectRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    (r) =>
      `(${literal(r.file)}, ${r.row}, ${literal(r.column)}, ${literal(r.value)}, ` +
      `${literal(r.reason)}, ${literal(r.message)})`,
  );
  await store.run(`INSERT INTO rejects VALUES ${values.join(', ')}`);
}

/**
 * Moves the rows of a staging table whose `problem` is set into `rejects`. Each staging table
 * carries `problem`, `problem_column`, `problem_value` and `problem_message` for this.
 */
async function rejectProblems(store: Store, staging: string, file: string): Promise<void> {
  await store.run(
    `INSERT INTO rejects
     SELECT ${literal(file)}, __row, problem_column, coalesce(problem_value, ''), problem,
       problem_message
     FROM ${ident(staging)} WHERE problem IS NOT NULL ORDER BY __row`,
  );
}

async function loadLeads(
  store: Store,
  mapping: Mapping,
  raw: RawTable,
  now: Date | undefined,
): Promise<void> {
  const m = mapping.leads;
  const id = m.id ? ident(requireColumn(raw, m.id, 'leads.id')) : 'CAST(__row AS VARCHAR)';
  const createdColumn = m.created_at ? requireColumn(raw, m.created_at, 'leads.created_at') : null;
  const created = createdColumn ? ident(createdColumn) : null;
  const account = m.account_id ? ident(requireColumn(raw, m.account_id, 'leads.account_id')) : null;
  const createdTyped = createdColumn ? raw.timestamps.has(createdColumn) : false;
  const createdTs = created
    ? timestampSql(created, mapping.date_formats, createdTyped)
    : 'NULL::TIMESTAMP';
  const createdText = created ? textSql(created) : 'NULL';
  const file = literal(raw.file);
  const usable = `${textSql(id)} IS NOT NULL AND NOT (${createdText} IS NOT NULL
    AND ${createdTs} IS NULL)`;
  await store.run(
    `CREATE OR REPLACE TEMP TABLE stage_leads AS
     WITH parsed AS (
       SELECT __row, ${textSql(id)} AS lead_id, ${createdText} AS created_text,
         ${createdTs} AS created_at, ${account ? textSql(account) : 'NULL'} AS account_id,
         ${usable} AS usable
       FROM raw_leads
     ), repeated AS (
       -- Only ids used more than once get a first row: a grouping, cheaper than a window
       -- over every lead when, as usual, ids are unique.
       SELECT lead_id, min(__row) FILTER (WHERE usable) AS first_row
       FROM parsed GROUP BY lead_id HAVING count(*) > 1
     ), checked AS (
       SELECT parsed.* EXCLUDE (usable), repeated.first_row,
         CASE WHEN lead_id IS NULL THEN 'missing_lead_id'
              WHEN created_text IS NOT NULL AND created_at IS NULL THEN 'unparseable_date'
              WHEN ${futureSql('created_at', now)} THEN 'future_date'
              WHEN first_row <> __row THEN 'duplicate_lead_id' END AS problem
       FROM parsed LEFT JOIN repeated USING (lead_id)
     )
     SELECT *,
       CASE WHEN problem IN ('unparseable_date', 'future_date') THEN ${literal(m.created_at ?? '')}
            ELSE ${literal(m.id ?? '(row number)')} END AS problem_column,
       CASE WHEN problem IN ('unparseable_date', 'future_date') THEN created_text ELSE lead_id END
         AS problem_value,
       CASE problem
         WHEN 'missing_lead_id' THEN 'The lead has no id. Fill in the id or remove the row.'
         WHEN 'unparseable_date' THEN
           'Could not read "' || created_text || '" as a date. ' || ${literal(DATE_HINT)}
         WHEN 'future_date' THEN ${futureMessage('created_text', now)}
         ELSE 'Lead id "' || lead_id || '" was already used at row ' || first_row ||
           '; only that first row is kept. Give each lead its own id or remove the copy.'
       END AS problem_message
     FROM checked`,
  );
  await rejectProblems(store, 'stage_leads', raw.file);
  await store.run(
    `CREATE OR REPLACE TABLE leads AS
     SELECT CAST(row_number() OVER (ORDER BY __row) AS INTEGER) AS lead_idx, lead_id, created_at,
       account_id, __row AS source_row, ${file} AS source_file
     FROM stage_leads WHERE problem IS NULL ORDER BY __row`,
  );
  if (m.outcome) await stageWideOutcome(store, mapping, raw, now);
}

/** The one-wide-table shape: the outcome sits in the lead's own row. */
async function stageWideOutcome(
  store: Store,
  mapping: Mapping,
  raw: RawTable,
  now: Date | undefined,
): Promise<void> {
  const o = mapping.leads.outcome!;
  const column = ident(requireColumn(raw, o.column, 'leads.outcome.column'));
  const closed = o.closed_at ? ident(requireColumn(raw, o.closed_at, 'leads.outcome.closed_at')) : null;
  await stageStatus(store, {
    from: `raw_leads r JOIN leads l ON l.source_row = r.__row`,
    key: 'l.lead_idx',
    status: column,
    statusName: o.column,
    values: o,
    closed,
    closedTyped: o.closed_at ? raw.timestamps.has(requireColumn(raw, o.closed_at, 'leads.outcome.closed_at')) : false,
    closedName: o.closed_at ?? '',
    amount: null,
    formats: mapping.date_formats,
    everyRow: undefined,
    now,
  });
  await rejectProblems(store, 'stage_outcomes', raw.file);
}

interface StatusStaging {
  readonly from: string;
  readonly key: string;
  readonly status: string | null;
  readonly statusName: string;
  readonly values: { won: string[]; lost: string[]; open: string[] };
  readonly closed: string | null;
  /** The close date is already a timestamp in the file. */
  readonly closedTyped: boolean;
  readonly closedName: string;
  readonly amount: string | null;
  readonly formats: readonly string[];
  readonly everyRow: 'won' | 'lost' | undefined;
  readonly now: Date | undefined;
}

/**
 * Stages outcome rows as (key, status, closed_at) with problems marked: unknown status values,
 * unreadable or missing close dates, and decisions dated before the lead was first contacted.
 */
async function stageStatus(store: Store, s: StatusStaging): Promise<void> {
  const known = [...s.values.won, ...s.values.lost, ...s.values.open].map((v) => `"${v}"`);
  const statusSql = s.everyRow
    ? literal(s.everyRow)
    : `CASE WHEN ${inListSql(s.status!, s.values.won)} THEN 'won'
            WHEN ${inListSql(s.status!, s.values.lost)} THEN 'lost'
            WHEN ${inListSql(s.status!, s.values.open)} OR ${blankSql(s.status!)} THEN 'open' END`;
  const closedTs = s.closed ? timestampSql(s.closed, s.formats, s.closedTyped) : 'NULL::TIMESTAMP';
  await store.run(
    `CREATE OR REPLACE TEMP TABLE stage_outcomes AS
     WITH parsed AS (
       SELECT r.__row, ${s.key} AS key, ${s.status ? textSql(s.status) : 'NULL'} AS status_text,
         ${statusSql} AS status, ${s.closed ? textSql(s.closed) : 'NULL'} AS closed_text,
         ${closedTs} AS closed_at, ${s.amount ? `try_cast(${textSql(s.amount)} AS DOUBLE)` : 'NULL::DOUBLE'} AS amount,
         l.created_at AS lead_created_at
       FROM ${s.from}
     )
     SELECT *,
       CASE WHEN status IS NULL THEN 'unknown_outcome'
            WHEN closed_text IS NOT NULL AND closed_at IS NULL THEN 'unparseable_date'
            WHEN status <> 'open' AND ${s.closed ? 'closed_at IS NULL' : 'false'} THEN 'missing_close_date'
            WHEN ${futureSql('closed_at', s.now)} THEN 'future_date'
            WHEN status <> 'open' AND CAST(closed_at AS DATE) < CAST(lead_created_at AS DATE)
              THEN 'outcome_before_first_contact'
       END AS problem,
       CASE WHEN status IS NULL THEN ${literal(s.statusName)} ELSE ${literal(s.closedName)} END
         AS problem_column,
       CASE WHEN status IS NULL THEN status_text ELSE closed_text END AS problem_value,
       CASE WHEN status IS NULL THEN
              'Unknown outcome value "' || status_text || '"; the mapping knows ' ||
              ${literal(known.join(', ') || 'no values')} ||
              '. Add it to won, lost or open in the mapping''s outcome section.'
            WHEN closed_text IS NOT NULL AND closed_at IS NULL THEN
              'Could not read "' || closed_text || '" as a date. ' || ${literal(DATE_HINT)}
            WHEN ${futureSql('closed_at', s.now)} THEN ${futureMessage('closed_text', s.now)}
            WHEN closed_at IS NULL THEN
              'A ' || status || ' outcome needs its close date to tell which interactions came ' ||
              'before it. Fill in the date.'
            ELSE 'Closed ' || strftime(closed_at, '%Y-%m-%d') || ', before the lead was first ' ||
              'contacted on ' || strftime(lead_created_at, '%Y-%m-%d') ||
              '. One of the two dates is wrong: correct it in the CRM and export again.'
       END AS problem_message
     FROM parsed`,
  );
}

async function loadAccounts(store: Store, mapping: Mapping, raw: RawTable): Promise<void> {
  const id = ident(requireColumn(raw, mapping.accounts!.id, 'accounts.id'));
  await store.run(
    `CREATE OR REPLACE TEMP TABLE stage_accounts AS
     WITH keyed AS (
       SELECT *, ${textSql(id)} AS account_key FROM raw_accounts
     ), repeated AS (
       SELECT account_key, min(__row) AS first_row FROM keyed
       WHERE account_key IS NOT NULL GROUP BY account_key HAVING count(*) > 1
     ), parsed AS (
       SELECT keyed.*, repeated.first_row FROM keyed LEFT JOIN repeated USING (account_key)
     )
     SELECT *,
       CASE WHEN account_key IS NULL THEN 'missing_account_id'
            WHEN first_row <> __row THEN 'duplicate_account_id' END AS problem,
       ${literal(mapping.accounts!.id)} AS problem_column, account_key AS problem_value,
       CASE WHEN account_key IS NULL THEN 'The account has no id. Fill it in or remove the row.'
            ELSE 'Account id "' || account_key || '" was already used at row ' || first_row ||
              '; only that first row is kept.' END AS problem_message
     FROM parsed`,
  );
  await rejectProblems(store, 'stage_accounts', raw.file);
  await store.run(
    `CREATE OR REPLACE TABLE accounts AS SELECT * EXCLUDE (problem, problem_column,
       problem_value, problem_message, first_row) FROM stage_accounts WHERE problem IS NULL`,
  );
}

/**
 * Collects fit and activity columns into `lead_attributes`, one row per lead with one text
 * column per attribute. Account columns join in through the lead's account; a name used by
 * both files gets an `account.` prefix on the account side.
 */
async function loadAttributes(
  store: Store,
  mapping: Mapping,
  leadsRaw: RawTable,
  accountsRaw: RawTable | undefined,
): Promise<AttributeSpec[]> {
  const specs: AttributeSpec[] = [];
  const selects: string[] = [];
  const leadSide = (role: 'fit' | 'activity', columns: string[]) => {
    for (const wanted of columns) {
      const column = requireColumn(leadsRaw, wanted, `leads.${role}`);
      const stored = `__a${specs.length}`;
      specs.push({ name: column, column: stored, role, source: 'lead', file: leadsRaw.file });
      selects.push(`${textSql(`r.${ident(column)}`)} AS ${stored}`);
    }
  };
  leadSide('fit', mapping.leads.fit);
  leadSide('activity', mapping.leads.activity);
  if (mapping.accounts && accountsRaw) {
    for (const wanted of mapping.accounts.fit) {
      const column = requireColumn(accountsRaw, wanted, 'accounts.fit');
      // DuckDB matches names case-insensitively, so `Industry` and `industry` would clash.
      const taken = specs.some((s) => s.name.toLowerCase() === column.toLowerCase());
      const name = taken ? `account.${column}` : column;
      const stored = `__a${specs.length}`;
      specs.push({ name, column: stored, role: 'fit', source: 'account', file: accountsRaw.file });
      selects.push(`${textSql(`a.${ident(column)}`)} AS ${stored}`);
    }
  }
  const accountJoin =
    mapping.accounts && mapping.leads.account_id
      ? 'LEFT JOIN accounts a ON a.account_key = l.account_id'
      : '';
  await store.run(
    `CREATE OR REPLACE TABLE lead_attributes AS
     SELECT l.lead_idx${selects.map((s) => `, ${s}`).join('')}
     FROM leads l JOIN raw_leads r ON r.__row = l.source_row ${accountJoin}`,
  );
  return specs;
}

/**
 * Interactions are by far the largest file. From Parquet into a store in memory they stay
 * where they are: `interactions` is a view that checks and keys each row as it is read, since
 * copying tens of millions of rows into a table cost more than every later scan of the file
 * together (and the memory to hold them). Other inputs, or a store on disk that must outlive
 * the files, get a table. Either way one scan counts the clean rows, and only when some fall
 * short does a second scan explain each of them. Returns true when the view reads the file.
 */
async function loadInteractions(
  store: Store,
  mapping: Mapping,
  raw: RawTable,
  now: Date | undefined,
): Promise<boolean> {
  const m = mapping.interactions!;
  const cell = (name: string, role: string) => {
    const column = requireColumn(raw, name, role);
    return { sql: `r.${ident(column)}`, typed: raw.timestamps.has(column) };
  };
  const lead = cell(m.lead_id, 'interactions.lead_id');
  const type = cell(m.type, 'interactions.type');
  const at = m.occurred_at ? cell(m.occurred_at, 'interactions.occurred_at') : null;
  // Kept out of the analysis, but a misspelt detail column is still worth a clear error.
  if (m.detail) requireColumn(raw, m.detail, 'interactions.detail');
  const leadKey = textSql(lead.sql);
  const typeText = textSql(type.sql);
  const atText = at ? textSql(at.sql) : 'NULL';
  const occurred = at ? timestampSql(at.sql, mapping.date_formats, at.typed) : 'NULL::TIMESTAMP';
  const usable = [
    `${typeText} IS NOT NULL`,
    ...(at ? [`${occurred} IS NOT NULL`] : []),
    ...(now ? [`NOT (${futureSql(occurred, now)})`] : []),
  ].join(' AND ');
  // An ENUM holds each type in a byte or two instead of a string per row, and makes
  // grouping by type cheaper.
  const types = await store.column<string>(
    `SELECT DISTINCT ${typeText} AS t FROM ${ident(raw.table)} r WHERE t IS NOT NULL ORDER BY t`,
  );
  const typeEnum = types.length > 0 ? `ENUM(${types.map(literal).join(', ')})` : 'VARCHAR';
  await store.run(
    `CREATE OR REPLACE TABLE interaction_types AS
     SELECT unnest([${types.map(literal).join(', ')}]::VARCHAR[]) AS type`,
  );
  const inPlace = raw.view && store.path === ':memory:';
  await store.run(
    `CREATE OR REPLACE ${inPlace ? 'VIEW' : 'TABLE'} interactions AS
     SELECT l.lead_idx, CAST(${typeText} AS ${typeEnum}) AS type, ${occurred} AS occurred_at
     FROM ${ident(raw.table)} r JOIN leads l ON l.lead_id = ${leadKey}
     WHERE ${usable}`,
  );
  await store.run(
    `CREATE OR REPLACE TABLE interaction_summary AS
     SELECT count(*)::BIGINT AS "rows", max(occurred_at) AS last_at FROM interactions`,
  );
  const [kept = 0] = await store.column<number>(`SELECT "rows"::DOUBLE FROM interaction_summary`);
  if (kept === raw.rowCount - raw.malformed.length) return inPlace;
  await store.run(
    `INSERT INTO rejects
     WITH parsed AS (
       SELECT r.__row, ${leadKey} AS lead_key, l.lead_idx, ${typeText} AS type,
         ${atText} AS at_text, ${occurred} AS occurred_at
       FROM ${ident(raw.table)} r LEFT JOIN leads l ON l.lead_id = ${leadKey}
     ), checked AS (
       SELECT *,
         CASE WHEN lead_key IS NULL THEN 'missing_lead_id'
              WHEN lead_idx IS NULL THEN 'unknown_lead'
              WHEN type IS NULL THEN 'missing_interaction_type'
              WHEN ${at ? 'at_text IS NULL' : 'false'} THEN 'missing_date'
              WHEN at_text IS NOT NULL AND occurred_at IS NULL THEN 'unparseable_date'
              WHEN ${futureSql('occurred_at', now)} THEN 'future_date' END AS problem
       FROM parsed
     )
     SELECT ${literal(raw.file)}, __row,
       CASE WHEN lead_key IS NULL OR lead_idx IS NULL THEN ${literal(m.lead_id)}
            WHEN type IS NULL THEN ${literal(m.type)} ELSE ${literal(m.occurred_at ?? '')} END,
       coalesce(CASE WHEN lead_key IS NULL OR lead_idx IS NULL THEN lead_key
            WHEN type IS NULL THEN '' ELSE at_text END, ''),
       problem,
       CASE WHEN lead_key IS NULL THEN 'The interaction names no lead. Fill in the lead id.'
            WHEN lead_idx IS NULL THEN 'No lead "' || lead_key || '" in the leads file (or it was ' ||
              'rejected there). Export the leads and interactions together.'
            WHEN type IS NULL THEN 'The interaction has no type. Fill it in or remove the row.'
            WHEN at_text IS NULL THEN 'The interaction has no date, so it cannot be placed ' ||
              'before or after the outcome. Fill in the date.'
            WHEN ${futureSql('occurred_at', now)} THEN ${futureMessage('at_text', now)}
            ELSE 'Could not read "' || at_text || '" as a date. ' || ${literal(DATE_HINT)}
       END
     FROM checked WHERE problem IS NOT NULL ORDER BY __row`,
  );
  return inPlace;
}

async function loadDeals(
  store: Store,
  mapping: Mapping,
  raw: RawTable,
  now: Date | undefined,
): Promise<void> {
  const m = mapping.outcomes!;
  const byAccount = Boolean(m.account_id);
  const keyName = (m.lead_id ?? m.account_id)!;
  const key = ident(requireColumn(raw, keyName, byAccount ? 'outcomes.account_id' : 'outcomes.lead_id'));
  const status = m.status ? ident(requireColumn(raw, m.status, 'outcomes.status')) : null;
  const closed = m.closed_at ? ident(requireColumn(raw, m.closed_at, 'outcomes.closed_at')) : null;
  const amount = m.amount ? ident(requireColumn(raw, m.amount, 'outcomes.amount')) : null;
  const col = (c: string | null) => (c ? `r.${c}` : null);
  // An account-level deal speaks for the account's leads that existed when it closed.
  const join = byAccount
    ? `LEFT JOIN leads l ON l.account_id = ${textSql(`r.${key}`)}`
    : `LEFT JOIN leads l ON l.lead_id = ${textSql(`r.${key}`)}`;
  await store.run(
    `CREATE OR REPLACE TEMP TABLE raw_outcomes_keyed AS
     SELECT r.*, ${textSql(`r.${key}`)} AS __deal_key, l.lead_idx AS __lead_idx
     FROM raw_outcomes r ${join}`,
  );
  const unknown = await store.rows<{ __row: number; deal_key: string | null }>(
    `SELECT DISTINCT __row, __deal_key AS deal_key FROM raw_outcomes_keyed
     WHERE __lead_idx IS NULL ORDER BY __row`,
  );
  await insertRejects(
    store,
    unknown.map((u) => ({
      file: raw.file,
      row: u.__row,
      column: keyName,
      value: u.deal_key ?? '',
      reason: u.deal_key ? 'unknown_lead' : 'missing_lead_id',
      message: u.deal_key
        ? `No ${byAccount ? 'account' : 'lead'} "${u.deal_key}" among the loaded leads. ` +
          'Export leads and outcomes together, or remove the row.'
        : 'The outcome names no lead. Fill in the id.',
    })),
  );
  await stageStatus(store, {
    from: `raw_outcomes_keyed r JOIN leads l ON l.lead_idx = r.__lead_idx`,
    key: 'l.lead_idx',
    status: col(status),
    statusName: m.status ?? '',
    values: m,
    closed: col(closed),
    closedTyped: m.closed_at ? raw.timestamps.has(requireColumn(raw, m.closed_at, 'outcomes.closed_at')) : false,
    closedName: m.closed_at ?? '',
    amount: col(amount),
    formats: mapping.date_formats,
    everyRow: m.every_row,
    now,
  });
  if (byAccount) {
    await store.run(
      `DELETE FROM stage_outcomes WHERE problem = 'outcome_before_first_contact'`,
    );
  }
  await rejectProblems(store, 'stage_outcomes', raw.file);
}

/**
 * One outcome per lead: won if any deal was won (at the first win), else open while any deal
 * is open, else lost (at the last loss). Leads with no outcome row take the mapping's default.
 */
async function resolveOutcomes(store: Store, mapping: Mapping): Promise<void> {
  const hasStage = (await store.column<number>(
    `SELECT count(*)::INTEGER FROM duckdb_tables() WHERE table_name = 'stage_outcomes'`,
  ))[0];
  const staged = hasStage
    ? `SELECT key AS lead_idx, status, closed_at, amount FROM stage_outcomes WHERE problem IS NULL`
    : `SELECT NULL::INTEGER AS lead_idx, NULL AS status, NULL::TIMESTAMP AS closed_at,
         NULL::DOUBLE AS amount WHERE false`;
  await store.run(
    `CREATE OR REPLACE TABLE outcomes AS
     WITH per_lead AS (
       SELECT lead_idx,
         CASE WHEN bool_or(status = 'won') THEN 'won'
              WHEN bool_or(status = 'open') THEN 'open' ELSE 'lost' END AS status,
         min(closed_at) FILTER (WHERE status = 'won') AS won_at,
         max(closed_at) FILTER (WHERE status = 'lost') AS lost_at,
         sum(amount) FILTER (WHERE status = 'won') AS amount
       FROM (${staged}) GROUP BY lead_idx
     )
     SELECT l.lead_idx,
       coalesce(p.status, ${literal(mapping.leads_without_outcome)}) AS status,
       CASE p.status WHEN 'won' THEN p.won_at WHEN 'lost' THEN p.lost_at END AS closed_at,
       p.amount
     FROM leads l LEFT JOIN per_lead p USING (lead_idx)
     ORDER BY l.lead_idx`,
  );
  // A lead whose outcome row was rejected has an unknown outcome, not the default one.
  await store.run(
    `ALTER TABLE outcomes ADD COLUMN outcome_rejected BOOLEAN DEFAULT false;
     ${hasStage ? `UPDATE outcomes SET outcome_rejected = true WHERE lead_idx IN
       (SELECT key FROM stage_outcomes WHERE problem IS NOT NULL AND key IS NOT NULL)` : ''}`,
  );
}


function futureSql(column: string, now: Date | undefined): string {
  return now ? `${column} > ${tsLiteral(now)}` : 'false';
}

function futureMessage(text: string, now: Date | undefined): string {
  const today = now ? now.toISOString().slice(0, 10) : '';
  return `'Dated "' || ${text} || '", after today (${today}): a typo that would move the ' ||
    'analysis date. Correct it in the CRM and export again.'`;
}

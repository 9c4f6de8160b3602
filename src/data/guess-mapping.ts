import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { findColumn } from './columns.js';
import { parseMapping, type Mapping } from './mapping.js';
import { readColumns, readRawTable, SUPPORTED_EXTENSIONS, type FileColumns } from './read-table.js';
import { ident, type Store } from './store.js';

const ROLE_NAMES = {
  leads: ['leads', 'lead', 'contacts', 'mqls', 'prospects'],
  accounts: ['accounts', 'account', 'companies', 'company', 'organisations', 'organizations'],
  interactions: ['interactions', 'events', 'activities', 'activity', 'touches', 'touchpoints'],
  outcomes: ['deals', 'outcomes', 'opportunities', 'opportunity', 'pipeline'],
} as const;

const COLUMN_NAMES = {
  leadId: ['lead_id', 'leadid', 'contact_id', 'id'],
  createdAt: ['created_at', 'created', 'created_date', 'create_date', 'first_contact_date'],
  accountId: ['account_id', 'accountid', 'company_id'],
  type: ['type', 'interaction_type', 'event_type', 'activity_type', 'event'],
  occurredAt: ['occurred_at', 'timestamp', 'event_time', 'occurred', 'date', 'created_at'],
  detail: ['detail', 'details', 'page', 'asset', 'campaign'],
  status: ['status', 'stage', 'outcome', 'deal_stage', 'result'],
  closedAt: ['closed_at', 'close_date', 'closed_date', 'won_date', 'closed'],
  amount: ['amount', 'value', 'deal_value', 'close_value'],
} as const;

const WON = ['won', 'closed won', 'closed_won', 'closedwon', 'win', 'customer'];
const LOST = ['lost', 'closed lost', 'closed_lost', 'closedlost', 'loss'];
const OPEN = ['open', 'in progress', 'in_progress', 'engaging', 'prospecting', 'pending'];

export interface WideOutcome {
  readonly column: string;
  readonly won: readonly string[];
}

/** Lists the data files among the paths given: files as they are, folders one level deep. */
export function dataFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      throw new InputError('missing_file', `${path} does not exist. Check the path.`, { file: path });
    }
    if (!isFolder) {
      files.push(path);
      continue;
    }
    for (const name of readdirSync(path).sort()) {
      if ((SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase())) {
        files.push(join(path, name));
      }
    }
  }
  return files;
}

/**
 * Guesses a mapping from file and column names when none is given: `leads`, `accounts`,
 * `interactions` and `deals` files with the usual column names, or one wide file whose
 * outcome column the user names.
 */
export async function guessMapping(
  store: Store,
  paths: readonly string[],
  wide?: WideOutcome,
): Promise<Mapping> {
  const files = dataFiles(paths);
  if (files.length === 0) {
    throw new InputError(
      'no_files',
      `No CSV, JSON lines or Parquet files in ${paths.join(', ')}.`,
    );
  }
  if (files.length === 1 || wide) return guessWide(store, files, wide);
  const role = (names: readonly string[]) => {
    const matching = files.filter((f) => names.includes(stem(f)));
    if (matching.length > 1) {
      throw new UsageError(
        `${matching.map((f) => basename(f)).join(' and ')} could both be the same table; ` +
          'keep one of them in the folder, or name the files in a --mapping file.',
      );
    }
    return matching[0];
  };
  const leadsFile = role(ROLE_NAMES.leads);
  if (!leadsFile) {
    throw new UsageError(
      `Could not tell which of ${files.map((f) => basename(f)).join(', ')} holds the leads. ` +
        'Name it leads.csv (with accounts.csv, interactions.csv, deals.csv beside it) or pass ' +
        '--mapping with a mapping file.',
    );
  }
  const leads = await readColumns(store, leadsFile);
  const accountsFile = role(ROLE_NAMES.accounts);
  const interactionsFile = role(ROLE_NAMES.interactions);
  const outcomesFile = role(ROLE_NAMES.outcomes);
  const leadId = pick(leads, COLUMN_NAMES.leadId, 'lead id');
  const createdAt = findAny(leads, COLUMN_NAMES.createdAt);
  const accountId = findAny(leads, COLUMN_NAMES.accountId);
  const raw: Record<string, unknown> = {
    leads: {
      file: leadsFile,
      id: leadId,
      ...(createdAt && { created_at: createdAt }),
      ...(accountId && accountsFile && { account_id: accountId }),
      fit: leads.columns.filter((c) => ![leadId, createdAt, accountId].includes(c)),
    },
  };
  if (accountsFile && accountId) {
    const accounts = await readColumns(store, accountsFile);
    const id = pick(accounts, [...COLUMN_NAMES.accountId, 'id'], 'account id');
    raw['accounts'] = { file: accountsFile, id, fit: accounts.columns.filter((c) => c !== id) };
  }
  if (interactionsFile) {
    const t = await readColumns(store, interactionsFile);
    const at = findAny(t, COLUMN_NAMES.occurredAt);
    const detail = findAny(t, COLUMN_NAMES.detail);
    raw['interactions'] = {
      file: interactionsFile,
      lead_id: pick(t, COLUMN_NAMES.leadId, 'lead id'),
      type: pick(t, COLUMN_NAMES.type, 'interaction type'),
      ...(at && { occurred_at: at }),
      ...(detail && { detail }),
    };
  }
  if (!outcomesFile) {
    throw new UsageError(
      `No deals file among ${files.map((f) => basename(f)).join(', ')}: leadsift needs ` +
        'outcomes to learn from. Add deals.csv (lead_id, status, closed_at) or pass --mapping.',
    );
  }
  const o = await readColumns(store, outcomesFile);
  const closedAt = findAny(o, COLUMN_NAMES.closedAt);
  const openedAt = findAny(o, ['created_at', 'opened_at', 'engage_date']);
  const amount = findAny(o, COLUMN_NAMES.amount);
  raw['outcomes'] = {
    file: outcomesFile,
    lead_id: pick(o, COLUMN_NAMES.leadId.filter((c) => c !== 'id'), 'lead id'),
    status: pick(o, COLUMN_NAMES.status, 'deal status'),
    won: WON,
    lost: LOST,
    open: OPEN,
    ...(closedAt && { closed_at: closedAt }),
    ...(openedAt && { created_at: openedAt }),
    ...(amount && { amount }),
  };
  return parseMapping(raw, 'the guessed mapping');
}

async function guessWide(store: Store, files: string[], wide?: WideOutcome): Promise<Mapping> {
  if (files.length > 1) {
    throw new UsageError(
      `--outcome reads one wide file, but ${files.length} were given. Name just that file.`,
    );
  }
  const file = files[0]!;
  if (!wide) {
    throw new UsageError(
      `${file} is a single file: name its outcome column and won value, e.g. ` +
        '--outcome y --won yes, or pass --mapping.',
    );
  }
  const table = await readRawTable(store, file, 'guess_wide');
  const column = findColumn(table, wide.column);
  if (!column) {
    throw new InputError('missing_column', `${file}: no outcome column "${wide.column}".`, {
      file,
      column: wide.column,
    });
  }
  const values = await store.column<string>(
    `SELECT DISTINCT trim(${ident(column)}) FROM guess_wide`,
  );
  const won = wide.won.map((w) => w.toLowerCase());
  const id = findAny(table, COLUMN_NAMES.leadId);
  const createdAt = findAny(table, COLUMN_NAMES.createdAt);
  return parseMapping(
    {
      leads: {
        file,
        ...(id && { id }),
        ...(createdAt && { created_at: createdAt }),
        fit: table.columns.filter((c) => ![column, id, createdAt].includes(c)),
        outcome: {
          column,
          won: wide.won,
          lost: values.filter((v) => v !== null && v !== '' && !won.includes(v.toLowerCase())),
        },
      },
    },
    'the guessed mapping',
  );
}

function stem(file: string): string {
  return basename(file, extname(file)).toLowerCase();
}

function findAny(table: FileColumns, names: readonly string[]): string | undefined {
  for (const name of names) {
    const found = findColumn(table, name);
    if (found) return found;
  }
  return undefined;
}

function pick(table: FileColumns, names: readonly string[], role: string): string {
  const found = findAny(table, names);
  if (found) return found;
  throw new InputError(
    'missing_column',
    `${table.file}: found no ${role} column (looked for ${names.map((n) => `"${n}"`).join(', ')}; ` +
      `the file has ${table.columns.map((c) => `"${c}"`).join(', ')}). Rename the column or ` +
      'pass --mapping with a mapping file.',
    { file: table.file },
  );
}

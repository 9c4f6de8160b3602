import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors.js';

const columnList = z.array(z.string().min(1)).default([]);

const columnOptions = z.strictObject({
  /** `number` bands the column by quantiles; `category` keeps each value. */
  type: z.enum(['number', 'category']).optional(),
  bands: z.number().int().min(2).max(20).optional(),
  /** Values given their own label instead of a band, e.g. `'999': never contacted`. */
  labels: z.record(z.string(), z.string()).optional(),
});

const statusValues = {
  won: z.array(z.string()).default([]),
  lost: z.array(z.string()).default([]),
  open: z.array(z.string()).default([]),
};

const leadsSection = z.strictObject({
  file: z.string().min(1),
  /** Without an id column, leads are named by their row number in the file. */
  id: z.string().min(1).optional(),
  created_at: z.string().optional(),
  account_id: z.string().optional(),
  fit: columnList,
  activity: columnList,
  ignore: columnList,
  /** The outcome stored in the lead row itself: the one-wide-table shape. */
  outcome: z
    .strictObject({
      column: z.string().min(1),
      closed_at: z.string().optional(),
      ...statusValues,
    })
    .optional(),
});

const accountsSection = z.strictObject({
  file: z.string().min(1),
  id: z.string().min(1),
  fit: columnList,
  ignore: columnList,
});

const interactionsSection = z.strictObject({
  file: z.string().min(1),
  lead_id: z.string().min(1),
  type: z.string().min(1),
  occurred_at: z.string().optional(),
  detail: z.string().optional(),
});

const outcomesSection = z
  .strictObject({
    file: z.string().min(1),
    lead_id: z.string().optional(),
    account_id: z.string().optional(),
    /** Column holding won / lost / open; omit it when every row of the file is a win. */
    status: z.string().optional(),
    every_row: z.enum(['won', 'lost']).optional(),
    created_at: z.string().optional(),
    closed_at: z.string().optional(),
    amount: z.string().optional(),
    ...statusValues,
  })
  .refine((o) => Boolean(o.lead_id) !== Boolean(o.account_id), {
    message: 'give exactly one of lead_id or account_id',
  })
  .refine((o) => Boolean(o.status) !== Boolean(o.every_row), {
    message: 'give either status (a column) or every_row (won or lost)',
  });

export const mappingSchema = z.strictObject({
  version: z.literal(1).default(1),
  /** strptime formats tried after ISO 8601, e.g. '%d/%m/%Y'. */
  date_formats: z.array(z.string()).default([]),
  /** What a lead with no outcome row is: still open (default) or lost. */
  leads_without_outcome: z.enum(['open', 'lost']).default('open'),
  leads: leadsSection,
  accounts: accountsSection.optional(),
  interactions: interactionsSection.optional(),
  outcomes: outcomesSection.optional(),
  columns: z.record(z.string(), columnOptions).default({}),
});

const checkedMapping = mappingSchema
  .refine((m) => !(m.leads.outcome && m.outcomes), {
    message: 'give the outcome either in leads.outcome (one wide table) or in an outcomes file, not both',
  })
  .refine((m) => Boolean(m.leads.outcome || m.outcomes), {
    message: 'name the outcome: an outcomes section (a deals file) or leads.outcome (a column of the leads file)',
  })
  .refine((m) => !m.accounts || Boolean(m.leads.account_id), {
    message: 'an accounts file needs leads.account_id, the leads column holding the account id',
  })
  .refine(
    (m) => {
      const used = [...m.leads.fit, ...m.leads.activity, ...(m.accounts?.fit ?? [])];
      return !used.some((c) => m.leads.ignore.includes(c) || (m.accounts?.ignore ?? []).includes(c));
    },
    { message: 'a column listed under ignore is also listed under fit or activity' },
  );

export type Mapping = z.output<typeof checkedMapping>;
export type ColumnOptions = z.output<typeof columnOptions>;

/**
 * Reads a YAML or JSON mapping. File paths inside it are resolved against the mapping's own
 * folder, or against `dataDir` when the data lives elsewhere (as with the shipped examples).
 */
export function loadMapping(path: string, dataDir?: string): Mapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError('missing_file', `Mapping file ${path} does not exist.`, { file: path });
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new InputError(
      'bad_mapping',
      `${path} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`,
      { file: path },
    );
  }
  return resolveFiles(parseMapping(raw, path), dataDir ?? dirname(path));
}

export function parseMapping(raw: unknown, source = 'mapping'): Mapping {
  const result = checkedMapping.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
    );
    throw new InputError(
      'bad_mapping',
      `${source} is not a valid leadsift mapping:\n${lines.join('\n')}\n` +
        'See the "Mapping file" section of the README for the expected keys.',
      { file: source },
    );
  }
  return result.data;
}

export function resolveFiles(mapping: Mapping, baseDir: string): Mapping {
  const at = (file: string) => resolve(baseDir, file);
  return {
    ...mapping,
    leads: { ...mapping.leads, file: at(mapping.leads.file) },
    ...(mapping.accounts && { accounts: { ...mapping.accounts, file: at(mapping.accounts.file) } }),
    ...(mapping.interactions && {
      interactions: { ...mapping.interactions, file: at(mapping.interactions.file) },
    }),
    ...(mapping.outcomes && { outcomes: { ...mapping.outcomes, file: at(mapping.outcomes.file) } }),
  };
}

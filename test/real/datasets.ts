import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Analysis } from '../../src/core/analysis.js';
import type { CloseRate } from '../../src/core/close-rates.js';

/**
 * The shared real datasets live beside the repository (../shared/datasets) and are never
 * copied into it. Tests that need them skip, saying why, when the folder is absent.
 */
export const DATASETS = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));

export function datasetDir(name: string): string {
  return fileURLToPath(new URL(`../../../shared/datasets/${name}/`, import.meta.url));
}

export function mappingPath(name: string): string {
  return fileURLToPath(new URL(`../../mappings/${name}.yaml`, import.meta.url));
}

/** `false` when the folder exists, else the skip reason node:test prints. */
export function skipUnless(dir: string): false | string {
  return !existsSync(dir) && `needs ../shared/datasets (${dir} is absent)`;
}

/** Every close rate of an analysis, interactions and fit values alike. */
export function allRates(a: Analysis): CloseRate[] {
  return [...a.interactions, ...a.fit.flatMap((f) => f.values)];
}

/** The close rate labelled `label` (e.g. `origin = organic_search`); throws when absent. */
export function rateOf(a: Analysis, label: string): CloseRate {
  const found = allRates(a).find((r) => r.label === label);
  if (!found) throw new Error(`no close rate labelled "${label}"`);
  return found;
}

/** Names of every attribute that became a feature (interaction attributes and fit). */
export function featureAttributes(a: Analysis): Set<string> {
  return new Set(allRates(a).map((r) => r.attribute));
}

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Analysis } from '../../src/core/analysis.js';
import type { CloseRate } from '../../src/core/close-rates.js';
import { loadMapping } from '../../src/data/mapping.js';
import { analyze, type AnalyzeResult } from '../../src/jobs/analyze.js';

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

/**
 * Runs the analysis of one shared dataset once for a test file: `before` runs it (unless the
 * folder is absent), `after` closes the store, and `get()` hands the result to each test.
 */
export function analyzeDataset(dir: string, mapping: string): () => AnalyzeResult {
  let result: AnalyzeResult | undefined;
  before(async () => {
    if (skipUnless(dir)) return;
    result = await analyze(loadMapping(mappingPath(mapping), dir));
  });
  after(() => result?.store.close());
  return () => {
    assert.ok(result, 'analysis did not run');
    return result;
  };
}

/**
 * A seeded synthetic B2B funnel with known, exactly computed close rates: the ground truth
 * for testing leadsift's estimators end to end.
 */
export * from './random.js';
export * from './model.js';
export * from './mixture.js';
export * from './truth.js';
export * from './timestamps.js';
export * from './rows.js';
export * from './generate.js';
export * from './collect.js';
export * from './csv.js';
export * from './parquet.js';

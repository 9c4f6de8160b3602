export { normalQuantile, zForConfidence } from './normal-quantile.js';
export { wilsonInterval, wilsonIntervalFromRate } from './wilson-interval.js';
export type { ProportionInterval } from './wilson-interval.js';
export { quantile, quantileSorted } from './quantile.js';
export { bandIndex, bandLabel, quantileBreaks } from './quantile-bands.js';
export { expit, logit } from './logit.js';
export { leadsToSettle } from './leads-to-settle.js';

/**
 * The vocabulary every stage after routing shares: the run plan (input), the run result (output), what one
 * sample hands to aggregation, how a sample is scored, and which samples a piece of work covers. Depends only on geo and graph.
 */
export * from './run-result.js';
export * from './sample-score.js';
export type * from './run-plan.js';
export type * from './sample-summary.js';
export type * from './sample-range.js';

/** motorcade library entry: the pipeline stages, re-exported. */
export * from './graph/index.js';
export * from './errors.js';

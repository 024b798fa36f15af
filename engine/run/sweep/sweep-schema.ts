import * as z from 'zod';
import { DURATION_PATTERN, parseQuantity, messageOf } from '../../scenario/units.js';
import { distance, duration, ID_PATTERN } from '../../scenario/schema.js';

/**
 * The sweep file format (`motorcade sweep SWEEP.yaml`) as zod schemas: the validator's single source of
 * truth and the JSON Schema in scenarios/motorcade-sweep.schema.json (write-sweep-schema.ts). Quantities
 * keep their units as strings, as in scenarios; load.ts turns them into seconds and metres.
 */
const SIGNED_DURATION = `^\\s*[+-]?${DURATION_PATTERN.slice(1)}`;
const signedDuration = () =>
  z
    .string()
    .regex(new RegExp(SIGNED_DURATION), { error: (iss) => messageOf(parseQuantity('duration', String(iss.input).replace(/^\s*[+-]/, ''))) ?? `expected a duration such as '-10 min' or '+5 min', got ${JSON.stringify(iss.input)}` })
    .describe("a signed duration: '-10 min', '+5 min', '0 min'");

const id = z.string().regex(ID_PATTERN);
const factor = z.number().positive().max(10);

const range = <T extends z.ZodType>(value: T) =>
  z.strictObject({ from: value.describe('first value'), to: value.describe('last value (inclusive)'), step: value.describe('distance between values') }).describe('every value from `from` to `to` (inclusive) in steps of `step`');
/** A dimension's values: a list, or a range {from, to, step}. */
const values = <T extends z.ZodType>(value: T, what: string) =>
  z.union([z.array(value).min(1), range(value)], { error: (iss) => `${String(iss.path?.at(-1) ?? "value")}: expected a list of ${what} or a range {from, to, step}, got ${JSON.stringify(iss.input)}` });

export const CLOSURE_KEYWORDS = ['none', 'each_chokepoint'] as const;
const closureItem = z.union([
  z.enum(CLOSURE_KEYWORDS).describe("'none' (no closure) or 'each_chokepoint' (every declared chokepoint in turn)"),
  z.strictObject({ chokepoint: id.describe('id of a chokepoint of the scenario') }),
  z.strictObject({
    area: z
      .strictObject({ center: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).describe('[lon, lat]'), radius: distance().describe("radius of the closed circle, e.g. '300 m'") })
      .describe('a circle: every road inside is closed from the start of the day'),
    label: z.string().min(1).describe('name of this closure in the variant labels'),
  }),
]);

export const sweepSchema = z
  .strictObject({
    name: z.string().min(1).describe('name of the sweep, shown in its output'),
    description: z.string().optional().describe('free text for the reader'),
    scenario: z.string().min(1).describe('the base scenario file, relative to this file'),
    samples: z.number().int().min(1).max(1_000_000).optional().describe('samples per variant and option (default: the scenario’s monte_carlo.samples)'),
    seed: z.union([z.string(), z.number()]).optional().describe('seed of every sample stream (default: the scenario’s)'),
    shard_samples: z.number().int().min(1).max(100_000).optional().describe('samples per shard (a unit of work: one variant × a sample range); default 100'),
    dimensions: z
      .strictObject({
        departure_shift: values(signedDuration(), "signed durations ('-10 min')").optional().describe('shift of every movement’s departure'),
        escort: z.record(id, z.array(id).min(1)).optional().describe('per delegation id: the escort profiles (ids of escort_profiles) to try'),
        traffic_factor: values(factor, 'numbers above 0').optional().describe('multiplier of the scenario’s traffic speed factors (below 1: slower traffic)'),
        threat_intensity: values(factor, 'numbers above 0').optional().describe('multiplier of every threat’s intensity (capped at 1)'),
        closures: z.array(closureItem).min(1).optional().describe('closures from the start of the day: none, each chokepoint in turn, one chokepoint, or an area'),
        responders: z
          .record(id, z.union([z.literal('scenario'), z.array(id).min(1)]))
          .optional()
          .describe('named responder post sets: the responder ids on duty (covering every movement), or "scenario" for the placement as written'),
      })
      .default({})
      .describe('what to vary; each dimension multiplies the variants (default: none, the base scenario alone)'),
    plans: z
      .record(id, z.record(id, id).describe('movement id → option id'))
      .optional()
      .describe('the plans to compare: each chooses one option per movement it covers (default: every movement × option on its own)'),
    sampling: z
      .strictObject({
        method: z.enum(['grid', 'latin_hypercube']).default('grid').describe('grid: every combination (default); latin_hypercube: a seeded sample of `variants` points'),
        variants: z.number().int().min(1).max(10_000).optional().describe('latin_hypercube: how many variants to draw'),
        seed: z.union([z.string(), z.number()]).optional().describe('latin_hypercube: seed of the draw (default: the sweep seed, else the scenario seed)'),
        max_grid: z.number().int().min(1).max(100_000).default(200).describe('a grid larger than this is refused: use latin_hypercube (default 200)'),
      })
      .default({ method: 'grid', max_grid: 200 })
      .describe('how variants are chosen (default: the full grid)'),
    targets: z
      .strictObject({
        arrived_share: z.number().min(0).max(1).default(1).describe('a plan breaks in a variant when fewer of its samples arrive (default 1: any sample that does not arrive)'),
        p95_time: duration().optional().describe('a plan breaks in a variant when its p95 door-to-door time passes this'),
      })
      .default({ arrived_share: 1 })
      .describe('when a plan counts as broken in a variant (default: any sample that does not arrive)'),
  })
  .describe('motorcade sweep: a base scenario, the dimensions to vary and the plans to compare');

export type SweepFile = z.infer<typeof sweepSchema>;

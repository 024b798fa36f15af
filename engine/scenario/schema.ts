import { quoteInput } from '../quote.js';
import * as z from 'zod';
import { ROAD_CLASSES } from '../graph/road-class.js';
import {
  DISTANCE_PATTERN,
  DURATION_PATTERN,
  INJECT_TIME_PATTERN,
  SPEED_PATTERN,
  TIME_PATTERN,
  parseQuantity,
  parseTimeOfDay,
  parseInjectTime,
  messageOf,
} from './units.js';

/**
 * The scenario file format as zod schemas: the single source of truth for the validator (validate.ts)
 * and the JSON Schema shipped in scenarios/motorcade-scenario.schema.json (write-json-schema.ts).
 *
 * The schemas check the shape of each value and fill documented defaults; quantities stay strings here
 * (`'40 km/h'`, `'5 min'`) with patterns that the JSON Schema carries, and normalise.ts turns them into
 * numbers. Checks that span fields (references, order of times, overlaps, graph distance) live in
 * cross-checks.ts and graph-checks.ts. Every object is strict: an unknown field is an error, reported
 * with a "did you mean" suggestion.
 */

/** Ids of places, delegations, movements …: a letter, then letters, digits, `_` or `-`. */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const id = z.string().regex(ID_PATTERN);
const ref = (what: string) => z.string().min(1).describe(`id of ${what}`);

const quantity = (kind: 'duration' | 'distance' | 'speed', pattern: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? undefined : messageOf(parseQuantity(kind, iss.input))) })
    .regex(new RegExp(pattern), { error: (iss) => messageOf(parseQuantity(kind, iss.input)) });
export const duration = () => quantity('duration', DURATION_PATTERN);
export const distance = () => quantity('distance', DISTANCE_PATTERN);
export const speed = () => quantity('speed', SPEED_PATTERN);
export const timeOfDay = () =>
  z
    .string({ error: (iss) => (iss.input === undefined ? undefined : messageOf(parseTimeOfDay(iss.input))) })
    .regex(new RegExp(TIME_PATTERN), { error: (iss) => messageOf(parseTimeOfDay(iss.input)) })
    .describe("24-hour local time of day, 'HH:MM' or 'HH:MM:SS' (quote it in YAML)");

const lon = z.number().min(-180).max(180).describe('longitude, WGS84 degrees');
const lat = z.number().min(-90).max(90).describe('latitude, WGS84 degrees');
const lonLat = z.tuple([lon, lat]).describe('[lon, lat] in WGS84 degrees');
/** A point: the id of a place (or gazetteer landmark), or [lon, lat]. */
const point = z.union([ref('a place or gazetteer landmark'), lonLat]).describe('a place id (or gazetteer landmark id), or [lon, lat]');
const polygon = z.array(lonLat).min(3).describe('outer ring as [lon, lat] points (at least 3; closing point optional)');

export const windowSchema = z
  .strictObject({ from: timeOfDay(), to: timeOfDay() })
  .describe("time window {from: 'HH:MM', to: 'HH:MM'}; from must be before to");

export const PLACE_KINDS = ['airport', 'hotel', 'venue', 'hospital', 'safe_haven', 'police_post', 'staging_area', 'one_off'] as const;
export const placeSchema = z
  .strictObject({
    landmark: ref('a landmark of the bundled gazetteer (landmarks.json)').optional().describe('gazetteer landmark id; lon/lat, when also given, correct its position'),
    lon: lon.optional(),
    lat: lat.optional(),
    kind: z.enum(PLACE_KINDS).optional().describe("what the place is; default: from the landmark's kind, else one_off"),
    label: z.string().optional().describe('display name; default: the landmark name, else the id'),
    trauma: z.boolean().optional().describe('a trauma hospital (evacuation target); default true for kind hospital'),
  })
  .describe('a named point: a gazetteer landmark, or lon/lat, or both (lon/lat correct the landmark)');

export const escortProfileSchema = z.strictObject({
  outriders: z.int().min(0).max(40).default(2).describe('motorcycle outriders; default 2'),
  lead_cars: z.int().min(0).max(10).default(1).describe('lead (pilot) cars; default 1'),
  sweep_cars: z.int().min(0).max(10).default(1).describe('sweep / tail cars; default 1'),
  intersection_control: z
    .enum(['none', 'rolling', 'static'])
    .default('rolling')
    .describe('none: the convoy waits at junctions; rolling: outriders close junctions ahead; static: junctions closed before departure. Default rolling'),
  speed_cap: speed().default('60 km/h').describe("convoy speed cap, e.g. '60 km/h'; default 60 km/h"),
  convoy_length: distance().default('80 m').describe("convoy length bumper to bumper, e.g. '120 m'; default 80 m"),
});

export const delegationSchema = z.strictObject({
  name: z.string().optional().describe('display name; default: the id'),
  size: z.int().min(1).max(2000).describe('people in the delegation'),
  priority: z.int().min(1).max(5).default(3).describe('1 (highest) … 5; default 3'),
  vehicles: z
    .strictObject({
      count: z.int().min(1).max(200).describe('vehicles carrying the delegation (escort vehicles excluded)'),
      armoured: z.int().min(0).max(200).default(0).describe('how many of them are armoured; default 0'),
    })
    .describe('vehicles of the delegation'),
  escort: ref('an entry of escort_profiles'),
});

const label = z.enum(['primary', 'alternate', 'contingency']).default('primary').describe('primary, alternate or contingency; default primary');
export const optionSchema = z.discriminatedUnion('route', [
  z.strictObject({ route: z.literal('fastest').describe('fastest route by expected travel time'), label }),
  z.strictObject({
    route: z.literal('auto').describe('k reasonable, mutually different alternatives'),
    label,
    k: z.int().min(1).max(8).default(3).describe('number of alternatives; default 3'),
  }),
  z.strictObject({
    route: z.literal('safest').describe('minimum exposure within a bounded delay'),
    label,
    max_delay: duration().default('5 min').describe("at most this much slower than the fastest route; default 5 min"),
  }),
  z.strictObject({
    route: z.literal('via').describe('fastest route through the given places, in order'),
    label,
    via: z.array(point).min(1).describe('places to pass through, in order'),
  }),
]);

export const movementSchema = z.strictObject({
  delegation: ref('an entry of delegations'),
  from: point.describe('where the movement starts: a place id, a gazetteer landmark id, or [lon, lat]'),
  to: point.describe('where it ends: a place id, a gazetteer landmark id, or [lon, lat]'),
  via: z.array(point).default([]).describe('places every option passes through, in order; default none'),
  departure: z
    .union([timeOfDay(), windowSchema])
    .describe("departure time 'HH:MM', or a window {from, to} within which it is drawn at random"),
  responders: z
    .array(ref('a responder'))
    .optional()
    .describe('responders assigned to cover this movement (response metric); default every responder of the scenario'),
  options: z
    .record(id, optionSchema)
    .default({ primary: { route: 'fastest', label: 'primary' } })
    .describe('route options by id; default one primary fastest option'),
});

export const THREAT_KINDS = ['protest', 'crowd', 'overlook', 'suspected_device', 'one_off_target'] as const;
const threatShape = {
  kind: z.enum(THREAT_KINDS).describe('protest, crowd, overlook, suspected_device or one_off_target (a crowd threat counts as crowd exposure)'),
  center: point.optional().describe('centre of a circular zone (with radius)'),
  radius: distance().optional().describe("radius of a circular zone, e.g. '250 m'"),
  polygon: polygon.optional().describe('a polygonal zone (instead of center/radius)'),
  intensity: z.number().min(0).max(1).default(0.5).describe('0..1, weight of a second inside (at the centre for circles); default 0.5'),
  active: windowSchema.optional().describe('when the threat is active; default the whole day'),
  label: z.string().optional().describe('display name in tables and the report; default the id'),
};
export const threatSchema = z.strictObject(threatShape).describe('a threat zone: center + radius, or polygon');

export const chokepointSchema = z
  .strictObject({
    center: point.optional().describe('declared point (with radius)'),
    bridge: ref('a gazetteer landmark of kind bridge').optional().describe('a bridge by gazetteer id, e.g. chroy_changvar_bridges'),
    radius: distance().default('150 m').describe('extent around the point; default 150 m'),
    label: z.string().optional().describe('display name in tables and the report; default the bridge name, else the label of the center place'),
  })
  .describe('a chokepoint declared by the planner: center or bridge');

export const RESPONDER_TYPES = ['police', 'qrf', 'ambulance', 'eod'] as const;
export const responderSchema = z.strictObject({
  type: z.enum(RESPONDER_TYPES).describe('police post, quick-reaction force, ambulance, explosive-ordnance team'),
  at: point.describe('where the unit waits'),
  turnout: duration().default('60 s').describe('delay from call to rolling; default 60 s (NFPA 1710 EMS turnout)'),
  available: windowSchema.optional().describe('when the unit is on station; default the whole day'),
  count: z.int().min(1).max(100).default(1).describe('units at this place; default 1'),
});

const factor = z.number().gt(0).max(2);
const factorsShape = Object.fromEntries([['all', factor.optional().describe('factor for every class not listed')], ...ROAD_CLASSES.map((c) => [c, factor.optional().describe(`factor for road class ${c}`)])]);
export const trafficSchema = z.strictObject({
  profile: z
    .enum(['phnom_penh', 'free_flow'])
    .default('phnom_penh')
    .describe('built-in time-of-day profile used when bands are not given; default phnom_penh, the routing policy profile of motorcade route --depart (peaks 06:30–08:30, 11:00–13:30, 16:30–18:30, busy between, free flow 21:00–06:30)'),
  bands: z
    .array(
      z.strictObject({
        from: timeOfDay(),
        to: timeOfDay(),
        factors: z.strictObject(factorsShape).describe('speed factor per road class (0 < f ≤ 2; 1 = free flow)'),
      }),
    )
    .optional()
    .describe('time-of-day bands (must not overlap); replace the profile'),
  variation_sigma: z.number().min(0).max(1).default(0.15).describe('sigma of the lognormal day-to-day speed variation; default 0.15'),
  incidents_per_hour: z.number().min(0).max(100).default(0.5).describe('random incidents per hour on the network; default 0.5'),
});

const injectCommon = {
  at: z
    .string({ error: (iss) => (iss.input === undefined ? undefined : messageOf(parseInjectTime(iss.input, 0))) })
    .regex(new RegExp(INJECT_TIME_PATTERN), { error: (iss) => messageOf(parseInjectTime(iss.input, 0)) })
    .optional().describe("time of day 'HH:MM', or 'T+12 min' relative to the scenario start"),
  when: z
    .strictObject({
      movement: ref('a movement'),
      reaches: point,
      within: distance().default('200 m').describe('fires when the movement comes this close; default 200 m'),
    })
    .optional()
    .describe('fires when a movement reaches a place (instead of at)'),
  note: z.string().optional().describe('what the trainer reads out'),
};
const optDuration = duration().optional().describe('how long it lasts; default until the end of the day');
export const injectSchema = z.discriminatedUnion('action', [
  z.strictObject({
    ...injectCommon,
    action: z.literal('close_road').describe('close the roads near a point, or the listed edges'),
    near: point.optional().describe('close the roads near this point'),
    radius: distance().default('50 m').describe('roads within this distance of near are closed; default 50 m'),
    edges: z.array(z.int().min(0)).optional().describe('edge indices of the road graph to close (as `motorcade route --json` lists them), with or instead of near'),
    duration: optDuration,
  }),
  z.strictObject({
    ...injectCommon,
    action: z.literal('close_area').describe('close every road inside a polygon or a circle'),
    polygon: polygon.optional(),
    center: point.optional().describe('centre of a circular area (with radius)'),
    radius: distance().optional().describe("radius of the circular area around center, e.g. '300 m'"),
    duration: optDuration,
  }),
  z.strictObject({
    ...injectCommon,
    action: z.literal('add_threat').describe('a new threat zone appears'),
    threat: z
      .strictObject({ id: id.describe('id of the new threat (must not be a threat of the scenario)'), ...threatShape })
      .describe('the threat zone, as under threats, with its id'),
  }),
  z.strictObject({ ...injectCommon, action: z.literal('move_threat').describe('a threat zone moves'), threat: ref('a threat'), to: point.describe('its new centre') }),
  z.strictObject({
    ...injectCommon,
    action: z.literal('responder_out').describe('units of a responder go off station'),
    responder: ref('a responder'),
    count: z.int().min(1).optional().describe("units that go off station (at most the responder's count); default all of them"),
    duration: optDuration,
  }),
  z.strictObject({
    ...injectCommon,
    action: z.literal('breakdown').describe('a vehicle of the movement breaks down and the convoy stops'),
    movement: ref('a movement'),
    duration: duration().describe("how long the convoy stands still, e.g. '4 min'"),
  }),
]);

export const scoringSchema = z.strictObject({
  weights: z
    .strictObject({
      threat: z.number().min(0).default(1).describe('per second in a threat zone × intensity; default 1'),
      slow: z.number().min(0).default(0.2).describe('per second below slow_speed; default 0.2'),
      standstill: z.number().min(0).default(0.5).describe('per second stopped; default 0.5'),
      chokepoint: z.number().min(0).default(0.5).describe('per second on a chokepoint; default 0.5'),
      crowd: z.number().min(0).default(1).describe('per second in an active crowd area; default 1'),
      predictability: z.number().min(0).default(0.2).describe('per second on road other movements reuse; default 0.2'),
    })
    .prefault({})
    .describe('weight of each exposure component; defaults below'),
  targets: z
    .strictObject({
      response: z
        .strictObject({
          police: duration().default('300 s').describe('turnout + travel; default 300 s (NFPA 1710: 60 s turnout + 240 s travel)'),
          qrf: duration().default('300 s').describe('default 300 s, as police'),
          ambulance: duration().default('540 s').describe('default 540 s (NFPA 1710 ALS: 60 s turnout + 480 s travel)'),
          eod: duration().default('20 min').describe('default 20 min (planning assumption, no standard)'),
        })
        .prefault({})
        .describe('response target (turnout + travel) per responder type; defaults below'),
      evacuation: duration().default('10 min').describe("to the nearest trauma hospital or safe haven; default 10 min ('platinum ten minutes')"),
      slow_speed: speed().default('15 km/h').describe('below this the convoy counts as slow; default 15 km/h'),
    })
    .prefault({})
    .describe('targets; defaults below'),
  min_arrived_share: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe('an option arriving in fewer than this share of its samples is never recommended; default 0.5'),
  delay_minute_exposure: z
    .number()
    .min(0)
    .default(60)
    .describe('what one minute of delay is worth in exposure-seconds (score = this × minutes + exposure); default 60, one exposure-second per second'),
});

const officerRule = (what: string, base: number, perArm: number) =>
  z
    .strictObject({
      base: z.int().min(0).max(50).default(base).describe(`officers at every held ${what} junction, whatever its arms; default ${base}`),
      per_arm: z.int().min(0).max(20).default(perArm).describe(`officers per blocked arm (every arm but the convoy's way in and out); default ${perArm}`),
    })
    .prefault({});
export const deploymentSchema = z.strictObject({
  officers: z
    .strictObject({
      major: officerRule('major-road', 1, 2).describe('a junction where any road is of a major class (motorway, trunk, primary, secondary, major, or their links); default base 1, 2 per blocked arm'),
      minor: officerRule('minor-road', 0, 1).describe('any other junction; default base 0, 1 per blocked arm'),
    })
    .prefault({})
    .describe('officers per held junction: base + per_arm × blocked arms, by junction kind; defaults below'),
  close_before: z
    .strictObject({
      static: duration().default('10 min').describe('static control: every held junction closes this long before the movement departs; default 10 min'),
      rolling: duration().default('2 min').describe('rolling control: a junction closes this long before the lead car reaches it; default 2 min'),
    })
    .prefault({})
    .describe('when held junctions close (defaults below); they reopen when the sweep car has cleared them'),
  separation: duration().default('5 min').describe('two movements at one junction, road or crossing less than this apart are in conflict; default 5 min'),
  max_shift: duration().default('30 min').describe('suggested departure shifts are searched up to this far either way; default 30 min'),
  drive: z
    .record(id, id)
    .default({})
    .describe("the option each listed movement drives on the day, movement id → option id (conflicts and day totals use it; `deploy --option` overrides it); default: a movement's first primary option with a route"),
});

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('path or URL of this JSON Schema (for editors)'),
    name: z.string().min(1).describe('scenario title'),
    description: z.string().default('').describe('free text for readers; default empty'),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: (iss) => `date ${quoteInput(String(iss.input))} is not YYYY-MM-DD` }).describe('day described, YYYY-MM-DD'),
    timezone: z.string().default('Asia/Phnom_Penh').describe('IANA time zone of all times; default Asia/Phnom_Penh'),
    start: timeOfDay().optional().describe("T0 of a tabletop exercise: inject times 'T+…' count from it"),
    graph: z.string().default('phnom-penh').describe("'phnom-penh' (bundled data, default) or a path to an OSM (.osm/.pbf/Overpass JSON) or GeoJSON road file, relative to the scenario"),
    places: z.record(id, placeSchema).default({}).describe('named places by id; gazetteer landmark ids can also be used directly; default none'),
    escort_profiles: z.record(id, escortProfileSchema).default({}).describe('escort profiles by id; default none'),
    delegations: z.record(id, delegationSchema).default({}).describe('delegations by id; default none'),
    movements: z.record(id, movementSchema).describe('movements by id (at least one)'),
    threats: z.record(id, threatSchema).default({}).describe('threat zones by id; default none'),
    chokepoints: z.record(id, chokepointSchema).default({}).describe('chokepoints declared by the planner, by id; default none (bridges and junctions are still found on the graph)'),
    responders: z.record(id, responderSchema).default({}).describe('responder units by id; default none'),
    traffic: trafficSchema.prefault({}).describe('time-of-day traffic; default the phnom_penh profile'),
    injects: z.record(id, injectSchema).default({}).describe('tabletop injects by id; default none'),
    monte_carlo: z
      .strictObject({
        samples: z.int().min(1).max(100000).default(200).describe('randomised days per option; default 200'),
        seed: z.int().min(0).default(1).describe('seed of every random stream; default 1'),
      })
      .prefault({})
      .describe('Monte Carlo sampling; default 200 samples, seed 1'),
    scoring: scoringSchema.prefault({}).describe('exposure weights and targets; every field has a default'),
    deployment: deploymentSchema.prefault({}).describe('junction posts, closure times and deconfliction (`motorcade deploy`); every field has a default'),
  })
  .describe('motorcade scenario: a day of motorcade movements, threats, responders and injects');

export type RawScenario = z.output<typeof scenarioSchema>;
export type RawPlace = z.output<typeof placeSchema>;
export type RawThreat = z.output<typeof threatSchema>;
export type RawInject = z.output<typeof injectSchema>;
export type RawPoint = z.output<typeof point>;

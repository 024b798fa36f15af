import { quoteInput } from '../quote.js';
import { suggest, type Landmark } from '../import/gazetteer.js';
import type { CheckContext } from './check-context.js';
import { idRecord, lookupId } from './id-record.js';
import type { Place, PlaceKind } from './model.js';
import type { RawPlace, RawPoint } from './schema.js';
import type { DocPath } from './source-map.js';

/** Gazetteer kinds that are not place kinds of the scenario. */
const KIND_FROM_LANDMARK = new Map<string, PlaceKind>([['airport', 'airport'], ['hotel', 'hotel'], ['venue', 'venue'], ['hospital', 'hospital']]);

/**
 * Resolves place references: a declared place id, a gazetteer landmark id used directly, or [lon, lat].
 * Every place referenced ends up in `places`, so later stages find each id there.
 */
export class PlaceResolver {
  readonly places: Record<string, Place> = idRecord<Place>();
  /** Where each place is declared or first referenced: where graph problems about it are reported. */
  readonly firstUse = new Map<string, DocPath>();
  private readonly byLandmark = new Map<string, Landmark>();

  constructor(
    private readonly ctx: CheckContext,
    /** Valid declared places. */
    private readonly declared: Record<string, RawPlace>,
    /** Every key under `places`, valid or not: a reference to a broken place is not reported twice. */
    private readonly declaredIds: ReadonlySet<string>,
    /** The gazetteer, or why it could not be read. */
    private readonly landmarks: Landmark[] | Error,
  ) {
    if (Array.isArray(landmarks)) for (const l of landmarks) this.byLandmark.set(l.id, l);
  }

  /** Resolve every declared place (reporting bad ones), so they are in `places` even if unused. */
  resolveDeclared(): void {
    for (const [id, raw] of Object.entries(this.declared)) this.declare(id, raw, ['places', id]);
  }

  landmark(id: string): Landmark | undefined {
    return this.byLandmark.get(id);
  }

  landmarkIds(): string[] {
    return [...this.byLandmark.keys()];
  }

  private declare(id: string, raw: RawPlace, path: DocPath): Place | undefined {
    const known = lookupId(this.places, id);
    if (known) return known;
    let lm: Landmark | undefined;
    if (raw.landmark !== undefined) {
      lm = this.byLandmark.get(raw.landmark);
      if (!lm) {
        this.ctx.add([...path, 'landmark'], this.unknownLandmark(raw.landmark, this.landmarkIds()));
        return undefined;
      }
    }
    if ((raw.lon === undefined) !== (raw.lat === undefined)) {
      this.ctx.add(path, `place '${id}' gives ${raw.lon === undefined ? 'lat' : 'lon'} without ${raw.lon === undefined ? 'lon' : 'lat'}`);
      return undefined;
    }
    if (!lm && raw.lon === undefined) {
      this.ctx.add(path, `place '${id}' needs a landmark or lon and lat`);
      return undefined;
    }
    const kind: PlaceKind = raw.kind ?? (lm ? KIND_FROM_LANDMARK.get(lm.kind) ?? 'one_off' : 'one_off');
    const place: Place = {
      id,
      kind,
      label: raw.label ?? lm?.name ?? id,
      lon: raw.lon ?? lm!.lon,
      lat: raw.lat ?? lm!.lat,
      trauma: raw.trauma ?? kind === 'hospital',
    };
    if (lm) place.landmark = lm.id;
    if (lm && raw.lon === undefined) place.gazetteerPosition = true;
    this.places[id] = place;
    this.firstUse.set(id, path);
    return place;
  }

  private unknownLandmark(name: string, candidates: string[]): string {
    if (this.landmarks instanceof Error) return `landmark ${quoteInput(name)} cannot be looked up: ${this.landmarks.message}`;
    const hint = suggest(name, candidates);
    return `unknown landmark ${quoteInput(name)}${hint ? ` (did you mean '${hint}'?)` : ''}`;
  }

  /** A place id (declared or gazetteer landmark). Reports unknown ids with a suggestion. */
  ref(name: string, path: DocPath): string | undefined {
    const raw = lookupId(this.declared, name);
    if (raw) return this.declare(name, raw, ['places', name])?.id;
    if (this.declaredIds.has(name)) return undefined; // declared but invalid: already reported
    const lm = this.byLandmark.get(name);
    if (lm) {
      const kind = KIND_FROM_LANDMARK.get(lm.kind) ?? 'one_off';
      if (!lookupId(this.places, name)) this.places[name] = { id: name, kind, label: lm.name, lon: lm.lon, lat: lm.lat, landmark: lm.id, gazetteerPosition: true, trauma: kind === 'hospital' };
      if (!this.firstUse.has(name)) this.firstUse.set(name, path);
      return name;
    }
    const hint = suggest(name, [...this.declaredIds, ...this.byLandmark.keys()]);
    const why = this.landmarks instanceof Error ? ` (and the gazetteer could not be read: ${this.landmarks.message})` : '';
    this.ctx.add(path, `unknown place ${quoteInput(name)}${hint ? ` (did you mean '${hint}'?)` : ` (declare it under places, or use a landmark id)`}${why}`);
    return undefined;
  }

  /** A point: place id → that place; [lon, lat] → an implicit one-off place named "lon,lat". */
  point(raw: RawPoint, path: DocPath): Place | undefined {
    if (typeof raw === 'string') {
      const id = this.ref(raw, path);
      return id === undefined ? undefined : lookupId(this.places, id);
    }
    const [lon, lat] = raw;
    const id = `${lon},${lat}`;
    if (!lookupId(this.places, id)) this.places[id] = { id, kind: 'one_off', label: id, lon, lat, trauma: false };
    if (!this.firstUse.has(id)) this.firstUse.set(id, path);
    return this.places[id];
  }
}

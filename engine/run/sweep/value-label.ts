import type { DimensionValue } from './sweep-model.js';

/** Short words for one dimension value, as the terminal table and the CSV show it ("shift −10 min"). */
export function valueLabel(v: DimensionValue): string {
  switch (v.kind) {
    case 'departure_shift':
      return `shift ${v.shiftS < 0 ? '-' : '+'}${Math.abs(v.shiftS) / 60} min`;
    case 'escort':
      return `${v.delegation} ${v.profile}`;
    case 'traffic_factor':
      return `traffic x${v.factor}`;
    case 'threat_intensity':
      return `threat x${v.factor}`;
    case 'closure':
      return v.closure ? `closed ${v.closure.label}` : 'no closure';
    case 'responders':
      return `posts ${v.set}`;
  }
}

/** The canonical text of a value (what the variant id digests): kind and the value's defining fields. */
export function valueKey(v: DimensionValue): string {
  switch (v.kind) {
    case 'departure_shift':
      return `shift=${v.shiftS}`;
    case 'escort':
      return `escort.${v.delegation}=${v.profile}`;
    case 'traffic_factor':
      return `traffic=${v.factor}`;
    case 'threat_intensity':
      return `threat=${v.factor}`;
    case 'closure':
      return v.closure ? `closure=${v.closure.label}@${v.closure.lon},${v.closure.lat},${v.closure.radiusM}` : 'closure=none';
    case 'responders':
      return `responders=${v.set}:${v.ids ? v.ids.join(',') : 'scenario'}`;
  }
}

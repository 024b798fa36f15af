import { METRES_PER_DEGREE } from '../../geo/haversine.js';

/**
 * A local equirectangular projection to metres around a reference point. Over the 45 km Phnom Penh box
 * the scale error is below 0.2 % (cos of latitude varies that little), far below the tolerances of repair
 * (metres), so distances, projections and intersections are computed in this plane; edge lengths are then
 * measured with haversine on the lon/lat geometry.
 */
export class LocalPlane {
  private readonly kx: number;
  private readonly ky = METRES_PER_DEGREE;

  constructor(
    readonly lon0: number,
    readonly lat0: number,
  ) {
    this.kx = METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);
  }

  x(lon: number): number {
    return (lon - this.lon0) * this.kx;
  }

  y(lat: number): number {
    return (lat - this.lat0) * this.ky;
  }

  lon(x: number): number {
    return this.lon0 + x / this.kx;
  }

  lat(y: number): number {
    return this.lat0 + y / this.ky;
  }
}

/**
 * OSRM v1 response codes (https://project-osrm.org/docs/v5.24.0/api/#responses) and the HTTP status each
 * maps to. A service throws OsrmError; the server turns it into `{ code, message }` with that status.
 * TooBusy and Timeout are motorcade's: OSRM has no concurrency limit or per-request deadline.
 */
export const OSRM_STATUS = {
  Ok: 200,
  InvalidUrl: 400,
  InvalidService: 400,
  InvalidVersion: 400,
  InvalidOptions: 400,
  InvalidQuery: 400,
  InvalidValue: 400,
  NoSegment: 400,
  TooBig: 400,
  NoRoute: 400,
  NoTable: 400,
  NotImplemented: 400,
  TooBusy: 503,
  Timeout: 504,
} as const;

export type OsrmCode = keyof typeof OSRM_STATUS;

export class OsrmError extends Error {
  constructor(
    readonly code: Exclude<OsrmCode, 'Ok'>,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return OSRM_STATUS[this.code];
  }
}

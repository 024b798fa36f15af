/**
 * A place a unit may be posted: a staging area, police post or hospital of the scenario, a current responder
 * post, a listed candidate, or a junction of a grid. `placeId` is the scenario place (or gazetteer landmark)
 * id written back as the responder's `at:`; without one the site is written as [lon, lat].
 */
export interface CandidateSite {
  id: string;
  label: string;
  /** staging_area | police_post | hospital | current | listed | junction … */
  kind: string;
  lon: number;
  lat: number;
  placeId?: string;
}

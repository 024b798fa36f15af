/**
 * A generated day on Phnom Penh for the Ctrl-C tests and the audit: `movements` movements between two
 * bundled landmarks, 60 delegations leaving every 15 minutes from 06:00, a fastest and a safest option
 * each, so that preparing it takes seconds at a few hundred movements.
 */
const DELEGATIONS = 60;

const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The scenario's YAML text. */
export function largeDayYaml(movements: number): string {
  return [
    'name: a large day',
    'date: 2022-11-10',
    'places:',
    '  hotel: { landmark: raffles_le_royal, kind: hotel }',
    '  venue: { landmark: sokha_hotel, kind: venue }',
    'escort_profiles:',
    '  vip: { outriders: 2, speed_cap: 60 km/h }',
    'delegations:',
    ...Array.from({ length: DELEGATIONS }, (_, d) => `  d${d}: { size: 4, vehicles: { count: 2 }, escort: vip }`),
    'movements:',
    ...Array.from({ length: movements }, (_, i) => {
      const [from, to] = i % 2 === 0 ? ['hotel', 'venue'] : ['venue', 'hotel'];
      return `  m${i}: { delegation: d${i % DELEGATIONS}, from: ${from}, to: ${to}, departure: "${hhmm(360 + Math.floor(i / DELEGATIONS) * 15)}", options: { primary: { route: fastest, label: primary }, safer: { route: safest, max_delay: 4 min, label: alternate } } }`;
    }),
    '',
  ].join('\n');
}

/** A time of day (seconds since local midnight; wraps past 24 h) as 'HH:MM', rounded to the minute. */
export function clock(s: number): string {
  const d = ((Math.round(s) % 86400) + 86400) % 86400;
  return `${String(Math.floor(d / 3600)).padStart(2, '0')}:${String(Math.floor((d % 3600) / 60)).padStart(2, '0')}`;
}

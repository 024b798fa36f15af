/**
 * Records keyed by user-given ids (places, delegations, movements, escort profiles …). A plain `{}`
 * answers `rec['toString']` or `rec['constructor']` with Object.prototype's members and treats a
 * `__proto__` key as its prototype, so ids equal to those names would vanish or resolve to functions.
 * These records have no prototype, and lookups read own properties only (the record may have been
 * structured-cloned or JSON-parsed into a plain object on the way).
 */
export function idRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The entry of `id` in `rec`, only when it is the record's own property. */
export function lookupId<T>(rec: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(rec, id) ? rec[id] : undefined;
}

/** Set an entry, as an own data property even for `__proto__` on a plain object. */
export function setId<T>(rec: Record<string, T>, id: string, value: T): void {
  Object.defineProperty(rec, id, { value, writable: true, enumerable: true, configurable: true });
}

import { createHash, type Hash } from 'node:crypto';

/**
 * A digest of a structured-cloneable value that depends only on what the value says, not on how V8 holds it.
 *
 * Why not hash v8.serialize(value): the serializer writes V8's in-memory representation, and the same plan
 * serialised before and after a run differed (a string parsed out of a YAML file with non-Latin-1
 * characters is a two-byte string until V8 internalises it as a one-byte one). The pool keys worker
 * contexts by this digest, so those spurious differences made warm workers prepare the same plan again.
 *
 * Encoding: a type tag per value; numbers as their 8 IEEE-754 bytes (every NaN alike); strings as UTF-8
 * with their length; arrays and typed arrays with their length (typed arrays as their bytes and kind);
 * plain objects as their own enumerable keys in insertion order (the order structured clone preserves);
 * Maps and Sets in insertion order. Anything else (functions, symbols, class instances with prototypes
 * that structured clone would not keep) is refused by name.
 */
export function payloadDigest(value: unknown, ...prefix: string[]): string {
  const hash = createHash('sha256');
  for (const p of prefix) putString(hash, p);
  put(hash, value, '$');
  return hash.digest('hex');
}

const num = new Float64Array(1);
const numBytes = new Uint8Array(num.buffer);

function tag(hash: Hash, t: string): void {
  hash.update(t);
}

function putLength(hash: Hash, n: number): void {
  num[0] = n;
  hash.update(numBytes);
}

function putString(hash: Hash, s: string): void {
  tag(hash, 's');
  const bytes = Buffer.from(s, 'utf8');
  putLength(hash, bytes.length);
  hash.update(bytes);
}

function put(hash: Hash, v: unknown, path: string): void {
  if (v === null) return tag(hash, 'N');
  switch (typeof v) {
    case 'undefined':
      return tag(hash, 'U');
    case 'boolean':
      return tag(hash, v ? 'T' : 'F');
    case 'number':
      tag(hash, 'n');
      num[0] = Number.isNaN(v) ? NaN : v;
      hash.update(numBytes);
      return;
    case 'bigint':
      return putString(hash, `bigint:${v}`);
    case 'string':
      return putString(hash, v);
    case 'object':
      break;
    default:
      throw new TypeError(`payload digest: ${path} is a ${typeof v}, which a worker payload cannot carry`);
  }
  if (Array.isArray(v)) {
    tag(hash, 'a');
    putLength(hash, v.length);
    v.forEach((x, i) => put(hash, x, `${path}[${i}]`));
    return;
  }
  if (ArrayBuffer.isView(v)) {
    tag(hash, 'v');
    putString(hash, v.constructor.name);
    putLength(hash, v.byteLength);
    hash.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    return;
  }
  if (v instanceof Map) {
    tag(hash, 'M');
    putLength(hash, v.size);
    for (const [k, x] of v) {
      put(hash, k, `${path}<key>`);
      put(hash, x, `${path}<value>`);
    }
    return;
  }
  if (v instanceof Set) {
    tag(hash, 'S');
    putLength(hash, v.size);
    for (const x of v) put(hash, x, `${path}<item>`);
    return;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`payload digest: ${path} is a ${(v as object).constructor?.name ?? 'non-plain object'}, not plain data`);
  }
  const keys = Object.keys(v);
  tag(hash, 'o');
  putLength(hash, keys.length);
  for (const k of keys) {
    putString(hash, k);
    put(hash, (v as Record<string, unknown>)[k], `${path}.${k}`);
  }
}

import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { payloadDigest } from '../../engine/run/pool/payload-digest.js';

describe('payloadDigest', () => {
  it('depends on content, not on how V8 holds it: a two-byte and a one-byte copy of a string digest alike', () => {
    const twoByte = 'static — escort'.slice(0, 6); // a slice of a two-byte string: "static", two-byte in V8
    const oneByte = ['s', 't', 'a', 't', 'i', 'c'].join('');
    expect(twoByte).toBe(oneByte);
    // The reason for this digest: v8.serialize writes the representation, so the bytes differ.
    expect(Buffer.compare(v8.serialize({ mode: twoByte }), v8.serialize({ mode: oneByte }))).not.toBe(0);
    expect(payloadDigest({ mode: twoByte })).toBe(payloadDigest({ mode: oneByte }));
  });

  it('tells different content apart, including values JSON would merge', () => {
    const variants: unknown[] = [
      { a: 1 }, { a: 1.5 }, { a: '1' }, { a: [1] }, { a: null }, { a: undefined }, {}, { b: 1 },
      { a: Infinity }, { a: -Infinity }, { a: NaN }, { a: 0 }, { a: -0 }, { a: true },
      { a: Float64Array.of(1) }, { a: Float32Array.of(1) }, { a: new Map([[1, 2]]) }, { a: new Set([1]) },
      [1, 2], [2, 1], ['1,2'],
    ];
    const digests = variants.map((v) => payloadDigest(v));
    expect(new Set(digests).size).toBe(variants.length);
    expect(payloadDigest({ a: 1 }, 'job-a')).not.toBe(payloadDigest({ a: 1 }, 'job-b'));
    expect(payloadDigest({ a: NaN })).toBe(payloadDigest({ a: Number('x') }));
  });

  it('names what a payload cannot carry', () => {
    expect(() => payloadDigest({ plan: { f: () => 1 } })).toThrow(/\$\.plan\.f is a function/);
    expect(() => payloadDigest({ when: new Date(0) })).toThrow(/\$\.when is a Date, not plain data/);
  });
});

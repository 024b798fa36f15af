import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputLocation, writeFileAtomic } from '../engine/atomic-write.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motorcade-atomic-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A process id that is not running: a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('writeFileAtomic', () => {
  it('removes temporaries of killed writes (dead process, or older than the bound) and keeps a live fresh one', () => {
    const dir = path.join(tmp, 'temps');
    fs.mkdirSync(dir);
    const now = Date.now();
    const dead = `.phnom-penh.mcg.${deadPid()}.${now}.tmp`;
    const oldAlive = `.phnom-penh.mcg.${process.ppid}.${now - 2 * 3600_000}.tmp`;
    const freshAlive = `.phnom-penh.mcg.${process.ppid}.${now}.tmp`;
    const otherFile = `.report.html.${deadPid()}.${now}.tmp`;
    for (const f of [dead, oldAlive, freshAlive, otherFile]) fs.writeFileSync(path.join(dir, f), 'half-written');
    writeFileAtomic(path.join(dir, 'phnom-penh.mcg'), 'new');
    expect(fs.readdirSync(dir).sort()).toEqual([freshAlive, otherFile, 'phnom-penh.mcg'].sort());
    writeFileAtomic(path.join(dir, 'report.html'), '<p>');
    expect(fs.readdirSync(dir).sort()).toEqual([freshAlive, 'phnom-penh.mcg', 'report.html'].sort());
  });

  it('MOTORCADE_STALE_TEMP_SECONDS sets the age bound', () => {
    const dir = path.join(tmp, 'bound');
    fs.mkdirSync(dir);
    const fresh = `.out.geojson.${process.ppid}.${Date.now() - 5000}.tmp`;
    fs.writeFileSync(path.join(dir, fresh), '{');
    process.env['MOTORCADE_STALE_TEMP_SECONDS'] = '2';
    try {
      writeFileAtomic(path.join(dir, 'out.geojson'), '{}');
    } finally {
      delete process.env['MOTORCADE_STALE_TEMP_SECONDS'];
    }
    expect(fs.readdirSync(dir)).toEqual(['out.geojson']);
  });

  it('refuses outputs under /proc, /sys and /dev, also through a symbolic link, without creating anything', () => {
    expect(() => checkOutputLocation('/proc/self/x/y.json')).toThrow(/cannot write an output under \/proc/);
    expect(() => checkOutputLocation('/sys/kernel/out.csv')).toThrow(/under \/sys/);
    expect(() => checkOutputLocation('/dev/shm/../null')).toThrow(/under \/dev/);
    fs.symlinkSync('/proc/self', path.join(tmp, 'proc-link'));
    expect(() => writeFileAtomic(path.join(tmp, 'proc-link', 'a', 'b.json'), '{}')).toThrow(/under \/proc/);
    expect(() => checkOutputLocation(path.join(tmp, 'fine', 'out.json'))).not.toThrow();
  });
});

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseChunkSize, parseSamples, parseWorkers } from '../../cli/run-flags.js';
import { createProgressReporter } from '../../cli/progress.js';

describe('--workers / --samples / --chunk-size', () => {
  it('accepts whole numbers in range', () => {
    expect(parseWorkers('0')).toBe(0);
    expect(parseWorkers('2')).toBe(2);
    expect(parseSamples('1000')).toBe(1000);
    expect(parseChunkSize('25')).toBe(25);
  });

  it('names the flag and the bad value, as an input error (exit 2)', () => {
    for (const [fn, bad, flag] of [[parseWorkers, '-1', '--workers'], [parseWorkers, 'two', '--workers'], [parseWorkers, '1.5', '--workers'], [parseSamples, '0', '--samples'], [parseChunkSize, '0', '--chunk-size']] as const) {
      try {
        fn(bad);
        expect.unreachable();
      } catch (e) {
        expect((e as Error).message).toContain(flag);
        expect((e as Error).message).toContain(`"${bad}"`);
        expect((e as { exitCode: number }).exitCode).toBe(2);
      }
    }
  });
});

describe('progress reporter', () => {
  const p = { samplesDone: 50, samplesTotal: 200, chunksDone: 5, chunksTotal: 20, elapsedMs: 1000 };

  function fakeStream(tty: boolean): { stream: NodeJS.WriteStream; text: () => string } {
    const s = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
    let out = '';
    s.on('data', (d: Buffer) => (out += d.toString()));
    Object.assign(s, { isTTY: tty, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    return { stream: s, text: () => out };
  }

  it('is silent when stderr is not a terminal, and with --json', () => {
    for (const [tty, json] of [[false, false], [true, true]] as const) {
      const f = fakeStream(tty);
      const r = createProgressReporter({ stream: f.stream, json });
      r.onProgress(p);
      r.stop();
      expect(f.text()).toBe('');
    }
  });

  it('shows samples done, rate and ETA on a terminal', async () => {
    const f = fakeStream(true);
    const r = createProgressReporter({ stream: f.stream });
    r.onProgress(p);
    r.stop();
    await new Promise((res) => setImmediate(res));
    expect(f.text()).toMatch(/50\/200/);
    expect(f.text()).toMatch(/50\.0 samples\/s/);
    expect(f.text()).toMatch(/ETA/);
  });
});

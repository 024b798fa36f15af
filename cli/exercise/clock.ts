/**
 * Exercise time against wall time: while playing, exercise seconds advance `speed` times as fast as
 * the wall clock; paused, they stand still. `now` is injectable so tests drive the clock by hand.
 */
export class ExerciseClock {
  private baseS: number;
  private baseWallMs: number;
  playing = false;
  speed: number;

  constructor(
    startS: number,
    speed = 1,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.baseS = startS;
    this.baseWallMs = now();
    this.speed = speed;
  }

  /** Exercise time now (seconds since local midnight of the scenario day), to the millisecond. */
  get atS(): number {
    const s = this.playing ? this.baseS + ((this.now() - this.baseWallMs) / 1000) * this.speed : this.baseS;
    return Math.round(s * 1000) / 1000;
  }

  play(): void {
    this.rebase();
    this.playing = true;
  }

  pause(): void {
    this.rebase();
    this.playing = false;
  }

  setSpeed(speed: number): void {
    this.rebase();
    this.speed = speed;
  }

  /** Jump to exercise time `s` (forward only: the past is what the journal says happened). */
  jump(s: number): void {
    this.rebase();
    if (s > this.baseS) this.baseS = s;
  }

  /** Set exercise time to `s`, back or forward (benches and tools; the console's API only jumps forward). */
  seek(s: number): void {
    this.rebase();
    this.baseS = s;
  }

  private rebase(): void {
    this.baseS = this.atS;
    this.baseWallMs = this.now();
  }
}

// A 100 ms page timer that records the longest gap between its ticks: if the main thread were
// busy training, the gaps would grow. Shown in the header and read by the end-to-end test.

/** Ticks every 100 ms on the main thread and remembers the longest gap since reset(). */
export class Heartbeat {
  private last = performance.now();
  private longest = 0;

  constructor(private readonly onTick: (maxGapMs: number) => void) {
    setInterval(() => {
      const now = performance.now();
      this.longest = Math.max(this.longest, now - this.last);
      this.last = now;
      this.onTick(this.maxGap);
    }, 100);
  }

  /** Longest gap between ticks since the last reset, in whole milliseconds. */
  get maxGap(): number {
    return Math.round(this.longest);
  }

  reset(): void {
    this.last = performance.now();
    this.longest = 0;
  }
}

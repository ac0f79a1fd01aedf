/** Latencies in milliseconds, summarised the way the report shows them. */
export interface Distribution {
  count: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of samples already sorted ascending. */
function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] as number;
}

export function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    mean: sorted.length === 0 ? Number.NaN : total / sorted.length,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Runs `operation(i)` for i = 0…count-1 and returns how long each call took, in milliseconds. */
export function timeEach(count: number, operation: (index: number) => void): number[] {
  const samples = new Array<number>(count);
  for (let index = 0; index < count; index++) {
    const start = performance.now();
    operation(index);
    samples[index] = performance.now() - start;
  }
  return samples;
}

/** `timeEach` for work that resolves later (one call at a time, each awaited). */
export async function timeEachAsync(count: number, operation: (index: number) => Promise<unknown>): Promise<number[]> {
  const samples = new Array<number>(count);
  for (let index = 0; index < count; index++) {
    const start = performance.now();
    await operation(index);
    samples[index] = performance.now() - start;
  }
  return samples;
}

/** Operations per second over samples taken back to back. */
export function ratePerSecond(samples: readonly number[]): number {
  const totalMs = samples.reduce((sum, value) => sum + value, 0);
  return (samples.length * 1000) / totalMs;
}

/** Collects garbage when the process runs with --expose-gc (the runner's children do), so memory reads are stable. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export const megabytes = (bytes: number): number => bytes / (1024 * 1024);

/** The process's resident set high-water mark so far, in MB (ru_maxrss is in kilobytes on Linux). */
export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

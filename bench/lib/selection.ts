/**
 * Whether `npm run bench -- <wanted>` runs the benchmark `id`: its own id, or
 * one of its lettered parts ("3" runs 3a and 3b), never another number that
 * starts the same ("1" runs 1, not 10 or 11).
 */
export function selects(wanted: string, id: string): boolean {
  return id === wanted || (id.startsWith(wanted) && /^[a-z]/.test(id.slice(wanted.length)));
}

/** Benchmark ids in the order of their numbers: 2 before 10. */
export function byBenchmarkId(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

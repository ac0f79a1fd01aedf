/**
 * Polls until `probe` returns something (not undefined/false), or fails naming what was awaited.
 * The bots acknowledge before they finish their work, so most of what a test checks comes a little later.
 */
export async function eventually<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

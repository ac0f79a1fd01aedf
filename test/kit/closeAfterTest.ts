import { onTestFinished } from "vitest";

/**
 * Closes `resource` when the running test finishes, passed or failed: a failing assertion
 * must not leave a database or a bot open under the next test. Closing again is harmless,
 * so a test may still close it itself first (to reopen the same file, as after a restart).
 */
export function closeAfterTest<T extends { close(): unknown }>(resource: T): T {
  onTestFinished(async () => {
    await resource.close();
  });
  return resource;
}

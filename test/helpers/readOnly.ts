import { execFileSync } from "node:child_process";
import { chmodSync, statSync } from "node:fs";

/**
 * Makes a file or folder read-only for this process until `undo`. Tests run
 * as root, whom permissions do not stop: there, the immutable attribute
 * (chattr +i) does, as a read-only mount would.
 */
export function makeReadOnly(path: string): () => void {
  if (process.getuid?.() === 0) {
    execFileSync("chattr", ["+i", path]);
    return () => execFileSync("chattr", ["-i", path]);
  }
  const mode = statSync(path).mode;
  chmodSync(path, mode & 0o555);
  return () => chmodSync(path, mode);
}

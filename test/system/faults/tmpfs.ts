import { execFileSync } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * Mounts a small tmpfs on `dir` (root only): a disk that can be filled in a
 * moment. Returns why the mount was refused, or undefined when it is mounted.
 */
export function mountSmallDisk(dir: string, size = "2m"): string | undefined {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { stdio: "pipe" });
    return undefined;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error).trim();
  }
}

export function unmount(dir: string): void {
  execFileSync("umount", [dir], { stdio: "pipe" });
}

/** Writes a file in `dir` until the disk has no byte left; returns its path, to free the space again. */
export function fillDisk(dir: string): string {
  const filler = join(dir, "filler");
  const fd = openSync(filler, "w");
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
    // The last partial block: a 4 KB write may fail with room for a smaller one left.
    for (;;) {
      try {
        writeSync(fd, block, 0, 512);
      } catch {
        break;
      }
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { expect } from "vitest";

/**
 * Pictures are compared by the SHA-256 of their bytes, kept in
 * snapshots.json. A deliberate change of a picture is recorded with
 * UPDATE_SNAPSHOTS=1 (look at the new images first: docs/ has two).
 */
const FILE = new URL("./snapshots.json", import.meta.url);
const updating = process.env.UPDATE_SNAPSHOTS === "1";

function load(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(FILE, "utf8")) as Record<string, string>;
  } catch {
    return {};
  }
}

export function expectSameHash(name: string, bytes: string | Uint8Array): void {
  const hash = createHash("sha256").update(bytes).digest("hex");
  const known = load();
  if (updating) {
    known[name] = hash;
    const sorted = Object.fromEntries(Object.entries(known).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(FILE, `${JSON.stringify(sorted, null, 2)}\n`);
    return;
  }
  expect(known[name], `no snapshot "${name}" yet: run with UPDATE_SNAPSHOTS=1`).toBeDefined();
  expect(hash, `picture "${name}" changed: check it, then run with UPDATE_SNAPSHOTS=1`).toBe(known[name]);
}

/**
 * The pictures README.md shows, kept in docs/: a test fails when they no
 * longer match what the code draws, and UPDATE_SNAPSHOTS=1 writes them anew.
 */
export function expectSameDocsPicture(name: string, png: Uint8Array): void {
  const file = new URL(`../../docs/${name}`, import.meta.url);
  if (updating) {
    writeFileSync(file, png);
    return;
  }
  expect(Buffer.from(png).equals(readFileSync(file)), `docs/${name} is stale: run with UPDATE_SNAPSHOTS=1`).toBe(true);
}

/** Width and height from a PNG's IHDR chunk, after checking the signature: what a decoder reads first. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const bytes = Buffer.from(png);
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(bytes.toString("latin1", 12, 16)).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

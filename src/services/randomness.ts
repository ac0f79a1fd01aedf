import { randomBytes, randomInt } from "node:crypto";
import { seededRng } from "../core/random.js";
import type { Randomness } from "./ports.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function nonceFrom(next: (n: number) => number): string {
  let out = "";
  for (let i = 0; i < 8; i++) out += ALPHABET[next(ALPHABET.length)];
  return out;
}

export function cryptoRandomness(): Randomness {
  return {
    rng: seededRng(randomBytes(4).readUInt32LE(0)),
    nonce: () => nonceFrom((n) => randomInt(n)),
  };
}

/** Reproducible randomness for tests and benchmarks. */
export function seededRandomness(seed: number): Randomness {
  const rng = seededRng(seed);
  return { rng, nonce: () => nonceFrom((n) => Math.floor(rng() * n)) };
}

import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadDecks } from "../../src/decks/loader.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** CI clones the repo with shared/ beside it; without it, the committed byte-for-byte copy stands in. */
function seedFile(): string {
  const shared = resolve(repoRoot, "../shared/seeds/lightweight-sandboxes-flashcards.txt");
  return existsSync(shared) ? shared : join(repoRoot, "test/fixtures/lightweight-sandboxes-flashcards.txt");
}

/**
 * The export has no markers between cards, so the fronts are listed here, in order,
 * independently of the deck: a line is a front only when it is the next one expected
 * ("Firecracker" alone on a line is part of an answer, not a card).
 */
const FRONTS = [
  "Containers vs VMs",
  "What is CRI?",
  "container runtime",
  "OCI",
  "runc",
  "What is Containerd",
  "What is a shim?",
  "Why is there need for more isolation?",
  "What are three types of exploits concerning the kernel?",
  "Sandbox",
  "gVisor",
  "drawbacks of gVisor",
  "KVM",
  "kernel",
  "VMM",
  "What is AWS Firecracker?",
  "AWS Firecracker advantages",
  "Where does Firecracker sit?",
  "What is a sandbox in security?",
  "What are Kata Conainers",
  "Characteristics of Kata Containers",
  "WebAssemly",
  "Characteristics of WebAssembly",
  "WebAssembly Module",
];

function parseSeed(text: string): { header: string[]; cards: { front: string; back: string }[] } {
  const lines = text.split(/\r?\n/);
  const header = lines.slice(0, 2);
  const cards: { front: string; back: string[] }[] = [];
  for (const line of lines.slice(2)) {
    if (line === FRONTS[cards.length]) cards.push({ front: line, back: [] });
    else if (cards.length === 0) throw new Error(`text before the first front: ${JSON.stringify(line)}`);
    else cards[cards.length - 1]?.back.push(line);
  }
  return { header, cards: cards.map((card) => ({ front: card.front, back: card.back.join("\n").trim() })) };
}

describe("the lightweight-sandboxes deck is a faithful transcription of the seed", async () => {
  const seed = parseSeed(readFileSync(seedFile(), "utf8"));
  const deckFile = join(repoRoot, "decks/lightweight-sandboxes.yaml");
  const raw = parse(readFileSync(deckFile, "utf8")) as { cards: { front: string; back: string }[] };
  const { decks, errors } = await loadDecks(join(repoRoot, "decks"));
  const deck = decks.find((d) => d.deck.id === "lightweight-sandboxes")?.deck;

  it("the committed fallback copy is the seed, byte for byte", () => {
    const fallback = join(repoRoot, "test/fixtures/lightweight-sandboxes-flashcards.txt");
    expect(readFileSync(fallback).equals(readFileSync(seedFile()))).toBe(true);
  });

  it("the seed holds 24 cards, though its header claims 30", () => {
    expect(seed.header).toEqual(["L12 - Lightweight sandboxes Flashcards", "(30 cards)"]);
    expect(seed.cards).toHaveLength(24);
    expect(seed.cards.every((card) => card.back.length > 0)).toBe(true);
  });

  it("loads without problems, with its header", () => {
    expect(errors).toEqual([]);
    expect(deck).toBeDefined();
    expect(deck?.title).toBe("L12 – Lightweight sandboxes");
    expect(deck?.description).toBe("Containers, VMs, gVisor, Firecracker, Kata, WebAssembly");
  });

  it("has every seed card, in order, with front and back exactly as exported", () => {
    const fromDeck = deck?.cards.map((card) => ({ front: card.front, back: card.back }));
    expect(fromDeck).toEqual(seed.cards);
  });

  it("needs no trimming to match: the YAML text itself round-trips", () => {
    expect(raw.cards.map((card) => ({ front: card.front, back: card.back }))).toEqual(seed.cards);
  });

  it("has distinct ids and distinct, short terms on every card", () => {
    const cards = deck?.cards ?? [];
    expect(new Set(cards.map((card) => card.id)).size).toBe(24);
    const terms = cards.map((card) => card.term);
    expect(terms.every((term) => term !== undefined && term.length > 0 && term.length <= 60)).toBe(true);
    expect(new Set(terms.map((term) => term?.toLowerCase())).size).toBe(24);
  });

  it("tags every card, and every tag groups at least two cards (a lone tag gives no distractor)", () => {
    const cards = deck?.cards ?? [];
    expect(cards.filter((card) => card.tags.length === 0).map((card) => card.id)).toEqual([]);
    const counts = new Map<string, number>();
    for (const card of cards) for (const tag of card.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    expect([...counts].filter(([, count]) => count < 2)).toEqual([]);
  });

  it("never makes the two definitions of a sandbox distractors for each other", () => {
    const tagsOf = (id: string) => deck?.cards.find((card) => card.id === id)?.tags ?? [];
    const shared = tagsOf("sandbox").filter((tag) => tagsOf("sandbox-security").includes(tag));
    expect(tagsOf("sandbox")).not.toEqual([]);
    expect(shared).toEqual([]);
  });
});

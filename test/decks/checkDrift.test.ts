import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDecks } from "../../src/decks/check.js";
import { useTempDir } from "../kit/tempDir.js";

const tempDir = useTempDir("studybot-check-drift-");

describe("decks check against what the database last saw", () => {
  it("warns about a card whose id stayed while its text became another card, without failing", async () => {
    const dir = tempDir();
    await writeFile(
      join(dir, "geo.yaml"),
      "id: geo\ntitle: Geo\ncards:\n  - id: fr\n    front: France\n    back: Paris, on the Seine\n  - id: es\n    front: Kenya\n    back: Nairobi\n",
    );
    const seen = new Map([
      ["fr", { front: "France", back: "Paris" }],
      ["es", { front: "Spain", back: "Madrid" }],
    ]);
    const { lines, ok } = await checkDecks(dir, (deckId) => (deckId === "geo" ? seen : new Map()));
    expect(ok).toBe(true);
    expect(lines).toEqual([
      "geo  2 cards  Geo",
      'warning: geo: card "es" changed its front from "Spain" to "Kenya": if it is another card now, give it a new id (progress follows the id)',
    ]);
  });
});

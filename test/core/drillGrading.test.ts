import { describe, expect, it } from "vitest";
import { type Deck, validateDeck } from "../../src/core/deck.js";
import { gradeTyped, normaliseAnswer, typingDistance, typoBudget } from "../../src/core/drillGrading.js";

function deckOf(cards: { id: string; front: string; back: string; term?: string; same_as?: string[] }[]): Deck {
  const result = validateDeck({ id: "grading", title: "Grading", cards });
  if (!("deck" in result)) throw new Error(JSON.stringify(result.problems));
  return result.deck;
}

const deck = deckOf([
  { id: "gvisor", front: "gVisor", back: "secure-container runtime written in Go", term: "gVisor" },
  {
    id: "kata",
    front: "What are Kata Containers",
    back: "lightweight VMs that feel like containers",
    term: "Kata Containers",
  },
  { id: "kvm", front: "KVM", back: "Kernel-based Virtual Machine", term: "KVM" },
  { id: "vmm", front: "VMM", back: "virtual machine monitor", term: "VMM" },
  { id: "sandbox", front: "Sandbox", back: "a tightly controlled environment", term: "Sandbox" },
  {
    id: "sandbox-security",
    front: "What is a sandbox in security?",
    back: "isolates untrusted code",
    term: "Sandbox (security)",
  },
  { id: "wasm", front: "WebAssembly", back: "binary instruction format", term: "WebAssembly" },
  { id: "wasm-module", front: "WebAssembly Module", back: "a compiled unit of Wasm", term: "WebAssembly module" },
  { id: "runtime", front: "container runtime", back: "runs containers", term: "Container runtime" },
  { id: "containerd", front: "What is containerd", back: "a daemon managing containers", term: "containerd" },
  { id: "runc", front: "runc", back: "the OCI reference runtime", term: "runc" },
  { id: "vs", front: "Containers vs VMs", back: "shared kernel vs own kernel", term: "Containers vs VMs" },
  { id: "zurich", front: "Largest Swiss city", back: "on the Limmat", term: "Zürich" },
  { id: "vm", front: "What is a VM?", back: "an emulated computer", term: "Virtual machine", same_as: ["vm-short"] },
  { id: "vm-short", front: "VM", back: "an emulated computer", term: "VM" },
  {
    id: "long",
    front: "A question with no term that is far too long to be typed back as an answer by anyone",
    back: "x",
  },
]);

const card = (id: string) => {
  const found = deck.cards.find((each) => each.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe("typed answers", () => {
  it.each([
    // [typed, card, verdict, confused with]
    ["gVisor", "gvisor", "correct", undefined],
    ["GVISOR", "gvisor", "correct", undefined],
    ["  gvisor!! ", "gvisor", "correct", undefined],
    ["g-visor", "gvisor", "correct", undefined],
    ["gvisr", "gvisor", "near-miss", undefined],
    ["gviosr", "gvisor", "near-miss", undefined],
    ["gvsr", "gvisor", "wrong", undefined],
    ["Kata Containers", "kata", "correct", undefined],
    ["the Kata containers", "kata", "correct", undefined],
    ["Kata Container", "kata", "correct", undefined],
    ["kata contaners", "kata", "near-miss", undefined],
    ["Kata", "kata", "wrong", undefined],
    ["kvm.", "kvm", "correct", undefined],
    ["VMM", "kvm", "wrong", "vmm"],
    ["KVN", "kvm", "wrong", undefined],
    ["Sandbox", "sandbox-security", "correct", undefined],
    ["sandbox security", "sandbox-security", "correct", undefined],
    ["WebAssembly", "wasm-module", "wrong", "wasm"],
    ["WebAssembly modul", "wasm-module", "near-miss", undefined],
    ["Web Assembly", "wasm", "correct", undefined],
    ["an webassembly", "wasm", "correct", undefined],
    ["containerd", "runtime", "wrong", "containerd"],
    ["contianerd", "containerd", "near-miss", undefined],
    ["runC", "runc", "correct", undefined],
    ["rnuc", "runc", "wrong", undefined],
    ["containers vs. VMs", "vs", "correct", undefined],
    ["Container vs VM", "vs", "correct", undefined],
    ["zurich", "zurich", "correct", undefined],
    ["ZÜRICH", "zurich", "correct", undefined],
    ["Zuerich", "zurich", "near-miss", undefined],
    ["VM", "vm", "correct", undefined],
    ["virtual machin", "vm-short", "near-miss", undefined],
    ["", "gvisor", "wrong", undefined],
    ["?!", "gvisor", "wrong", undefined],
  ])("%j for %s is %s", (typed, cardId, verdict, otherCardId) => {
    const grade = gradeTyped(typed, card(cardId), deck);
    expect(grade.verdict).toBe(verdict);
    expect(grade.otherCardId).toBe(otherCardId);
    expect(grade.rating).toBe({ correct: "good", "near-miss": "hard", wrong: "again" }[verdict]);
    expect(grade.expected).toBe(card(cardId).term);
  });

  it("takes the term of a card marked same_as as right, never as a confusion", () => {
    expect(gradeTyped("Virtual machines", card("vm-short"), deck).verdict).toBe("correct");
    const nearTwin = gradeTyped("virtual machin", card("vm-short"), deck);
    expect(nearTwin.verdict).toBe("near-miss");
    expect(nearTwin.otherCardId).toBeUndefined();
  });

  it("normalises case, accents, punctuation, spaces, a leading article and plurals the same on both sides", () => {
    expect(normaliseAnswer("The Kata-Containers!")).toBe("katacontainer");
    expect(normaliseAnswer("Crème Brûlée")).toBe("cremebrulee");
    expect(normaliseAnswer("processes")).toBe("process");
    expect(normaliseAnswer("boxes")).toBe("box");
    expect(normaliseAnswer("virus")).toBe("virus");
    expect(normaliseAnswer("a")).toBe("a");
  });

  it("allows one typo per five characters, and none below five", () => {
    expect([1, 4, 5, 9, 10, 14, 15].map(typoBudget)).toEqual([0, 0, 1, 1, 2, 2, 3]);
    expect(typingDistance("gvisor", "gviosr", 3)).toBe(1);
    expect(typingDistance("firecracker", "firecrackre", 3)).toBe(1);
    expect(typingDistance("abc", "xyz", 1)).toBe(2);
    expect(typingDistance("kitten", "sitting", 5)).toBe(3);
  });
});

/** "Did you mean …?": the closest known word to a mistyped one. */

export function unknown(sentence: string, word: string, candidates: readonly string[], otherwise?: string): string {
  const guess = closest(word, candidates);
  if (guess !== undefined) return `${sentence} Did you mean "${guess}"?`;
  return otherwise ? `${sentence} ${otherwise}` : sentence;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  const budget = word.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = budget + 1;
  for (const candidate of candidates) {
    // A typed prefix ("leader") is as good as a typo: the user knows the start of the word.
    const distance = word.length >= 3 && candidate.startsWith(word) ? 0 : editDistance(word, candidate, budget);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Levenshtein distance; gives up (returns budget + 1) when lengths alone exceed the budget. */
function editDistance(a: string, b: string, budget: number): number {
  if (Math.abs(a.length - b.length) > budget) return budget + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? budget + 1;
}

export function orList(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

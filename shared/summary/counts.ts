// Counts read as English everywhere the summary shows them: "1 card", "2 cards".

/** "1 card", "3 cards"; `plural` for words that do not just take an "s". */
export function countOf(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}

/** Whether one of the words occurs in the `width` characters before `start` (context boosts). */
export function contextBefore(text: string, start: number, width: number, words: readonly string[]): boolean {
  const window = text.slice(Math.max(0, start - width), start);
  return words.some((w) => window.includes(w));
}


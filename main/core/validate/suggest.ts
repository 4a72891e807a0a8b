/** "Did you mean …?" for misspelt keys and enum values. */
import { distance } from 'fastest-levenshtein';

/** The closest candidate, if it is close enough that a person would recognise their typo in it. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const d = distance(w, c);
    // "maxDose" → "max", "week" → "weeks": one name containing the other counts as close.
    const contains = (c.length >= 3 && w.includes(c)) || (w.length >= 3 && c.includes(w));
    // A suggestion must keep most of what was typed: "a" → "qi" replaces everything and helps nobody.
    const close = d <= Math.max(2, Math.floor(Math.max(w.length, c.length) / 3)) && d < Math.min(w.length, c.length);
    if ((contains || close) && d < bestScore) {
      best = candidate;
      bestScore = d;
    }
  }
  return best;
}

/**
 * "Did you mean" suggestions by edit distance, for keywords (the parser) and
 * ids (semantic checks, which pass the ids they know as candidates).
 *
 * @example
 *   suggest('primitve', ['primitive', 'group']); // 'primitive'
 *   suggest('xyz', ['primitive']);               // undefined
 */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo:
 * at most 1 edit for words up to 4 characters, 2 up to 8, 3 beyond. Ties go to
 * the earlier candidate. A case-only difference always counts as close.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const max = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestD = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    if (c === word) return undefined;
    const d = c.toLowerCase() === lower ? 0.5 : editDistance(word, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= max && best !== undefined && best.length > 1 ? best : undefined;
}

/**
 * The allowed name closest to a misspelled one, for "did you mean" hints: the one with the fewest
 * edits (insertions, deletions, substitutions, swaps of neighbours), letter case ignored, if it
 * is within a quarter of the name's length (at least one edit): `condtion` → `condition`,
 * `EventName` → `eventName`, `setVarible` → `setVariable`. Ties go to the earlier name.
 */
export function closestName(name: string, allowed: readonly string[]): string | undefined {
  const typed = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const limit = Math.max(1, Math.floor(Math.max(typed.length, candidate.length) / 4));
    // The distance is at least the difference in length: no need to compute it for a long key.
    if (Math.abs(typed.length - candidate.length) > limit) continue;
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance: Levenshtein plus the swap of two neighbouring characters. */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, beforePrevious[j - 2] + 1);
      current.push(distance);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

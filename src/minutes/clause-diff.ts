/** How one clause of a proposal fared in the decision. */
export interface ClauseChange {
  position: number;
  change: 'unchanged' | 'changed' | 'added' | 'removed';
  proposed: string | null;
  decided: string | null;
}

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Clause-by-clause comparison of a proposal with the decision, by position: the register shows
 * which att-clause was kept, reworded, added or dropped.
 */
export function diffClauses(proposed: string[], decided: string[]): ClauseChange[] {
  const length = Math.max(proposed.length, decided.length);
  const changes: ClauseChange[] = [];
  for (let i = 0; i < length; i++) {
    const p = proposed[i] ?? null;
    const d = decided[i] ?? null;
    let change: ClauseChange['change'];
    if (p === null) change = 'added';
    else if (d === null) change = 'removed';
    else change = normalise(p) === normalise(d) ? 'unchanged' : 'changed';
    changes.push({ position: i + 1, change, proposed: p, decided: d });
  }
  return changes;
}

export const decidedAsProposed = (changes: ClauseChange[]): boolean =>
  changes.every((c) => c.change === 'unchanged');

import type { ParagraphScope } from '../minutes/dto/minutes.dto';

export interface ScopeOf {
  scope: ParagraphScope;
  numbers: number[];
}

/** Whether an attendance entry with this scope applies to the paragraph numbered n. */
export function scopeApplies(s: ScopeOf, n: number): boolean {
  switch (s.scope) {
    case 'all':
      return true;
    case 'only':
      return s.numbers.includes(n);
    case 'except':
      return !s.numbers.includes(n);
    case 'from':
      return n >= s.numbers[0];
    case 'until':
      return n <= s.numbers[0];
  }
}

/**
 * Whether two scopes share a paragraph. Scopes are unions of intervals bounded by the numbers
 * they name, so testing every named number, its neighbours and the two ends is exhaustive.
 */
export function scopesOverlap(a: ScopeOf, b: ScopeOf): boolean {
  const named = [...a.numbers, ...b.numbers];
  const max = named.length > 0 ? Math.max(...named) : 1;
  const points = new Set<number>([1, max + 1]);
  for (const n of named) for (const d of [-1, 0, 1]) if (n + d >= 1) points.add(n + d);
  return [...points].some((n) => scopeApplies(a, n) && scopeApplies(b, n));
}

/** "33–37, 47, 50": sorted, consecutive runs joined by an en dash ("48–49"). */
export function compactNumbers(numbers: number[]): string {
  const sorted = [...new Set(numbers)].sort((x, y) => x - y);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j > i) parts.push(`${sorted[i]}–${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(', ');
}

/** "§ 29" or "§§ 33–37, 47". */
export function printParagraphs(numbers: number[]): string {
  return `${numbers.length === 1 ? '§' : '§§'} ${compactNumbers(numbers)}`;
}

/** The scope as registrars write it: "§§ 33–37", "ej § 29, 32", "fr o m § 63", "t o m § 4". */
export function printScope(s: ScopeOf): string | null {
  switch (s.scope) {
    case 'all':
      return null;
    case 'only':
      return printParagraphs(s.numbers);
    case 'except':
      return `ej § ${compactNumbers(s.numbers)}`;
    case 'from':
      return `fr o m § ${s.numbers[0]}`;
    case 'until':
      return `t o m § ${s.numbers[0]}`;
  }
}

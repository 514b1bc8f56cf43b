/**
 * The one place where a paragraph's printed reference is made. A body writes its paragraph
 * numbers in its own form; the pattern is a small template of tokens:
 *   {short} the body's short name, {n} the number, {yyyy} / {yy} the year of the meeting,
 *   {date} the meeting date (YYYY-MM-DD).
 * Examples: "§ {n}" → "§ 62", "{n} §" → "44 §", "{short} {n}" → "Ks 1",
 * "{short} {n}/{yyyy}" → "KSAU 130/2014", "§ {n}/{yy}" → "§ 7/21".
 * No pattern (NULL) is the register's default: reference "RS 2024-08-20 § 7", label "§ 7".
 */
export const DEFAULT_REFERENCE_PATTERN = '{short} {date} § {n}';

const TOKENS = ['short', 'n', 'yyyy', 'yy', 'date'] as const;
type Token = (typeof TOKENS)[number];

/** Why the pattern cannot be used, or null when it can. */
export function referencePatternProblem(pattern: string): string | null {
  if (pattern.length < 3 || pattern.length > 60) return 'must be 3 to 60 characters';
  if (/[\p{Cc}\p{Cf}]/u.test(pattern)) return 'must not contain control characters';
  const tokens = [...pattern.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
  const unknown = tokens.filter((t) => !(TOKENS as readonly string[]).includes(t));
  if (unknown.length > 0) {
    return `has unknown token(s) ${unknown.map((t) => `{${t}}`).join(', ')}; use {short}, {n}, {yyyy}, {yy}, {date}`;
  }
  if (/[{}]/.test(pattern.replace(/\{([^{}]*)\}/g, ''))) return 'has an unmatched brace';
  const numbers = tokens.filter((t) => t === 'n').length;
  if (numbers !== 1) return 'must contain the number {n} exactly once';
  return null;
}

export interface ReferenceParts {
  /** The body's pattern; null for the register's default. */
  pattern: string | null;
  shortName: string;
  number: number;
  /** The meeting date: YYYY-MM-DD, or YYYY-MM / YYYY as far as a paper protocol gives it; null: not known. */
  meetingDate: string | null;
}

function render(pattern: string, parts: ReferenceParts): string {
  const values: Record<Token, string> = {
    short: parts.shortName,
    n: String(parts.number),
    // Never a guessed date: what the protocol does not give is printed as unknown.
    yyyy: parts.meetingDate ? parts.meetingDate.slice(0, 4) : 'år okänt',
    yy: parts.meetingDate ? parts.meetingDate.slice(2, 4) : 'år okänt',
    date: parts.meetingDate ?? 'datum okänt',
  };
  return pattern.replace(/\{(short|n|yyyy|yy|date)\}/g, (_, t: Token) => values[t]).trim();
}

/**
 * The reference (used in citations, extracts, the decision register, feeds, the notice board)
 * and the label printed at the paragraph's heading in the minutes.
 */
export function paragraphReference(parts: ReferenceParts): { reference: string; label: string } {
  if (parts.pattern === null) {
    return { reference: render(DEFAULT_REFERENCE_PATTERN, parts), label: `§ ${parts.number}` };
  }
  const printed = render(parts.pattern, parts);
  return { reference: printed, label: printed };
}

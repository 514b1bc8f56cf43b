/** Luhn (mod 10) over the ten digits, as Skatteverket uses for organisationsnummer. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Normalises "232100-0214", "232100–0214" (en dash, as printed in letters) or "2321000214"
 * to "232100-0214"; returns null when it is not a valid organisationsnummer
 * (ten digits, third digit at least 2 for a legal person, valid check digit).
 */
export function normaliseOrganisationNumber(input: string): string | null {
  const match = /^(\d{6})[-\u2013\u2011]?(\d{4})$/.exec(input.trim());
  if (!match) return null;
  const digits = match[1] + match[2];
  if (Number(digits[2]) < 2) return null;
  if (!luhnValid(digits)) return null;
  return `${match[1]}-${match[2]}`;
}

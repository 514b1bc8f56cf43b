// Plain spaces, as the amounts are written in the seed documents ("57 954 000 kr").
const GROUP_SEPARATOR = ' ';

/** 5795400000 öre → "57 954 000 kr" (öre shown only when not whole). */
export function formatKronor(ore: number): string {
  if (!Number.isSafeInteger(ore)) throw new Error(`amount in öre must be an integer, got ${ore}`);
  const negative = ore < 0;
  const abs = Math.abs(ore);
  const kronor = Math.floor(abs / 100);
  const rest = abs % 100;
  const grouped = String(kronor).replace(/\B(?=(\d{3})+(?!\d))/g, GROUP_SEPARATOR);
  const text = rest === 0 ? grouped : `${grouped},${String(rest).padStart(2, '0')}`;
  return `${negative ? '−' : ''}${text}${GROUP_SEPARATOR}kr`;
}

/** Swedish month names, January first. */
export const SWEDISH_MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** '2024-03-26' → "26 mars 2024". */
export function formatSwedishDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${SWEDISH_MONTHS[m - 1]} ${y}`;
}

/**
 * The exact texts that are signed (UTF-8 bytes, Ed25519 over the whole text, no hashing of our
 * own: Ed25519 hashes internally). Each line ends with "\n", including the last; no other
 * whitespace. Anyone with the public key (GET /api/signing-keys) can rebuild and check them.
 *
 * Certified extract (protokollsutdrag), signed when it is issued:
 *
 *   decision-register certified-extract v1\n
 *   id: <extract id, lowercase UUID>\n
 *   content-sha256: <SHA-256 of the rendered extract.html, 64 lowercase hex digits>\n
 *   issued-at: <issue time, ISO 8601 UTC with milliseconds, e.g. 2025-06-03T11:00:00.000Z>\n
 *
 * Citation certificate (intyg om beslut), signed each time it is rendered:
 *
 *   decision-register citation-certificate v1\n
 *   content-sha256: <SHA-256 of the served citation.html bytes, 64 lowercase hex digits>\n
 */
export function extractStatement(extract: {
  id: string;
  contentHash: string;
  issuedAt: Date;
}): string {
  return (
    'decision-register certified-extract v1\n' +
    `id: ${extract.id.toLowerCase()}\n` +
    `content-sha256: ${extract.contentHash}\n` +
    `issued-at: ${extract.issuedAt.toISOString()}\n`
  );
}

export function citationStatement(contentHash: string): string {
  return 'decision-register citation-certificate v1\n' + `content-sha256: ${contentHash}\n`;
}

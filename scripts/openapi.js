// Compares (--check) or writes (--write) the committed openapi.json against the document a
// running server serves at /api/docs-json, so API changes show up in review.
// Usage: node scripts/openapi.js --check|--write [baseUrl]   (default http://127.0.0.1:3000)
const { readFileSync, writeFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const [mode, base = 'http://127.0.0.1:3000'] = process.argv.slice(2);
const file = join(__dirname, '..', 'openapi.json');

const sortKeys = (value) =>
  Array.isArray(value)
    ? value.map(sortKeys)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]))
      : value;

(async () => {
  const res = await fetch(`${base}/api/docs-json`);
  if (!res.ok) throw new Error(`GET /api/docs-json answered ${res.status}`);
  const served = `${JSON.stringify(sortKeys(await res.json()), null, 2)}\n`;
  if (mode === '--write') {
    writeFileSync(file, served);
    console.log(`wrote ${file}`);
  } else if (mode === '--check') {
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (committed !== served) {
      console.error('openapi.json differs from the served API: run the server and `npm run openapi:write`, then commit');
      process.exit(1);
    }
    console.log('openapi.json matches the served API');
  } else {
    console.error('usage: node scripts/openapi.js --check|--write [baseUrl]');
    process.exit(2);
  }
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});

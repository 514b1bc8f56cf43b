/**
 * The API fuzz, longer: `npm run fuzz -- --requests 20000 [--seed N]`. Runs the generator of
 * test/fuzz against the application in-process on a fresh database (DATABASE_URL's server when
 * set, else a throw-away embedded PostgreSQL) and prints one line:
 *   fuzz: N requests, X 5xx, Y leaks, Z rejected writes, seed S
 * Findings follow (first 50), and the exit code is 1 when there are any.
 */
import 'reflect-metadata';
import globalSetup from '../test/global-setup';
import globalTeardown from '../test/global-teardown';
import { runFuzz, summaryLine } from '../test/fuzz/fuzz-generator';
import { fuzzTargetFor } from '../test/fuzz/fuzz-target';
import { createTestApp } from '../test/test-app';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : undefined;
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<number> {
  const requests = option('requests', 3000);
  const seed = option('seed', Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31));
  await globalSetup();
  const t = await createTestApp();
  try {
    const target = await fuzzTargetFor(t);
    const summary = await runFuzz(target, {
      seed,
      requests,
      onProgress: (done) => {
        if (done % 5000 === 0) console.error(`… ${done} requests`);
      },
    });
    if (process.argv.includes('--verbose')) console.error(JSON.stringify(summary.statuses));
    for (const finding of summary.findings.slice(0, 50)) console.error(JSON.stringify(finding));
    console.log(summaryLine(summary));
    return summary.findings.length > 0 ? 1 : 0;
  } finally {
    await t.close();
    await globalTeardown();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

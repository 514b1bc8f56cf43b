import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from './auth/actor';

export interface RequestContext {
  requestId: string;
  actor: Actor;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request's context, or undefined outside a request (CLI, migrations). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

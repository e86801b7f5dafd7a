// One scope per HTTP request, shared by everything React Router runs for it: the action, the root loader and the
// page's loaders. React Router hands each of them its own Request object (a document POST runs its loaders with a
// fresh GET Request; data requests are rebuilt from `/x.data`), so a cache keyed by the Request cannot be shared;
// an AsyncLocalStorage entered by the HTTP server for each request can (app/platform.server.ts).
import { AsyncLocalStorage } from 'node:async_hooks';

export type RequestScope = Map<string, unknown>;

// On globalThis, like services(): in development Vite may load this module more than once.
const key = Symbol.for('integrity-compact.request-scope');
const store = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestScope> | undefined>;
const storage = (store[key] ??= new AsyncLocalStorage<RequestScope>());

/** Run `fn` (the rest of the HTTP request's handling) in a fresh scope. */
export function runInRequestScope<T>(fn: () => T): T {
  return storage.run(new Map(), fn);
}

/** The current HTTP request's scope, or undefined outside one (tests that call loaders directly, scripts). */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

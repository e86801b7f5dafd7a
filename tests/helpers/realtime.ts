// Realtime test helpers: a real HTTP server with Socket.IO attached, real socket.io-client clients signed in with
// a real session cookie, and small promise helpers that fail with a clear message instead of hanging.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Socket as ClientSocket, io } from 'socket.io-client';
import { sessionCookie } from '../../app/auth/session.server';
import { anonymous } from '../../app/domain/actor.server';
import { signIn } from '../../app/domain/auth.server';
import type { Db } from '../../app/db/client.server';
import { createLogger } from '../../app/logger.server';
import { attachRealtime } from '../../app/realtime/server.server';
import type { Ack, AuditActivity, ClientToServerEvents, ServerToClientEvents } from '../../app/realtime/events';
import { PASSWORD } from './fixtures';

export type TestClient = ClientSocket<ServerToClientEvents, ClientToServerEvents>;
export type RealtimeInstance = Awaited<ReturnType<typeof attachRealtime>>;
export type TestRealtime = { rt: RealtimeInstance; httpServer: http.Server; url: string; close(): Promise<void> };

export const ACK_TIMEOUT_MS = 5_000;
export const EVENT_TIMEOUT_MS = 5_000;
/** How long "receives nothing" waits, after a positive control has shown that delivery works. */
export const QUIET_MS = 300;

/** Start an HTTP server on 127.0.0.1 with Socket.IO attached. `close()` closes both (rt.close closes the server). */
export async function startRealtime({ redisUrl }: { redisUrl?: string } = {}): Promise<TestRealtime> {
  const httpServer = http.createServer();
  const rt = await attachRealtime(httpServer, { logger: createLogger('silent'), redisUrl });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  let closed = false;
  return {
    rt,
    httpServer,
    url: `http://127.0.0.1:${port}`,
    async close() {
      if (closed) return;
      closed = true;
      await rt.close();
    },
  };
}

/** Sign a user in through the domain and return the `name=value` part of their session cookie. */
export async function sessionCookieFor(db: Db, email: string, password = PASSWORD): Promise<string> {
  const { token } = await signIn({ db, actor: anonymous, meta: { ip: '203.0.113.9' } }, { email, password });
  const serialized = await sessionCookie().serialize(token);
  return serialized.split(';')[0];
}

/** Every client a test opened, so that afterEach/afterAll can close them all. */
const openClients = new Set<TestClient>();

/** Connect a socket.io-client over WebSocket (no reconnection) and wait until the server accepts it. */
export async function connectClient(url: string, cookie?: string, headers: Record<string, string> = {}): Promise<TestClient> {
  const client: TestClient = io(url, {
    transports: ['websocket'],
    extraHeaders: { ...headers, ...(cookie ? { cookie } : {}) },
    forceNew: true,
    reconnection: false,
    timeout: ACK_TIMEOUT_MS,
  });
  openClients.add(client);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`client did not connect to ${url} within ${ACK_TIMEOUT_MS}ms`));
    }, ACK_TIMEOUT_MS);
    const onConnect = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new Error(`client could not connect to ${url}: ${error.message}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      client.off('connect', onConnect);
      client.off('connect_error', onError);
    };
    client.on('connect', onConnect);
    client.on('connect_error', onError);
  });
  return client;
}

/** Disconnect every client opened through connectClient. */
export function closeClients() {
  for (const client of openClients) client.disconnect();
  openClients.clear();
}

type AckEvent = keyof ClientToServerEvents;

/** Emit with an acknowledgement callback; resolve with the ack, or fail clearly if none arrives in time. */
export async function emitAck(client: TestClient, event: AckEvent, ...payload: unknown[]): Promise<Ack<{ room: string }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no acknowledgement for "${event}" (payload ${showPayload(payload)}) within ${ACK_TIMEOUT_MS}ms`)),
      ACK_TIMEOUT_MS,
    );
    const emit = client.emit as unknown as (event: string, ...args: unknown[]) => void;
    emit.call(client, event, ...payload, (result: Ack<{ room: string }>) => {
      clearTimeout(timer);
      resolve(result);
    });
  });
}

const showPayload = (payload: unknown[]) => (payload.length ? payload.map((p) => JSON.stringify(p) ?? String(p)).join(', ') : '(none)');

/** Wait for the next `audit:appended` that matches; fail with a clear message after the timeout. */
export function nextAudit(client: TestClient, match: (event: AuditActivity) => boolean, label = 'audit:appended', timeoutMs = EVENT_TIMEOUT_MS) {
  return new Promise<AuditActivity>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('audit:appended', listener);
      reject(new Error(`timed out after ${timeoutMs}ms waiting for ${label}`));
    }, timeoutMs);
    const listener = (event: AuditActivity) => {
      if (!match(event)) return;
      clearTimeout(timer);
      client.off('audit:appended', listener);
      resolve(event);
    };
    client.on('audit:appended', listener);
  });
}

/** Record every `audit:appended` a client receives from now on. */
export function recordAudits(client: TestClient) {
  const received: AuditActivity[] = [];
  const listener = (event: AuditActivity) => received.push(event);
  client.on('audit:appended', listener);
  return { received, stop: () => client.off('audit:appended', listener) };
}

export const quiet = (ms = QUIET_MS) => new Promise((resolve) => setTimeout(resolve, ms));

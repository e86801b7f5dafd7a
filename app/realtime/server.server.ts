// Socket.IO: authenticated from the session cookie, rooms per organisation, Redis adapter across instances.
import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import { sessionCookie } from '../auth/session.server';
import { type Actor, anonymous } from '../domain/actor.server';
import { actorFromUser, sessionFromToken } from '../domain/auth.server';
import { DomainError, ForbiddenError, NotAuthenticatedError, ValidationError } from '../domain/errors.server';
import { domainEvents, type AuditAppended } from '../domain/events.server';
import { authorize } from '../domain/policy.server';
import { translate, negotiateLocale, type Locale } from '../i18n';
import type { Logger } from '../logger.server';
import { services } from '../services.server';
import { type Ack, type ClientToServerEvents, OrganizationSubscribePayload, type ServerToClientEvents, organizationRoom } from './events';

type SocketData = { actor: Actor; locale: Locale; token: string | null; sessionId: string | null };
const userRoom = (userId: string) => `user:${userId}`;
const sessionRoom = (sessionId: string) => `session:${sessionId}`;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

function failure(error: unknown, locale: Locale): Ack<never> {
  if (error instanceof DomainError) {
    return {
      ok: false,
      error: {
        code: error.code,
        message: translate(locale, error.message, error.params),
        ...(error instanceof ValidationError ? { fieldErrors: error.fieldErrors } : {}),
      },
    };
  }
  return { ok: false, error: { code: 'INTERNAL', message: translate(locale, 'errors.unexpected') } };
}

/** Wrap a handler: validate the payload, run it, always answer the acknowledgement. */
function handle<P, T>(
  socket: AppSocket,
  log: Logger,
  schema: { safeParse(input: unknown): { success: true; data: P } | { success: false; error: import('zod').ZodError } },
  run: (payload: P) => Promise<T>,
) {
  // Socket.IO passes the acknowledgement last, whatever the client sent before it (or nothing at all).
  return async (...args: unknown[]) => {
    const reply = typeof args.at(-1) === 'function' ? (args.pop() as (result: Ack<T>) => void) : () => {};
    const payload = args[0];
    try {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw ValidationError.fromZod(parsed.error);
      reply({ ok: true, data: await run(parsed.data) });
    } catch (error) {
      if (!(error instanceof DomainError)) log.error({ err: error }, 'socket handler failed');
      reply(failure(error, socket.data.locale));
    }
  };
}

export async function attachRealtime(httpServer: http.Server, { logger, redisUrl }: { logger: Logger; redisUrl?: string }) {
  const log = logger.child({ module: 'realtime' });
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    cors: { origin: false },
    // Cookies ride along on cross-site WebSocket handshakes: accept only pages of this site (or non-browser clients).
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      if (!origin) return callback(null, true);
      try {
        callback(null, new URL(origin).host === req.headers.host);
      } catch {
        callback(null, false);
      }
    },
  });
  const redisClients: { quit(): Promise<unknown> }[] = [];
  if (redisUrl) {
    const pub = createClient({ url: redisUrl });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) client.on('error', (err) => log.error({ err }, 'redis error'));
    await Promise.all([pub.connect(), sub.connect()]);
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub as never, sub as never));
    log.info('Socket.IO uses the Redis adapter');
  }

  io.use(async (socket, next) => {
    try {
      const cookieHeader = socket.handshake.headers.cookie ?? null;
      const token = await sessionCookie().parse(cookieHeader);
      const session = typeof token === 'string' ? await sessionFromToken(services().db, token) : null;
      socket.data.actor = session ? actorFromUser(session.user) : anonymous;
      socket.data.token = session && typeof token === 'string' ? token : null;
      socket.data.sessionId = session?.id ?? null;
      socket.data.locale = negotiateLocale({
        preference: session?.user.locale,
        acceptLanguage: socket.handshake.headers['accept-language'],
      });
      next();
    } catch (error) {
      log.error({ err: error }, 'socket authentication failed');
      next(new Error('authentication failed'));
    }
  });

  io.on('connection', (socket: AppSocket) => {
    // Private rooms, so that a removed membership or a revoked session takes effect on this socket at once.
    if (socket.data.actor.kind === 'user' && socket.data.sessionId) {
      socket.join([userRoom(socket.data.actor.userId), sessionRoom(socket.data.sessionId)]);
    }
    socket.on(
      'organization:subscribe',
      handle(socket, log, OrganizationSubscribePayload, async ({ organizationId }) => {
        // Check the session and memberships as they are now, not as they were at connection time.
        const session = await sessionFromToken(services().db, socket.data.token);
        socket.data.actor = session ? actorFromUser(session.user) : anonymous;
        if (socket.data.actor.kind !== 'user') throw new NotAuthenticatedError();
        authorize(socket.data.actor, 'organization.readAudit', { organizationId });
        const room = organizationRoom(organizationId);
        await socket.join(room);
        return { room };
      }),
    );
    socket.on(
      'organization:unsubscribe',
      handle(socket, log, OrganizationSubscribePayload, async ({ organizationId }) => {
        const room = organizationRoom(organizationId);
        if (!socket.rooms.has(room)) throw new ForbiddenError();
        await socket.leave(room);
        return { room };
      }),
    );
  });

  const forward = (event: AuditAppended) => {
    const { data, ...activity } = event;
    if (event.organizationId) io.to(organizationRoom(event.organizationId)).emit('audit:appended', activity);
    // Access that ends takes effect on open sockets too (on every instance, through the adapter).
    if (event.action === 'membership.removed' && event.organizationId && typeof data.userId === 'string') {
      io.in(userRoom(data.userId)).socketsLeave(organizationRoom(event.organizationId));
    }
    if (event.action === 'session.revoked' && event.subjectId) {
      io.in(sessionRoom(event.subjectId)).disconnectSockets(true);
    }
  };
  domainEvents.on('audit.appended', forward);

  return {
    io,
    async close() {
      domainEvents.off('audit.appended', forward);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all(redisClients.map((c) => c.quit().catch(() => {})));
    },
  };
}

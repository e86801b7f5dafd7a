// In-process domain events, published after a command's transaction commits. The realtime layer subscribes to
// them and forwards to Socket.IO rooms; the domain knows nothing of sockets.
import { EventEmitter } from 'node:events';

import type { AuditActivity } from './audit-types';

/** An appended audit event as published in-process: the public activity plus its data, for server-side listeners. */
export type AuditAppended = AuditActivity & { data: Record<string, unknown> };

type DomainEventMap = { 'audit.appended': [AuditAppended] };

const globalKey = Symbol.for('integrity-compact.domain-events');
const store = globalThis as unknown as Record<symbol, EventEmitter<DomainEventMap> | undefined>;

/** One emitter per process, kept across hot reloads in development. */
export const domainEvents: EventEmitter<DomainEventMap> = (store[globalKey] ??= new EventEmitter<DomainEventMap>());
domainEvents.setMaxListeners(50);

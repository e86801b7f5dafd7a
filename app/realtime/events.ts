// Typed Socket.IO event maps and payload schemas, shared by the server and the browser.
// Names are `entity:verb`. Acknowledgements are { ok: true, data } or { ok: false, error }.
import { z } from 'zod';

import type { AuditActivity } from '../domain/audit-types';
import type { FieldMessage } from '../domain/field-messages';

export type { AuditActivity };

export type AckError = { code: string; message: string; fieldErrors?: Record<string, FieldMessage[]> };
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export const OrganizationSubscribePayload = z.object({ organizationId: z.string().min(1).max(64) });
export type OrganizationSubscribePayload = z.infer<typeof OrganizationSubscribePayload>;

export interface ServerToClientEvents {
  'audit:appended': (event: AuditActivity) => void;
}

export interface ClientToServerEvents {
  'organization:subscribe': (payload: OrganizationSubscribePayload, ack: (result: Ack<{ room: string }>) => void) => void;
  'organization:unsubscribe': (payload: OrganizationSubscribePayload, ack: (result: Ack<{ room: string }>) => void) => void;
}

export const organizationRoom = (organizationId: string) => `org:${organizationId}`;

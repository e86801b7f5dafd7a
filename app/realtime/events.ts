// Typed Socket.IO event maps and payload schemas, shared by the server and the browser.
// Names are `entity:verb`. Acknowledgements are { ok: true, data } or { ok: false, error }.
import { z } from 'zod';

export type AuditActivity = {
  seq: string;
  occurredAt: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  organizationId: string | null;
};

export type AckError = { code: string; message: string; fieldErrors?: Record<string, string[]> };
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

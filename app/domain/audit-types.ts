// The public shape of an audit event, as published to the browser in real time. Shared by server and browser.
export type AuditActivity = {
  seq: string;
  occurredAt: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  organizationId: string | null;
};

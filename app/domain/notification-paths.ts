// The page a notification leads to, relative to the site: an issue's page, a commitment's, or a milestone's on it.
// Pure: the bell (app/components/notification-*.tsx), the emails and the domain's mail loop share this one rule.
import { COMMITMENT_REFERENCE } from './commitment-rules';

const ISSUE_REFERENCE = /^ISS-\d{4}-\d{4,}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Null when its data names nothing to open (or holds something that is not a reference). */
export function notificationHref(subjectType: string, data: { reference?: unknown; milestoneId?: unknown }): string | null {
  const reference = text(data.reference);
  if (subjectType === 'Issue' && ISSUE_REFERENCE.test(reference)) return `/issues/${reference}`;
  if (subjectType === 'Commitment' && COMMITMENT_REFERENCE.test(reference)) {
    const milestoneId = text(data.milestoneId);
    return ID.test(milestoneId) ? `/commitments/${reference}/milestones/${milestoneId}` : `/commitments/${reference}`;
  }
  return null;
}

// The enums of issues, offices and notifications: each the domain's own list of values (app/domain/enums.ts).
import {
  CUSTOMS_OFFICE_KINDS,
  ISSUE_CATEGORIES,
  ISSUE_DEADLINES,
  ISSUE_SEVERITIES,
  ISSUE_STATUSES,
  ISSUE_VISIBILITIES,
  NOTIFICATION_KINDS,
} from '../../app/domain/enums';
import { builder } from '../builder';

export const IssueStatus = builder.enumType('IssueStatus', {
  values: ISSUE_STATUSES,
  description:
    'Where an issue stands: RAISED → ACKNOWLEDGED → RESPONDED → RESOLVED or REJECTED; a closed issue may be REOPENED by its reporter within 30 days.',
});

export const IssueSeverity = builder.enumType('IssueSeverity', { values: ISSUE_SEVERITIES });

export const IssueCategory = builder.enumType('IssueCategory', { values: ISSUE_CATEGORIES, description: 'What kind of problem was met.' });

export const IssueVisibility = builder.enumType('IssueVisibility', {
  values: ISSUE_VISIBILITIES,
  description:
    'PUBLIC: everyone may read it. RESTRICTED: the parties only (members of the reporter’s organisation and of the administration) and platform administrators. Anonymous issues are always RESTRICTED.',
});

export const IssueDeadline = builder.enumType('IssueDeadline', {
  values: ISSUE_DEADLINES,
  description: 'ACKNOWLEDGE: the administration acknowledges the issue; RESPOND: it responds officially.',
});

export const IssueResponseKind = builder.enumType('IssueResponseKind', {
  values: ['OFFICIAL', 'REPORTER_INFO'] as const,
  description: 'OFFICIAL: a response of the administration. REPORTER_INFO: information the reporter added.',
});

export const IssueOrder = builder.enumType('IssueOrder', {
  values: ['NEWEST', 'OLDEST', 'DEADLINE', 'SEVERITY', 'OVERDUE_FIRST'] as const,
  description: 'The order of an issue list. DEADLINE: the nearest next deadline first. OVERDUE_FIRST: overdue issues first, then newest.',
});

export const CustomsOfficeKind = builder.enumType('CustomsOfficeKind', { values: CUSTOMS_OFFICE_KINDS });

export const NotificationKind = builder.enumType('NotificationKind', { values: NOTIFICATION_KINDS });

// The frame of a formal act's page (assign, acknowledge, respond, resolve, reject, reopen, follow up, publish a
// summary): which issue it is about, what the act does and what follows, then its form; or, when the issue's state
// no longer allows it, why, and the way back to the issue.
import type { ReactNode } from 'react';
import { Form } from 'react-router';
import { REOPEN_WINDOW_DAYS } from '../domain/issue-rules';
import type { FormErrors } from '../web/forms';
import { useT } from '../web/i18n';
import { ActSubjectLine, FormalActButtons, FormalActFollows, FormalActPage, type FormalActProps } from './formal-act-page';
import { IssueStatusBadge } from './issue-page-badges';
import { FormError, TextAreaField } from './ui';

export type ActIssue = { reference: string; title: string; status: string };

export const issuePath = (reference: string) => `/issues/${encodeURIComponent(reference)}`;

export function IssueActPage({ issue, ...frame }: FormalActProps & { issue: ActIssue }) {
  const t = useT();
  return (
    <FormalActPage
      backHref={issuePath(issue.reference)}
      backLabel={t('issuesOfficer.backToIssue', { reference: issue.reference })}
      subject={<ActSubjectLine reference={issue.reference} title={issue.title} badge={<IssueStatusBadge status={issue.status} />} />}
      {...frame}
    />
  );
}

/** What the act does and what follows it, as a list above the form. */
export function WhatFollows({ items }: { items: string[] }) {
  const t = useT();
  return <FormalActFollows heading={t('issuesOfficer.whatFollows')} items={items} />;
}

/** The form's submit (disabled while it is sent) beside a cancel that goes back to the issue. */
export function ActSubmit({ children, reference, variant }: { children: ReactNode; reference: string; variant?: 'primary' | 'danger' }) {
  const t = useT();
  return (
    <FormalActButtons cancelHref={issuePath(reference)} cancelLabel={t('issuesOfficer.cancel')} variant={variant}>
      {children}
    </FormalActButtons>
  );
}

/**
 * Closing an issue, by resolving or rejecting it: the same page but for its words and the button's weight. The reporter
 * may reopen either within the window, so the page says so and asks for the outcome before the officer confirms.
 */
export function IssueClosePage({
  act,
  issue,
  unavailable,
  anonymous,
  errors,
  values,
}: {
  act: 'resolve' | 'reject';
  issue: ActIssue;
  unavailable: string | null;
  anonymous: boolean;
  errors: FormErrors | undefined;
  values: Record<string, string>;
}) {
  const t = useT();
  return (
    <IssueActPage issue={issue} title={t(`issuesOfficer.act.${act}`)} lead={t(`issuesOfficer.${act}.lead`)} unavailable={unavailable ? t(unavailable) : null}>
      <WhatFollows
        items={[
          t(`issuesOfficer.${act}.follows1`),
          t(anonymous ? 'issuesOfficer.follows.notifyAnonymous' : 'issuesOfficer.follows.notifyReporter'),
          t('issuesOfficer.follows.reopenWindow', { days: REOPEN_WINDOW_DAYS }),
          t('issuesOfficer.follows.record'),
        ]}
      />
      <Form method="post" noValidate className="space-y-4">
        <FormError errors={errors} />
        <TextAreaField
          name="outcome"
          label={t('issuesOfficer.outcome')}
          hint={t(`issuesOfficer.${act}.outcomeHint`)}
          rows={5}
          defaultValue={values.outcome}
          errors={errors}
          required
        />
        <ActSubmit reference={issue.reference} variant={act === 'reject' ? 'danger' : undefined}>
          {t(`issuesOfficer.${act}.confirm`)}
        </ActSubmit>
      </Form>
    </IssueActPage>
  );
}

// The frame of a formal act's page (assign, acknowledge, respond, resolve, reject, reopen, follow up, publish a
// summary): which issue it is about, what the act does and what follows, then its form; or, when the issue's state
// no longer allows it, why, and the way back to the issue.
import type { ReactNode } from 'react';
import { Form, Link, useNavigation } from 'react-router';
import { REOPEN_WINDOW_DAYS } from '../domain/issue-rules';
import type { FormErrors } from '../web/forms';
import { useT } from '../web/i18n';
import { IssueStatusBadge } from './issue-page-badges';
import { Alert, Button, Card, FormError, PageHeader, TextAreaField, buttonClass } from './ui';

export type ActIssue = { reference: string; title: string; status: string };

export const issuePath = (reference: string) => `/issues/${encodeURIComponent(reference)}`;

export function IssueActPage({
  issue,
  title,
  lead,
  unavailable,
  children,
  aside,
}: {
  issue: ActIssue;
  title: string;
  lead: string;
  /** Why the act cannot be done now (the issue's state); the form is then not shown. */
  unavailable?: string | null;
  children: ReactNode;
  aside?: ReactNode;
}) {
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2 text-sm">
        <Link to={issuePath(issue.reference)} className="font-medium text-brand-700 underline underline-offset-2">
          ← {t('issuesOfficer.backToIssue', { reference: issue.reference })}
        </Link>
      </p>
      <PageHeader title={title} lead={lead} />
      <p className="-mt-6 mb-6 flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <span className="font-mono">{issue.reference}</span>
        <span aria-hidden="true">·</span>
        <span className="min-w-0 break-words">{issue.title}</span>
        <IssueStatusBadge status={issue.status} />
      </p>
      {unavailable ? (
        <Alert tone="info">
          <span data-testid="act-unavailable">{unavailable}</span>{' '}
          <Link to={issuePath(issue.reference)} className="font-semibold underline">
            {t('issuesOfficer.backToIssue', { reference: issue.reference })}
          </Link>
        </Alert>
      ) : (
        <div className="space-y-6">
          {aside}
          <Card>{children}</Card>
        </div>
      )}
    </div>
  );
}

/** What the act does and what follows it, as a list above the form. */
export function WhatFollows({ items }: { items: string[] }) {
  const t = useT();
  return (
    <>
      <h2 className="text-lg font-semibold text-brand-900">{t('issuesOfficer.whatFollows')}</h2>
      <ul className="mt-2 mb-6 list-disc space-y-1 pl-6 text-sm text-slate-800" data-testid="what-follows">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </>
  );
}

/** The form's submit (disabled while it is sent) beside a cancel that goes back to the issue. */
export function ActSubmit({ children, reference, variant }: { children: ReactNode; reference: string; variant?: 'primary' | 'danger' }) {
  const t = useT();
  const navigation = useNavigation();
  return (
    <div className="flex flex-wrap gap-3">
      <Button variant={variant} disabled={navigation.state === 'submitting'}>
        {children}
      </Button>
      <Link to={issuePath(reference)} className={buttonClass('secondary')}>
        {t('issuesOfficer.cancel')}
      </Link>
    </div>
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

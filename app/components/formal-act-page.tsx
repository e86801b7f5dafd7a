// The frame shared by the pages of a formal act (on an issue, a commitment or a milestone): the way back, what the act
// is, which record it is about, then the form beside an optional aside; or, when the record's state no longer allows
// the act, why, and the way back again. Each kind of record wraps it with its own links, words and subject line.
import type { ReactNode } from 'react';
import { Link, useNavigation } from 'react-router';
import { Alert, Button, Card, PageHeader, buttonClass } from './ui';

/** What a kind of record's act page takes from its route; the record's wrapper adds the way back and the subject. */
export type FormalActProps = {
  title: string;
  lead: string;
  /** Why the act cannot be done now; the form is then not shown. */
  unavailable?: string | null;
  children: ReactNode;
  aside?: ReactNode;
};

export function FormalActPage({
  backHref,
  backLabel,
  title,
  lead,
  subject,
  unavailable,
  children,
  aside,
}: FormalActProps & {
  backHref: string;
  backLabel: string;
  /** The line (or list) under the header naming the record the act is about. */
  subject: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2 text-sm">
        <Link to={backHref} className="font-medium text-brand-700 underline underline-offset-2">
          ← {backLabel}
        </Link>
      </p>
      <PageHeader title={title} lead={lead} />
      {subject}
      {unavailable ? (
        <Alert tone="info">
          <span data-testid="act-unavailable">{unavailable}</span>{' '}
          <Link to={backHref} className="font-semibold underline">
            {backLabel}
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

/** The one-line subject of an issue's or a commitment's act: reference · title, then its status badge. */
export function ActSubjectLine({ reference, title, badge }: { reference: string; title: string; badge: ReactNode }) {
  return (
    <p className="-mt-6 mb-6 flex flex-wrap items-center gap-2 text-sm text-slate-700">
      <span className="font-mono">{reference}</span>
      <span aria-hidden="true">·</span>
      <span className="min-w-0 break-words">{title}</span>
      {badge}
    </p>
  );
}

/** What the act does and what follows it, as a list above the form. */
export function FormalActFollows({ heading, items }: { heading: string; items: string[] }) {
  return (
    <>
      <h2 className="text-lg font-semibold text-brand-900">{heading}</h2>
      <ul className="mt-2 mb-6 list-disc space-y-1 pl-6 text-sm text-slate-800" data-testid="what-follows">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </>
  );
}

/** The form's submit (disabled while it is sent) beside a cancel link back to the record. */
export function FormalActButtons({
  children,
  cancelHref,
  cancelLabel,
  variant,
}: {
  children: ReactNode;
  cancelHref: string;
  cancelLabel: string;
  variant?: 'primary' | 'danger';
}) {
  const navigation = useNavigation();
  return (
    <div className="flex flex-wrap gap-3">
      <Button variant={variant} disabled={navigation.state === 'submitting'}>
        {children}
      </Button>
      <Link to={cancelHref} className={buttonClass('secondary')}>
        {cancelLabel}
      </Link>
    </div>
  );
}

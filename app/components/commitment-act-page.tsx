// The frame of a party's formal act on a commitment (accept, decline, agree to cancel): which commitment it is about,
// exactly what is being committed to, what follows, then the form; or, when the act cannot be done now, why, and the
// way back. The party choice appears only when the viewer may act for several parties.
import type { ReactNode } from 'react';
import { CommitmentStatusBadge } from './commitment-progress';
import { ActSubjectLine, FormalActButtons, FormalActFollows, FormalActPage, type FormalActProps } from './formal-act-page';
import type { CommitmentStatus } from '../domain/commitment-rules';
import type { FormErrors } from '../web/forms';
import { useT } from '../web/i18n';

export type ActCommitment = { reference: string; title: string; status: string };

export const commitmentPath = (reference: string) => `/commitments/${encodeURIComponent(reference)}`;

export function CommitmentActPage({ commitment, ...frame }: FormalActProps & { commitment: ActCommitment }) {
  const t = useT();
  return (
    <FormalActPage
      backHref={commitmentPath(commitment.reference)}
      backLabel={t('commitmentsPages.act.back', { reference: commitment.reference })}
      subject={
        <ActSubjectLine
          reference={commitment.reference}
          title={commitment.title}
          badge={<CommitmentStatusBadge status={commitment.status as CommitmentStatus} />}
        />
      }
      {...frame}
    />
  );
}

/** What the act does and what follows, as a list above the form. */
export function ActFollows({ items }: { items: string[] }) {
  const t = useT();
  return <FormalActFollows heading={t('commitmentsPages.act.whatFollows')} items={items} />;
}

/** The submit (disabled while sending) beside a cancel link back to the commitment. */
export function ActButtons({ children, reference, variant }: { children: ReactNode; reference: string; variant?: 'primary' | 'danger' }) {
  const t = useT();
  return (
    <FormalActButtons cancelHref={commitmentPath(reference)} cancelLabel={t('commitmentsPages.act.cancelLink')} variant={variant}>
      {children}
    </FormalActButtons>
  );
}

/**
 * The party the viewer acts for: a choice (radio buttons) when there are several, otherwise the one party named and
 * sent as a hidden field.
 */
export function PartyChoice({
  parties,
  value,
  errors,
  onChange,
}: {
  parties: { organizationId: string; name: string; response: string }[];
  value?: string;
  errors?: FormErrors;
  onChange?: (organizationId: string) => void;
}) {
  const t = useT();
  if (parties.length === 1) {
    return (
      <div>
        <input type="hidden" name="organizationId" value={parties[0].organizationId} />
        <p className="text-sm font-medium text-slate-900">{t('commitmentsPages.act.party')}</p>
        <p className="mt-1 text-base text-slate-900" data-testid="act-party">
          {parties[0].name}
        </p>
      </div>
    );
  }
  const messages = errors?.fieldErrors?.organizationId ?? [];
  const selected = value ?? '';
  return (
    <fieldset aria-describedby={messages.length ? 'party-error' : undefined}>
      <legend className="text-sm font-medium text-slate-900">{t('commitmentsPages.act.party')}</legend>
      <p className="mt-1 text-sm text-slate-600">{t('commitmentsPages.act.partyHint')}</p>
      <div className="mt-2 space-y-2">
        {parties.map((p, i) => (
          <label key={p.organizationId} className="flex min-h-11 items-center gap-3 text-base text-slate-900">
            <input
              type="radio"
              name="organizationId"
              value={p.organizationId}
              defaultChecked={selected === p.organizationId}
              id={i === 0 && messages.length ? 'field-organizationId' : undefined}
              aria-invalid={messages.length ? true : undefined}
              onChange={onChange ? () => onChange(p.organizationId) : undefined}
              className="h-5 w-5"
            />
            <span>
              {p.name} <span className="text-sm text-slate-600">({t(`commitment.party.${p.response}`)})</span>
            </span>
          </label>
        ))}
      </div>
      {messages.length ? (
        <p id="party-error" className="mt-1 text-sm font-medium text-red-800">
          {messages.map((m) => t(typeof m === 'string' ? m : m.key, typeof m === 'string' ? undefined : m.params)).join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}

// Exactly what a party commits to, as the formal acts show it before the party answers: the type and key factors,
// the dates, the parties and their answers, the monitor, and every milestone with its owner and due date.
import type { CommitmentView } from '../web/commitment-page.server';
import { useT } from '../web/i18n';
import { Card } from './ui';

export function CommitmentSummary({ commitment }: { commitment: CommitmentView }) {
  const t = useT();
  return (
    <Card aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="mb-3 text-lg font-semibold text-brand-900">
        {t('commitmentsPages.summary.title')}
      </h2>
      <dl className="grid gap-4 text-sm sm:grid-cols-2" data-testid="commitment-summary">
        <div>
          <dt className="font-medium text-slate-600">{t('commitmentsPages.field.type')}</dt>
          <dd className="mt-1 text-slate-900">{t(`commitment.type.${commitment.type}`)}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600">{t('commitmentsPages.field.dates')}</dt>
          <dd className="mt-1 text-slate-900">
            {commitment.endDate
              ? t('commitmentsPages.field.fromTo', { from: t.date(commitment.startDate), to: t.date(commitment.endDate) })
              : t('commitmentsPages.field.from', { from: t.date(commitment.startDate) })}
          </dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="font-medium text-slate-600">{t('commitmentsPages.field.factors')}</dt>
          <dd className="mt-1 text-slate-900">{commitment.factors.map((f) => t(`factor.${f}`)).join(', ')}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="font-medium text-slate-600">{t('commitmentsPages.field.parties')}</dt>
          <dd className="mt-1 text-slate-900">
            <ul className="list-disc space-y-1 pl-5">
              {commitment.parties.map((p) => (
                <li key={p.id}>
                  {p.name} — {t(`commitment.party.${p.response}`)}
                  {p.responsibleUser ? ` (${t('commitmentsPages.parties.responsibleShort', { name: p.responsibleUser.name })})` : ''}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        {commitment.monitor ? (
          <div className="sm:col-span-2">
            <dt className="font-medium text-slate-600">{t('commitment.monitor')}</dt>
            <dd className="mt-1 text-slate-900">{commitment.monitor.name}</dd>
          </div>
        ) : null}
        <div className="sm:col-span-2">
          <dt className="font-medium text-slate-600">{t('milestone.nounPlural')}</dt>
          <dd className="mt-1 text-slate-900">
            {commitment.milestones.length ? (
              <ol className="list-decimal space-y-1 pl-5">
                {commitment.milestones.map((m) => (
                  <li key={m.id}>{t('commitmentsPages.summary.milestone', { title: m.title, owner: m.ownerOrganization.name, due: t.date(m.dueDate) })}</li>
                ))}
              </ol>
            ) : (
              t('commitmentsPages.milestones.none')
            )}
          </dd>
        </div>
      </dl>
    </Card>
  );
}

// An anonymous report as its receipt holder sees it: status and deadlines, the description, responses and their own
// additions, files, the timeline, and the forms to add information (with files) or to reopen it. The receipt code
// travels in a hidden field of each form (a POST body), never in a URL.
import { Form } from 'react-router';
import { IssueDeadline } from './issue-list-deadline';
import { IssueEvidenceField } from './issue-evidence-field';
import { IssueSeverityBadge, IssueStatusBadge } from './issue-list-table';
import { Alert, Button, Card, FormError, TextAreaField } from './ui';
import type { FormErrors } from '../web/forms';
import { LocalTime, useT } from '../web/i18n';

export type ReportView = {
  reference: string;
  title: string;
  descriptionHtml: string;
  status: string;
  severity: string;
  category: string;
  factor: string;
  administration: string;
  office: string | null;
  occurredAt: string;
  createdAt: string;
  acknowledgeBy: string;
  respondBy: string;
  outcome: string | null;
  deadline: { deadline: 'ACKNOWLEDGE' | 'RESPOND'; dueAt: string; overdue: boolean; ms: number } | null;
  responses: { id: string; kind: string; html: string; at: string; attachments: Attachment[] }[];
  attachments: Attachment[];
  timeline: { key: string; at: string; action: string; who: 'reporter' | 'customs' | 'platform' }[];
  fileCount: number;
  canAdd: boolean;
  reopenUntil: string | null;
};
type Attachment = { id: string; fileName: string; contentType: string; size: string; href: string };

function Files({ files }: { files: Attachment[] }) {
  const t = useT();
  if (!files.length) return null;
  return (
    <ul className="mt-2 space-y-1 text-sm">
      {files.map((f) => (
        <li key={f.id}>
          {/* A plain link: the download is a file response, not a page of this app. */}
          <a href={f.href} className="font-medium text-brand-700 underline underline-offset-2" rel="noreferrer">
            {t('issuesPages.followUp.download', { name: f.fileName, size: f.size })}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}

export function ReportFollowUp({
  view,
  code,
  errors,
  intent,
  notice,
  values,
}: {
  view: ReportView;
  code: string;
  errors?: FormErrors;
  intent?: string;
  notice?: 'added' | 'reopened' | null;
  values?: Record<string, string>;
}) {
  const t = useT();
  const who = { reporter: t('issuesPages.followUp.anonymousReporter'), customs: view.administration, platform: t('issuesPages.followUp.platform') };
  return (
    <div className="space-y-6" data-testid="report-follow-up">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-brand-900 sm:text-3xl" tabIndex={-1} id="report-heading">
          {t('issuesPages.followUp.reportHeading', { reference: view.reference })}
        </h1>
        <p className="mt-2 text-lg text-slate-900">{view.title}</p>
        <p className="mt-1 text-sm text-slate-600">
          {t('issuesPages.followUp.raisedOn', { date: t.date(view.createdAt) })} · {t('issuesPages.followUp.keepCode')}
        </p>
      </div>
      {notice ? <Alert tone="success">{t(notice === 'added' ? 'issuesPages.followUp.added' : 'issuesPages.followUp.reopened')}</Alert> : null}
      <Card>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Fact label={t('issuesPages.followUp.status')}>
            <span className="flex flex-wrap gap-2">
              <IssueStatusBadge status={view.status} />
              <IssueSeverityBadge severity={view.severity} />
            </span>
          </Fact>
          <Fact label={t('issuesPages.followUp.nextDeadline')}>
            <IssueDeadline deadline={view.deadline} fallback={t(`issuesPages.status.${view.status}`)} />
          </Fact>
          <Fact label={t('issuesPages.followUp.administration')}>{view.administration}</Fact>
          <Fact label={t('issuesPages.followUp.office')}>{view.office ?? t('issuesPages.table.noOffice')}</Fact>
          <Fact label={t('issuesPages.followUp.occurredAt')}>{t.date(view.occurredAt)}</Fact>
          <Fact label={t('issuesPages.field.category')}>{t(`issuesPages.category.${view.category}`)}</Fact>
          <Fact label={t('issuesPages.followUp.acknowledgeBy')}>
            <LocalTime value={view.acknowledgeBy} />
          </Fact>
          <Fact label={t('issuesPages.followUp.respondBy')}>
            <LocalTime value={view.respondBy} />
          </Fact>
          <Fact label={t('issuesPages.field.factor')}>{t(`factor.${view.factor}`)}</Fact>
        </dl>
        {view.outcome ? (
          <div className="mt-4 rounded-lg bg-slate-50 p-4">
            <h2 className="text-sm font-semibold text-slate-900">{t('issuesPages.followUp.outcome')}</h2>
            <p className="mt-1 whitespace-pre-line text-slate-900">{view.outcome}</p>
          </div>
        ) : null}
      </Card>
      <Card aria-labelledby="report-description">
        <h2 id="report-description" className="text-lg font-semibold text-brand-900">
          {t('issuesPages.followUp.description')}
        </h2>
        <div className="prose mt-3 max-w-none" dangerouslySetInnerHTML={{ __html: view.descriptionHtml }} />
        <h3 className="mt-4 text-sm font-semibold text-slate-900">{t('issuesPages.followUp.attachments')}</h3>
        {view.attachments.length ? (
          <Files files={view.attachments} />
        ) : (
          <p className="mt-1 text-sm text-slate-600">{t('issuesPages.followUp.noAttachments')}</p>
        )}
      </Card>
      <Card aria-labelledby="report-responses">
        <h2 id="report-responses" className="text-lg font-semibold text-brand-900">
          {t('issuesPages.followUp.responses')}
        </h2>
        {view.responses.length ? (
          <ol className="mt-3 space-y-4">
            {view.responses.map((r) => (
              <li key={r.id} className={`rounded-lg border p-4 ${r.kind === 'OFFICIAL' ? 'border-brand-200 bg-brand-50' : 'border-slate-200'}`}>
                <p className="text-sm font-semibold text-slate-900">
                  {r.kind === 'OFFICIAL' ? `${t('issuesPages.followUp.official')} · ${view.administration}` : t('issuesPages.followUp.reporterInfo')}
                  {' · '}
                  <LocalTime value={r.at} className="font-normal text-slate-700" />
                </p>
                <div className="prose mt-2 max-w-none" dangerouslySetInnerHTML={{ __html: r.html }} />
                <Files files={r.attachments} />
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-2 text-slate-700">{t('issuesPages.followUp.noResponses')}</p>
        )}
      </Card>
      <Card aria-labelledby="report-timeline">
        <h2 id="report-timeline" className="text-lg font-semibold text-brand-900">
          {t('issuesPages.followUp.timeline')}
        </h2>
        <ol className="mt-3 space-y-2 border-l-2 border-slate-200 pl-4">
          {view.timeline.map((event) => (
            <li key={event.key} className="text-sm">
              <span className="font-semibold text-slate-900">{t(`issuesPages.timeline.${event.action}`)}</span>
              <span className="text-slate-700">
                {' · '}
                {who[event.who]}
                {' · '}
                <LocalTime value={event.at} />
              </span>
            </li>
          ))}
        </ol>
      </Card>
      {view.canAdd ? (
        <Card aria-labelledby="report-add">
          <h2 id="report-add" className="text-lg font-semibold text-brand-900">
            {t('issuesPages.followUp.addTitle')}
          </h2>
          <Form method="post" encType="multipart/form-data" noValidate className="mt-4 space-y-4" autoComplete="off">
            <input type="hidden" name="receiptCode" value={code} />
            <input type="hidden" name="intent" value="add" />
            {intent === 'add' ? <FormError errors={errors} /> : null}
            <TextAreaField
              name="body"
              label={t('issuesPages.followUp.addBody')}
              hint={t('issuesPages.followUp.addBodyHint')}
              rows={6}
              maxLength={20000}
              defaultValue={intent === 'add' ? values?.body : undefined}
              errors={intent === 'add' ? errors : undefined}
            />
            <IssueEvidenceField errors={intent === 'add' ? errors : undefined} existingCount={view.fileCount} />
            <Button>{t('issuesPages.followUp.addSubmit')}</Button>
          </Form>
        </Card>
      ) : (
        <Alert tone="info">{t('issuesPages.followUp.closed')}</Alert>
      )}
      {view.reopenUntil ? (
        <Card aria-labelledby="report-reopen">
          <h2 id="report-reopen" className="text-lg font-semibold text-brand-900">
            {t('issuesPages.followUp.reopenTitle')}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t('issuesPages.followUp.reopenUntil', { date: t.date(view.reopenUntil) })}</p>
          <Form method="post" noValidate className="mt-4 space-y-4" autoComplete="off">
            <input type="hidden" name="receiptCode" value={code} />
            <input type="hidden" name="intent" value="reopen" />
            {intent === 'reopen' ? <FormError errors={errors} /> : null}
            <TextAreaField
              name="reopenReason"
              label={t('issuesPages.followUp.reopenReason')}
              rows={4}
              maxLength={5000}
              defaultValue={intent === 'reopen' ? values?.reopenReason : undefined}
              errors={intent === 'reopen' ? errors : undefined}
            />
            <Button variant="danger">{t('issuesPages.followUp.reopenSubmit')}</Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}

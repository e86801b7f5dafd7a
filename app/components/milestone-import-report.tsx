// The page of one milestone progress import: progress while its rows are checked (the page refreshes itself: a meta
// refresh without JavaScript, revalidation with it), then the dry run's report (file errors, row errors by line and
// column, the changes it would make, old → new), the apply step (a formal act: one transaction, audited) and, once
// applied, the receipt.
import { useEffect } from 'react';
import { Form, Link, useNavigation, useRevalidator } from 'react-router';
import type { FormErrors } from '../web/forms';
import { LocalTime, useT } from '../web/i18n';
import { milestoneCsvHrefs } from './milestone-import-upload';
import { Alert, Badge, Button, Card, FormError, PageHeader } from './ui';

type Message = { key: string; params?: Record<string, string | number> };
export type ImportPageRow = {
  line: number;
  milestoneId: string;
  commitmentReference: string | null;
  milestoneTitle: string | null;
  errors: (Message & { column: string | null })[];
  changes: { column: string; from: string; to: string }[];
};
export type ImportPageData = {
  id: string;
  status: 'CHECKING' | 'CHECKED' | 'APPLIED' | 'FAILED';
  fileName: string;
  totalRows: number;
  processedRows: number;
  error: string | null;
  createdAt: string;
  checkedAt: string | null;
  appliedAt: string | null;
  target: { kind: 'commitment' | 'plan'; key: string; title: string };
  report: {
    delimiter: string;
    fileErrors: Message[];
    summary: { rows: number; unchanged: number; withChanges: number; withErrors: number; changes: number };
    errorRows: ImportPageRow[];
    changeRows: ImportPageRow[];
    applied: { milestones: number; dueDates: number; done: number; confirmed: number; at: string } | null;
    failure: Message | null;
  } | null;
};

const statusTone = { CHECKING: 'info', CHECKED: 'neutral', APPLIED: 'success', FAILED: 'danger' } as const;
const REFRESH_MS = 2000;

/** While the rows are checked: reload the data every two seconds (with JavaScript; the page's noscript meta refresh otherwise). */
function useRefreshWhileChecking(checking: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!checking) return;
    const timer = window.setInterval(() => {
      if (revalidator.state === 'idle') void revalidator.revalidate();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [checking, revalidator]);
}

function Progress({ done, total }: { done: number; total: number }) {
  const t = useT();
  const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
  const label = total > 0 ? t('milestoneCsv.report.progress', { done, total }) : t('milestoneCsv.report.reading');
  return (
    <div>
      <p id="import-progress-label" className="mb-2 text-sm font-medium text-slate-900" aria-live="polite">
        {label}
      </p>
      <div
        role="progressbar"
        aria-labelledby="import-progress-label"
        aria-valuemin={0}
        aria-valuemax={total || 100}
        aria-valuenow={total > 0 ? done : undefined}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-700 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

function Summary({ summary }: { summary: NonNullable<ImportPageData['report']>['summary'] }) {
  const t = useT();
  const items: [string, number][] = [
    ['milestoneCsv.report.rows', summary.rows],
    ['milestoneCsv.report.unchanged', summary.unchanged],
    ['milestoneCsv.report.withChanges', summary.withChanges],
    ['milestoneCsv.report.withErrors', summary.withErrors],
    ['milestoneCsv.report.changes', summary.changes],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="import-summary">
      {items.map(([key, value]) => (
        <div key={key} className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-600">{t(key)}</dt>
          <dd className="text-xl font-semibold text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function MoreRows({ shown, total }: { shown: number; total: number }) {
  const t = useT();
  if (total <= shown) return null;
  return <p className="mt-2 text-sm text-slate-700">{t('milestoneCsv.report.more', { shown, total })}</p>;
}

const cellClass = 'border-b border-slate-200 px-3 py-2 align-top';

function ErrorTable({ rows, total }: { rows: ImportPageRow[]; total: number }) {
  const t = useT();
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm" data-testid="import-errors">
        <caption className="sr-only">{t('milestoneCsv.report.errorsTitle')}</caption>
        <thead>
          <tr className="text-slate-700">
            <th scope="col" className={cellClass}>
              {t('milestoneCsv.report.line')}
            </th>
            <th scope="col" className={cellClass}>
              {t('milestoneCsv.report.milestone')}
            </th>
            <th scope="col" className={cellClass}>
              {t('milestoneCsv.report.column')}
            </th>
            <th scope="col" className={cellClass}>
              {t('milestoneCsv.report.problem')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((row) =>
            row.errors.map((e, i) => (
              <tr key={`${row.line}-${i}`}>
                <td className={`${cellClass} font-mono`}>{row.line}</td>
                <td className={`${cellClass} break-words`}>
                  {row.milestoneTitle ? (
                    <>
                      {row.commitmentReference ? <span className="mr-1 font-mono text-slate-600">{row.commitmentReference}</span> : null}
                      {row.milestoneTitle}
                    </>
                  ) : (
                    <span className="font-mono break-all">{row.milestoneId || '—'}</span>
                  )}
                </td>
                <td className={`${cellClass} font-mono`}>{e.column ?? '—'}</td>
                <td className={cellClass}>{t(e.key, e.params)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <MoreRows shown={rows.length} total={total} />
    </div>
  );
}

function ChangeTable({ rows, total }: { rows: ImportPageRow[]; total: number }) {
  const t = useT();
  const shown = (value: string) => (value === '' ? <span className="text-slate-500">{t('milestoneCsv.report.empty')}</span> : value);
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm" data-testid="import-changes">
        <caption className="sr-only">{t('milestoneCsv.report.changesTitle')}</caption>
        <thead>
          <tr className="text-slate-700">
            <th scope="col" className={cellClass}>
              {t('milestoneCsv.report.line')}
            </th>
            <th scope="col" className={cellClass}>
              {t('milestoneCsv.report.milestone')}
            </th>
            <th scope="col" className={cellClass}>
              {t('milestoneCsv.report.column')}
            </th>
            <th scope="col" className={cellClass}>
              {t('milestoneCsv.report.before')}
            </th>
            <th scope="col" className={cellClass}>
              {t('milestoneCsv.report.after')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((row) =>
            row.changes.map((c) => (
              <tr key={`${row.line}-${c.column}`}>
                <td className={`${cellClass} font-mono`}>{row.line}</td>
                <td className={`${cellClass} break-words`}>
                  {row.commitmentReference ? <span className="mr-1 font-mono text-slate-600">{row.commitmentReference}</span> : null}
                  {row.milestoneTitle}
                </td>
                <td className={`${cellClass} font-mono`}>{c.column}</td>
                <td className={`${cellClass} break-words whitespace-pre-line`}>{shown(c.from)}</td>
                <td className={`${cellClass} break-words whitespace-pre-line`}>
                  {shown(c.to)}
                  {c.column === 'status' ? <span className="block text-xs text-slate-600">{t(`milestoneCsv.report.statusChange.${c.to}`)}</span> : null}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <MoreRows shown={rows.length} total={total} />
    </div>
  );
}

function ApplyForm({ data, errors }: { data: ImportPageData; errors?: FormErrors }) {
  const t = useT();
  const navigation = useNavigation();
  const report = data.report!;
  const blocked = report.fileErrors.length > 0 || report.summary.withErrors > 0;
  const count = report.summary.changes;
  const hrefs = milestoneCsvHrefs(data.target);
  if (!blocked && count === 0) {
    return (
      <Alert tone="info">
        {t('milestoneCsv.apply.nothing')}{' '}
        <Link to={hrefs.page} className="font-semibold underline">
          {t('milestoneCsv.backTo', { name: data.target.kind === 'commitment' ? data.target.key : data.target.title })}
        </Link>
      </Alert>
    );
  }
  const confirmError = errors?.fieldErrors?.confirm?.length ? 'apply-confirm-error' : undefined;
  return (
    <Card aria-labelledby="apply-title">
      <h2 id="apply-title" className="text-lg font-semibold text-brand-900">
        {t('milestoneCsv.apply.title', { count })}
      </h2>
      {blocked ? (
        <p className="mt-2 text-sm text-slate-800" id="apply-blocked">
          {t('milestoneCsv.apply.blocked')}{' '}
          <Link to={hrefs.import} className="font-semibold text-brand-700 underline underline-offset-2">
            {t('milestoneCsv.apply.uploadAgain')}
          </Link>
        </p>
      ) : (
        <ul className="mt-2 mb-4 list-disc space-y-1 pl-6 text-sm text-slate-800" data-testid="what-follows">
          <li>{t('milestoneCsv.apply.follows1', { count, rows: report.summary.withChanges })}</li>
          <li>{t('milestoneCsv.apply.follows2')}</li>
          <li>{t('milestoneCsv.apply.follows3')}</li>
          <li>{t('milestoneCsv.apply.follows4')}</li>
        </ul>
      )}
      <Form method="post" noValidate className="mt-4 space-y-4">
        <FormError errors={errors} />
        <input type="hidden" name="intent" value="apply" />
        {blocked ? null : (
          <div>
            <label className="flex items-start gap-3 text-sm text-slate-900">
              <input
                type="checkbox"
                name="confirm"
                value="yes"
                id={confirmError ? 'field-confirm' : 'apply-confirm'}
                className="mt-1 h-5 w-5"
                aria-invalid={confirmError ? true : undefined}
                aria-describedby={confirmError}
                required
              />
              <span>{t('milestoneCsv.apply.confirm', { count })}</span>
            </label>
            {confirmError ? (
              <p id={confirmError} className="mt-1 text-sm font-medium text-red-800">
                {t('milestoneCsv.errors.confirmRequired')}
              </p>
            ) : null}
          </div>
        )}
        <div className="flex flex-wrap gap-3">
          <Button disabled={blocked || navigation.state === 'submitting'} aria-describedby={blocked ? 'apply-blocked' : undefined}>
            {t('milestoneCsv.apply.submit', { count })}
          </Button>
          <Link to={hrefs.page} className="inline-flex min-h-11 items-center px-2 text-sm font-semibold text-brand-800 underline underline-offset-2">
            {t('milestoneCsv.cancel')}
          </Link>
        </div>
      </Form>
    </Card>
  );
}

export function MilestoneImportReport({ data, errors }: { data: ImportPageData; errors?: FormErrors }) {
  const t = useT();
  const checking = data.status === 'CHECKING';
  useRefreshWhileChecking(checking);
  const hrefs = milestoneCsvHrefs(data.target);
  const report = data.report;
  return (
    <div className="mx-auto max-w-5xl">
      {checking ? (
        <noscript>
          <meta httpEquiv="refresh" content={String(REFRESH_MS / 1000)} />
        </noscript>
      ) : null}
      <p className="mb-2 text-sm">
        <Link to={hrefs.page} className="font-medium text-brand-700 underline underline-offset-2">
          ← {t('milestoneCsv.backTo', { name: data.target.kind === 'commitment' ? data.target.key : data.target.title })}
        </Link>
      </p>
      <PageHeader title={t('milestoneCsv.report.title', { fileName: data.fileName })} lead={t('milestoneCsv.report.lead', { title: data.target.title })} />
      <p className="-mt-6 mb-6 flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <Badge tone={statusTone[data.status]}>{t(`milestoneImport.status.${data.status}`)}</Badge>
        <span>
          {t('milestoneCsv.report.uploaded')} <LocalTime value={data.createdAt} />
        </span>
      </p>
      <div className="space-y-6">
        {checking ? (
          <Card>
            <Progress done={data.processedRows} total={data.totalRows} />
            <p className="mt-3 text-sm text-slate-700">{t('milestoneCsv.report.checkingHint')}</p>
          </Card>
        ) : null}
        {data.status === 'APPLIED' && report?.applied ? (
          <Alert tone="success">
            <span data-testid="import-receipt">
              {t('milestoneCsv.receipt.text', {
                milestones: report.applied.milestones,
                dueDates: report.applied.dueDates,
                done: report.applied.done,
                confirmed: report.applied.confirmed,
              })}
            </span>{' '}
            {data.appliedAt ? (
              <>
                {t('milestoneCsv.receipt.at')} <LocalTime value={data.appliedAt} />.{' '}
              </>
            ) : null}
            {t('milestoneCsv.receipt.audit')}{' '}
            <Link to={hrefs.page} className="font-semibold underline">
              {t('milestoneCsv.backTo', { name: data.target.kind === 'commitment' ? data.target.key : data.target.title })}
            </Link>
          </Alert>
        ) : null}
        {data.status === 'FAILED' ? (
          <Alert tone="error">
            <span data-testid="import-failure">
              {t('milestoneCsv.report.failed')} {report?.failure ? t(report.failure.key, report.failure.params) : data.error ? t(data.error) : null}
            </span>{' '}
            <Link to={hrefs.import} className="font-semibold underline">
              {t('milestoneCsv.apply.uploadAgain')}
            </Link>
          </Alert>
        ) : null}
        {report ? (
          <>
            <Summary summary={report.summary} />
            {report.fileErrors.length ? (
              <Card aria-labelledby="file-errors">
                <h2 id="file-errors" className="text-lg font-semibold text-red-900">
                  {t('milestoneCsv.report.fileErrorsTitle')}
                </h2>
                <ul className="mt-2 list-disc space-y-1 pl-6 text-sm text-red-900" data-testid="import-file-errors">
                  {report.fileErrors.map((e) => (
                    <li key={e.key}>{t(e.key, e.params)}</li>
                  ))}
                </ul>
              </Card>
            ) : null}
            {report.errorRows.length ? (
              <Card aria-labelledby="row-errors">
                <h2 id="row-errors" className="mb-3 text-lg font-semibold text-red-900">
                  {t('milestoneCsv.report.errorsTitle')} ({report.summary.withErrors})
                </h2>
                <ErrorTable rows={report.errorRows} total={report.summary.withErrors} />
              </Card>
            ) : null}
            {report.changeRows.length ? (
              <Card aria-labelledby="row-changes">
                <h2 id="row-changes" className="mb-3 text-lg font-semibold text-brand-900">
                  {t(data.status === 'APPLIED' ? 'milestoneCsv.report.changesAppliedTitle' : 'milestoneCsv.report.changesTitle')} ({report.summary.changes})
                </h2>
                <ChangeTable rows={report.changeRows} total={report.summary.withChanges} />
              </Card>
            ) : null}
            {data.status === 'CHECKED' ? <ApplyForm data={data} errors={errors} /> : null}
          </>
        ) : null}
      </div>
    </div>
  );
}

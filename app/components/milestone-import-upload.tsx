// The upload page of a milestone progress import, for a commitment or an action plan: how to prepare the file (export,
// edit the editable columns, save as CSV), then the file field. Sending the form starts the dry run; nothing changes
// until the report's "Apply" is confirmed.
import { Form, Link, useNavigation } from 'react-router';
import type { FormErrors } from '../web/forms';
import { useT } from '../web/i18n';
import { Button, Card, FormError, PageHeader, TextField } from './ui';

export type ImportTarget = { kind: 'commitment' | 'plan'; key: string; title: string };

/** The addresses of a commitment's or plan's page, its CSV export and its import page. */
export function milestoneCsvHrefs(target: { kind: 'commitment' | 'plan'; key: string }) {
  const base = target.kind === 'commitment' ? `/commitments/${encodeURIComponent(target.key)}` : `/plans/${encodeURIComponent(target.key)}`;
  return { page: base, csv: `${base}/milestones.csv`, csvSemicolon: `${base}/milestones.csv?delimiter=semicolon`, import: `${base}/import` };
}

export function MilestoneImportUpload({ target, errors, maxMegabytes }: { target: ImportTarget; errors?: FormErrors; maxMegabytes: number }) {
  const t = useT();
  const navigation = useNavigation();
  const hrefs = milestoneCsvHrefs(target);
  const scope = t(target.kind === 'commitment' ? 'milestoneCsv.scope.commitment' : 'milestoneCsv.scope.plan');
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2 text-sm">
        <Link to={hrefs.page} className="font-medium text-brand-700 underline underline-offset-2">
          ← {t('milestoneCsv.backTo', { name: target.kind === 'commitment' ? target.key : target.title })}
        </Link>
      </p>
      <PageHeader title={t('milestoneCsv.upload.title')} lead={t('milestoneCsv.upload.lead', { scope })} />
      <p className="-mt-6 mb-6 text-sm break-words text-slate-700">
        {target.kind === 'commitment' ? <span className="mr-2 font-mono">{target.key}</span> : null}
        {target.title}
      </p>
      <div className="space-y-6">
        <Card aria-labelledby="import-how">
          <h2 id="import-how" className="text-lg font-semibold text-brand-900">
            {t('milestoneCsv.upload.howTitle')}
          </h2>
          <ol className="mt-3 list-decimal space-y-2 pl-6 text-sm text-slate-800">
            <li>
              {t('milestoneCsv.upload.step1')}{' '}
              <a href={hrefs.csv} className="font-medium text-brand-700 underline underline-offset-2" download>
                {t('milestoneCsv.export.comma')}
              </a>
              {' · '}
              <a href={hrefs.csvSemicolon} className="font-medium text-brand-700 underline underline-offset-2" download>
                {t('milestoneCsv.export.semicolon')}
              </a>
            </li>
            <li>
              {t('milestoneCsv.upload.step2')}
              <ul className="mt-1 list-disc space-y-1 pl-6">
                <li>
                  <code className="font-mono">due_date</code>: {t('milestoneCsv.column.due_date')}
                </li>
                <li>
                  <code className="font-mono">status</code>: {t('milestoneCsv.column.status')}
                </li>
                <li>
                  <code className="font-mono">evidence_text</code>, <code className="font-mono">evidence_links</code>: {t('milestoneCsv.column.evidence')}
                </li>
              </ul>
            </li>
            <li>{t('milestoneCsv.upload.step3')}</li>
            <li>{t('milestoneCsv.upload.step4')}</li>
          </ol>
        </Card>
        <Card aria-labelledby="import-file">
          <h2 id="import-file" className="mb-4 text-lg font-semibold text-brand-900">
            {t('milestoneCsv.upload.fileTitle')}
          </h2>
          <Form method="post" encType="multipart/form-data" noValidate className="space-y-4">
            <FormError errors={errors} />
            <TextField
              name="files"
              type="file"
              accept=".csv,text/csv"
              label={t('milestoneCsv.upload.file')}
              hint={t('milestoneCsv.upload.fileHint', { max: maxMegabytes })}
              errors={errors}
              required
            />
            <p className="text-sm text-slate-700">{t('milestoneCsv.upload.nothingYet')}</p>
            <div className="flex flex-wrap gap-3">
              <Button disabled={navigation.state === 'submitting'}>{t('milestoneCsv.upload.submit')}</Button>
              <Link to={hrefs.page} className="inline-flex min-h-11 items-center px-2 text-sm font-semibold text-brand-800 underline underline-offset-2">
                {t('milestoneCsv.cancel')}
              </Link>
            </div>
          </Form>
        </Card>
      </div>
    </div>
  );
}

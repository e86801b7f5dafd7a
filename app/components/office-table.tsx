// The table of an administration's offices, with edit, archive (confirmed first) and restore.
import { Form, Link } from 'react-router';
import { useT } from '../web/i18n';
import { Badge, Button, buttonClass } from './ui';

export type OfficeRow = {
  id: string;
  nameEn: string;
  nameRu: string;
  kind: string;
  latitude: number;
  longitude: number;
  archivedAt: string | null;
  issueCount: number;
};

const coordinate = (value: number) => value.toFixed(4).replace(/\.?0+$/, '');

export function OfficeTable({ offices, caption, basePath }: { offices: OfficeRow[]; caption: string; basePath: string }) {
  const t = useT();
  const name = (o: OfficeRow) => (t.locale === 'ru' ? o.nameRu : o.nameEn);
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-3 font-semibold">
              {t('offices.col.name')}
            </th>
            <th scope="col" className="px-4 py-3 font-semibold">
              {t('offices.col.kind')}
            </th>
            <th scope="col" className="px-4 py-3 font-semibold">
              {t('offices.col.coordinates')}
            </th>
            <th scope="col" className="px-4 py-3 text-right font-semibold">
              {t('offices.col.issues')}
            </th>
            <th scope="col" className="px-4 py-3 font-semibold">
              {t('offices.col.status')}
            </th>
            <th scope="col" className="px-4 py-3 font-semibold">
              {t('offices.col.actions')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {offices.map((o) => (
            <tr key={o.id} data-testid="office-row" className={o.archivedAt ? 'bg-slate-50 text-slate-600' : undefined}>
              <th scope="row" className="px-4 py-3 font-medium text-slate-900">
                <span lang={t.locale}>{name(o)}</span>
                <span className="block text-xs font-normal text-slate-600" lang={t.locale === 'ru' ? 'en' : 'ru'}>
                  {t.locale === 'ru' ? o.nameEn : o.nameRu}
                </span>
              </th>
              <td className="px-4 py-3">{t(`offices.kind.${o.kind}`)}</td>
              <td className="whitespace-nowrap px-4 py-3 font-mono text-xs">
                {coordinate(o.latitude)}, {coordinate(o.longitude)}
              </td>
              <td className="px-4 py-3 text-right">{t.number(o.issueCount)}</td>
              <td className="px-4 py-3">
                {o.archivedAt ? <Badge>{t('offices.archivedOn', { date: t.date(o.archivedAt) })}</Badge> : <Badge tone="success">{t('offices.active')}</Badge>}
              </td>
              <td className="px-4 py-3">
                <div className="flex flex-wrap gap-2">
                  <Link
                    to={`${basePath}?edit=${o.id}#office-form-update`}
                    className={buttonClass('secondary', 'min-h-9 px-3')}
                    aria-label={t('offices.editNamed', { name: name(o) })}
                  >
                    {t('offices.edit')}
                  </Link>
                  {o.archivedAt ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="restore" />
                      <input type="hidden" name="officeId" value={o.id} />
                      <Button variant="secondary" className="min-h-9 px-3" aria-label={t('offices.restoreNamed', { name: name(o) })}>
                        {t('offices.restore')}
                      </Button>
                    </Form>
                  ) : (
                    <Link
                      to={`${basePath}?archive=${o.id}#archive-confirm`}
                      className={buttonClass('danger', 'min-h-9 px-3')}
                      aria-label={t('offices.archiveNamed', { name: name(o) })}
                    >
                      {t('offices.archive')}
                    </Link>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

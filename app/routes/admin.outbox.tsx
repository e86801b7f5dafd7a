import { Link, data } from 'react-router';
import type { Route } from './+types/admin.outbox';
import { requirePermission } from '../auth/guards.server';
import { Alert, PageHeader } from '../components/ui';
import { isOutboxFileName, listOutboxMessages } from '../domain/notification-outbox.server';
import { outboxSettings } from '../web/notification-outbox.server';
import { LocalTime, pageTitle, useT } from '../web/i18n';
import { routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'notifications.outbox.title');

const PAGE_SIZE = 50;

export async function loader({ request }: Route.LoaderArgs) {
  await requirePermission(request, 'outbox.read');
  const { ctx } = await routeContext(request);
  const before = new URL(request.url).searchParams.get('before');
  if (before !== null && !isOutboxFileName(before)) throw data(null, { status: 400 });
  const { dir, smtp } = outboxSettings();
  const page = await listOutboxMessages(ctx, { dir, before, first: PAGE_SIZE });
  return { smtp, paged: before !== null, ...page };
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { items, nextBefore, smtp, paged } = loaderData;
  return (
    <div>
      <PageHeader title={t('notifications.outbox.title')} lead={t('notifications.outbox.lead')} />
      {smtp ? (
        <div className="mb-4">
          <Alert tone="info">{t('notifications.outbox.smtp')}</Alert>
        </div>
      ) : null}
      {items.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-6 text-slate-700">{t('notifications.outbox.empty')}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('notifications.outbox.caption')}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('notifications.outbox.col.date')}
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('notifications.outbox.col.subject')}
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('notifications.outbox.col.to')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((m) => (
                <tr key={m.file} data-testid="outbox-message">
                  <td className="whitespace-nowrap px-4 py-3 text-slate-700">{m.date ? <LocalTime value={m.date} /> : '—'}</td>
                  <td className="px-4 py-3">
                    <Link to={`/admin/outbox/${encodeURIComponent(m.file)}`} className="font-medium text-brand-700 underline underline-offset-2">
                      {m.subject || t('notifications.outbox.noSubject')}
                    </Link>
                  </td>
                  <td className="break-all px-4 py-3 text-slate-700">{m.to}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t('notifications.outbox.caption')} className="mt-6 flex flex-wrap gap-4">
        {paged ? (
          <Link to="/admin/outbox" className="font-semibold text-brand-700 underline underline-offset-2">
            {t('notifications.outbox.newest')}
          </Link>
        ) : null}
        {nextBefore ? (
          <Link to={`/admin/outbox?before=${encodeURIComponent(nextBefore)}`} className="font-semibold text-brand-700 underline underline-offset-2">
            {t('notifications.outbox.older')}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

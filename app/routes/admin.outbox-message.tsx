import { Link, data } from 'react-router';
import type { Route } from './+types/admin.outbox-message';
import { requirePermission } from '../auth/guards.server';
import { Card, PageHeader } from '../components/ui';
import { NotFoundError } from '../domain/errors.server';
import { isOutboxFileName, readOutboxMessage } from '../domain/notification-outbox.server';
import { outboxSettings } from '../web/notification-outbox.server';
import { LocalTime, metaT, pageTitle, useT } from '../web/i18n';
import { routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches, loaderData }) => {
  const subject = loaderData?.message.subject;
  if (!subject) return pageTitle(matches, 'notifications.outbox.message');
  return [{ title: `${subject} · ${metaT(matches)('notifications.outbox.title')} · ${metaT(matches)('app.name')}` }];
};

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePermission(request, 'outbox.read');
  const { ctx } = await routeContext(request);
  // Only a plain *.eml name in the outbox folder: no path, no traversal.
  if (!isOutboxFileName(params.file)) throw data(null, { status: 404 });
  try {
    return { message: await readOutboxMessage(ctx, { dir: outboxSettings().dir, file: params.file }) };
  } catch (error) {
    if (error instanceof NotFoundError) throw data(null, { status: 404 });
    throw error;
  }
}

export default function OutboxMessage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { message } = loaderData;
  const rows: [string, React.ReactNode][] = [
    [t('notifications.outbox.from'), message.from],
    [t('notifications.outbox.to'), message.to],
    [t('notifications.outbox.date'), message.date ? <LocalTime value={message.date} /> : '—'],
    [t('notifications.outbox.file'), <code key="file">{message.file}</code>],
  ];
  return (
    <div>
      <p className="mb-4">
        <Link to="/admin/outbox" className="font-medium text-brand-700 underline underline-offset-2">
          {t('notifications.outbox.back')}
        </Link>
      </p>
      <PageHeader title={message.subject || t('notifications.outbox.noSubject')} />
      <Card>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-semibold text-slate-700">{label}</dt>
              <dd className="break-all text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
        <h2 className="mt-6 text-base font-semibold text-brand-900">{t('notifications.outbox.text')}</h2>
        {message.text !== null ? (
          <pre
            className="mt-2 overflow-x-auto whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-4 font-mono text-sm text-slate-900"
            data-testid="outbox-text"
          >
            {message.text}
          </pre>
        ) : (
          <p className="mt-2 text-sm text-slate-700">{t('notifications.outbox.noText')}</p>
        )}
      </Card>
    </div>
  );
}

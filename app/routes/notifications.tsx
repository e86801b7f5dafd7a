import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/notifications';
import { requireUser } from '../auth/guards.server';
import { NotificationList } from '../components/notification-list';
import { Alert, Button, FormError, PageHeader } from '../components/ui';
import { type NotificationData, listNotifications, markNotificationsRead, unreadCount } from '../domain/notifications.server';
import { can } from '../domain/policy.server';
import { attempt } from '../web/forms.server';
import { pageTitle, useT } from '../web/i18n';
import { dispatchIntent, routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'notifications.title');

const PAGE_SIZE = 20;

/** The list's own address with its filter and page (never anything else from the form). */
function listUrl(view: string | null, after: string | null, flash?: string) {
  const params = new URLSearchParams();
  if (view === 'unread') params.set('view', 'unread');
  if (after) params.set('after', after);
  if (flash) params.set('done', flash);
  const query = params.toString();
  return `/notifications${query ? `?${query}` : ''}`;
}

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request);
  const { ctx } = await routeContext(request);
  const url = new URL(request.url);
  const unreadOnly = url.searchParams.get('view') === 'unread';
  const after = url.searchParams.get('after');
  const result = await attempt(() => listNotifications(ctx, { first: PAGE_SIZE, after, unreadOnly }));
  // A cursor that cannot be read (edited by hand) starts again from the newest.
  if (!result.ok) throw redirect(listUrl(unreadOnly ? 'unread' : null, null));
  const unread = await unreadCount(ctx);
  const done = url.searchParams.get('done');
  return {
    // Platform administrators also read the mail outbox (emails written without SMTP).
    canReadOutbox: can(ctx.actor, 'outbox.read'),
    unreadOnly,
    after: after && result.value.items.length ? after : null,
    unread,
    done: done === 'all' || done === 'one' ? done : null,
    page: {
      hasNextPage: result.value.hasNextPage,
      endCursor: result.value.endCursor,
      items: result.value.items.map((n) => ({
        id: n.id,
        kind: n.kind,
        subjectType: n.subjectType,
        data: (n.data ?? {}) as NotificationData,
        createdAt: n.createdAt.toISOString(),
        read: n.readAt !== null,
      })),
    },
  };
}

export async function action({ request }: Route.ActionArgs) {
  await requireUser(request);
  const { ctx } = await routeContext(request);
  const formData = await request.formData();
  const view = typeof formData.get('view') === 'string' ? String(formData.get('view')) : null;
  const after = typeof formData.get('after') === 'string' && formData.get('after') ? String(formData.get('after')) : null;
  return dispatchIntent(formData, {
    markRead: async () => {
      const id = String(formData.get('id') ?? '');
      const result = await attempt(() => markNotificationsRead(ctx, { ids: [id] }), { intent: 'markRead' });
      if (!result.ok) return result.response;
      return redirect(listUrl(view, after, 'one'));
    },
    markAllRead: async () => {
      const result = await attempt(() => markNotificationsRead(ctx, { all: true }), { intent: 'markAllRead' });
      if (!result.ok) return result.response;
      return redirect(listUrl(view, null, 'all'));
    },
  });
}

export default function Notifications({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { page, unread, unreadOnly, after, done, canReadOutbox } = loaderData;
  const view = unreadOnly ? 'unread' : null;
  const tab = (active: boolean) =>
    `inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium ${active ? 'bg-brand-700 text-white' : 'text-brand-800 underline underline-offset-2 hover:bg-brand-50'}`;
  return (
    <div>
      <PageHeader
        title={t('notifications.title')}
        lead={t('notifications.lead')}
        actions={
          unread > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="markAllRead" />
              {view ? <input type="hidden" name="view" value={view} /> : null}
              <Button variant="secondary">{t('notifications.markAllRead')}</Button>
            </Form>
          ) : null
        }
      />
      {actionData && 'errors' in actionData ? <FormError errors={actionData.errors} /> : null}
      {done ? (
        <div className="mb-4">
          <Alert tone="success">{t(done === 'all' ? 'notifications.markedAll' : 'notifications.marked')}</Alert>
        </div>
      ) : null}
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t('notifications.filter.label')} className="flex flex-wrap gap-2">
          <Link to="/notifications" className={tab(!unreadOnly)} aria-current={!unreadOnly ? 'page' : undefined}>
            {t('notifications.filter.all')}
          </Link>
          <Link to="/notifications?view=unread" className={tab(unreadOnly)} aria-current={unreadOnly ? 'page' : undefined}>
            {t('notifications.filter.unread')} ({t.number(unread)})
          </Link>
        </nav>
        <div className="flex flex-wrap gap-4">
          <Link to="/settings#email-notifications" className="text-sm font-medium text-brand-700 underline underline-offset-2">
            {t('notifications.emailSettings')}
          </Link>
          {canReadOutbox ? (
            <Link to="/admin/outbox" className="text-sm font-medium text-brand-700 underline underline-offset-2">
              {t('notifications.outbox.title')}
            </Link>
          ) : null}
        </div>
      </div>
      {page.items.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-6 text-slate-700">{t(unreadOnly ? 'notifications.emptyUnread' : 'notifications.empty')}</p>
      ) : (
        <NotificationList items={page.items} view={view} after={after} />
      )}
      <nav aria-label={t('notifications.listLabel')} className="mt-6 flex flex-wrap gap-4">
        {after ? (
          <Link to={listUrl(view, null)} className="font-semibold text-brand-700 underline underline-offset-2">
            {t('notifications.firstPage')}
          </Link>
        ) : null}
        {page.hasNextPage && page.endCursor ? (
          <Link to={listUrl(view, page.endCursor)} className="font-semibold text-brand-700 underline underline-offset-2">
            {t('notifications.nextPage')}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

// The notifications page's list: newest first, unread ones highlighted and marked in words (not by colour alone),
// each with a link to its issue and a "Mark as read" form that works without JavaScript.
import { Form, Link } from 'react-router';
import { LocalTime, useT } from '../web/i18n';
import { type NotificationDataLike, notificationHref, notificationSummary } from './notification-summary';
import { Badge, Button } from './ui';

export type NotificationListItem = {
  id: string;
  kind: string;
  subjectType: string;
  data: NotificationDataLike;
  createdAt: string;
  read: boolean;
};

export function NotificationList({ items, view, after }: { items: NotificationListItem[]; view: string | null; after: string | null }) {
  const t = useT();
  return (
    <ul aria-label={t('notifications.listLabel')} className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
      {items.map((n) => {
        const href = notificationHref(n.subjectType, n.data);
        const reference = href && typeof n.data.reference === 'string' ? n.data.reference : null;
        const summary = notificationSummary(t, n.kind, n.data, (value) => t.dateTime(value));
        return (
          <li
            key={n.id}
            data-testid="notification"
            data-unread={n.read ? undefined : 'true'}
            className={`flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between ${n.read ? '' : 'border-l-4 border-l-amber-500 bg-amber-50'}`}
          >
            <div className="min-w-0">
              <p className={`text-sm ${n.read ? 'text-slate-700' : 'font-semibold text-slate-900'}`}>
                {n.read ? <span className="sr-only">{t('notifications.read')}: </span> : null}
                {!n.read ? (
                  <span className="mr-2">
                    <Badge tone="warning">{t('notifications.unread')}</Badge>
                  </span>
                ) : null}
                {summary}
              </p>
              <p className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-600">
                <LocalTime value={n.createdAt} />
                {href && reference ? (
                  <Link to={href} className="font-medium text-brand-700 underline underline-offset-2">
                    {t('notifications.open', { reference })}
                  </Link>
                ) : null}
              </p>
            </div>
            {!n.read ? (
              <Form method="post" className="shrink-0">
                <input type="hidden" name="intent" value="markRead" />
                <input type="hidden" name="id" value={n.id} />
                {view ? <input type="hidden" name="view" value={view} /> : null}
                {after ? <input type="hidden" name="after" value={after} /> : null}
                <Button variant="secondary" className="min-h-9 px-3" aria-label={reference ? t('notifications.markReadNamed', { reference }) : undefined}>
                  {t('notifications.markRead')}
                </Button>
              </Form>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

// The bell in the header: a link to /notifications that says how many are unread (in words for screen readers,
// as a small count for the eye). Zero shows the bell alone.
import { NavLink } from 'react-router';
import { useT } from '../web/i18n';

export function NotificationBell({ unread }: { unread: number }) {
  const t = useT();
  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return (
    <NavLink
      to="/notifications"
      aria-label={label}
      title={label}
      data-testid="notification-bell"
      className={({ isActive }) =>
        `relative flex min-h-11 min-w-11 items-center justify-center rounded-md ${isActive ? 'bg-white/15 text-white' : 'text-brand-50 hover:bg-white/10 hover:text-white'}`
      }
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="h-6 w-6"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span
          aria-hidden="true"
          data-testid="notification-count"
          className="absolute right-0.5 top-0.5 min-w-5 rounded-full bg-amber-400 px-1 text-center text-xs font-bold leading-5 text-brand-900"
        >
          {unread > 99 ? '99+' : t.number(unread)}
        </span>
      ) : null}
    </NavLink>
  );
}

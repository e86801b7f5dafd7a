// An organisation's activity feed, newest first: who did what to which thing, with a link to it, at a time shown in
// the viewer's time zone. Rendered on the server, then kept live over Socket.IO: a new event shows at once and the
// page's data is then re-read, which names its subject.
import { useEffect, useRef, useState } from 'react';
import { Link, useRevalidator } from 'react-router';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../realtime/events';
import type { Activity } from '../web/activity.server';
import { LocalTime, useT } from '../web/i18n';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function ActivityFeed({ initial, organizationIds, names = {} }: { initial: Activity[]; organizationIds: string[]; names?: Record<string, string> }) {
  const t = useT();
  const revalidator = useRevalidator();
  const [events, setEvents] = useState(initial);
  const [live, setLive] = useState(false);
  const refresh = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  // Fresh loader data brings new objects: read them through refs, so the socket stays connected across refreshes.
  const namesRef = useRef(names);
  namesRef.current = names;
  useEffect(() => setEvents(initial), [initial]);
  // Reconnect only when the set of organisations changes, not when the parent re-renders with an equal array.
  const subscribed = organizationIds.join(',');
  useEffect(() => {
    const ids = subscribed.split(',').filter(Boolean);
    if (!ids.length) return;
    const socket: LiveSocket = io({ transports: ['websocket', 'polling'] });
    socket.on('connect', () => {
      for (const organizationId of ids) {
        socket.emit('organization:subscribe', { organizationId }, (result) => {
          if (result.ok) setLive(true);
        });
      }
    });
    socket.on('audit:appended', (event) => {
      setEvents((current) =>
        current.some((e) => e.seq === event.seq)
          ? current
          : [{ ...event, actorName: event.actorId ? (namesRef.current[event.actorId] ?? null) : null, subject: null }, ...current].slice(0, 30),
      );
      // Several events often arrive together (a command writes more than one): re-read once for all of them.
      clearTimeout(refresh.current);
      refresh.current = setTimeout(() => void revalidate.current(), 400);
    });
    return () => {
      clearTimeout(refresh.current);
      socket.disconnect();
    };
  }, [subscribed]);
  const label = (action: string) => {
    const key = `audit.${action}`;
    const text = t(key);
    return text === key ? t('audit.other', { action }) : text;
  };
  const who = (event: Activity) =>
    event.actorName
      ? t('activity.by', { name: event.actorName })
      : event.actorId?.startsWith('system:') || !event.actorId
        ? t('activity.system')
        : t('activity.someone');
  return (
    <div>
      {live ? (
        <p className="mb-3 flex items-center gap-2 text-sm text-slate-600">
          <span className="inline-block h-2 w-2 rounded-full bg-emerald-500" aria-hidden="true" />
          {t('dashboard.activityLive')}
        </p>
      ) : null}
      {events.length === 0 ? (
        <p className="text-slate-600">{t('dashboard.noActivity')}</p>
      ) : (
        <ol className="divide-y divide-slate-100" aria-live="polite" data-testid="activity-feed">
          {events.map((event) => (
            <li key={event.seq} className="py-3 text-sm">
              <p className="text-slate-900">
                <span className="font-medium">{label(event.action)}</span>
                {event.subject ? (
                  <>
                    {': '}
                    {event.subject.href ? (
                      <Link to={event.subject.href} className="text-brand-700 underline underline-offset-2">
                        {event.subject.label}
                      </Link>
                    ) : (
                      event.subject.label
                    )}
                  </>
                ) : null}
              </p>
              <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-slate-600">
                <span>{who(event)}</span>
                <span aria-hidden="true">·</span>
                <LocalTime value={event.occurredAt} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

// An organisation's activity feed: rendered on the server, then kept live over Socket.IO.
import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../realtime/events';
import type { Activity } from '../web/activity.server';
import { useT } from '../web/i18n';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function ActivityFeed({ initial, organizationIds, names }: { initial: Activity[]; organizationIds: string[]; names: Record<string, string> }) {
  const t = useT();
  const [events, setEvents] = useState(initial);
  const [live, setLive] = useState(false);
  useEffect(() => setEvents(initial), [initial]);
  useEffect(() => {
    if (!organizationIds.length) return;
    const socket: LiveSocket = io({ transports: ['websocket', 'polling'] });
    socket.on('connect', () => {
      for (const organizationId of organizationIds) {
        socket.emit('organization:subscribe', { organizationId }, (result) => {
          if (result.ok) setLive(true);
        });
      }
    });
    socket.on('audit:appended', (event) => {
      setEvents((current) =>
        current.some((e) => e.seq === event.seq)
          ? current
          : [{ ...event, actorName: event.actorId ? (names[event.actorId] ?? null) : null }, ...current].slice(0, 30),
      );
    });
    return () => {
      socket.disconnect();
    };
  }, [organizationIds.join(','), names]);
  const label = (action: string) => {
    const key = `audit.${action}`;
    const text = t(key);
    return text === key ? t('audit.other', { action }) : text;
  };
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
            <li key={event.seq} className="flex flex-col gap-0.5 py-3 sm:flex-row sm:items-baseline sm:justify-between">
              <span className="text-sm text-slate-900">
                <span className="font-medium">{label(event.action)}</span>
                {event.actorName ? <span className="text-slate-600"> · {event.actorName}</span> : null}
              </span>
              <time dateTime={event.occurredAt} className="text-xs text-slate-600">
                {t.dateTime(event.occurredAt)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

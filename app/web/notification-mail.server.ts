// Notification emails as people read them: worded here, in the recipient's language, from the notification's data.
// The domain decides who gets which notification and sends it (app/domain/notifications.server.ts, deliverPendingEmails).
import { isCommitmentNotification, notificationHref, notificationParams, notificationSummary, notificationWording } from '../components/notification-summary';
import type { MailMessage } from '../domain/mail.server';
import type { PendingEmail } from '../domain/notifications.server';
import { formatDate as formatDay, formatDateTime, translate } from '../i18n';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// A subject is one line of reasonable length.
const subjectLine = (value: string) => {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length > 150 ? `${line.slice(0, 149)}…` : line;
};

/**
 * The link of a notification's email: the domain's (the page, else the notifications page), or for a joint
 * commitment its page (or the milestone's), on the same site.
 */
function linkOf(email: PendingEmail): string {
  if (!isCommitmentNotification(email.kind)) return email.link;
  const href = notificationHref(email.subjectType, email.data);
  return href ? `${email.link.replace(/\/notifications$/, '')}${href}` : email.link;
}

/** The email for one notification, in the recipient's locale, with a link to its page (absolute with PUBLIC_URL). */
export function composeNotificationEmail(email: PendingEmail): MailMessage {
  const t = Object.assign((key: string, params?: Record<string, string | number>) => translate(email.locale, key, params), {
    date: (value: string) => formatDay(email.locale, value),
  });
  const formatDate = (value: string) => formatDateTime(email.locale, value);
  const params = notificationParams(t, email.data, formatDate, email.kind);
  const subjectKey = `notifications.mail.subject.${notificationWording(email.kind, email.data)}`;
  const summary = notificationSummary(t, email.kind, email.data, formatDate);
  const link = linkOf(email);
  const settingsLink = `${email.link.replace(/\/(issues\/[^/]+|notifications)$/, '')}/settings`;
  const openAction = !isCommitmentNotification(email.kind)
    ? 'notifications.mail.openAction'
    : link.includes('/milestones/')
      ? 'notifications.mail.openMilestone'
      : link.includes('/commitments/')
        ? 'notifications.mail.openCommitment'
        : 'notifications.mail.openAction';
  const text = [
    t('notifications.mail.greeting', { name: email.name }),
    '',
    summary,
    '',
    t('notifications.mail.open', { link }),
    '',
    '--',
    t('notifications.mail.footer', { link: settingsLink }),
    t('app.name'),
  ].join('\n');
  const html = [
    `<p>${escapeHtml(t('notifications.mail.greeting', { name: email.name }))}</p>`,
    `<p>${escapeHtml(summary)}</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(t(openAction))}</a></p>`,
    `<p style="color:#475569;font-size:13px">${escapeHtml(t('notifications.mail.footer', { link: '' }).replace(/:\s*$/, '.'))} <a href="${escapeHtml(settingsLink)}">${escapeHtml(t('notifications.mail.footerAction'))}</a></p>`,
  ].join('\n');
  return { to: email.to, subject: subjectLine(t(subjectKey, params)), text, html };
}

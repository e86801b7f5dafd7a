// The account messages as people read them: worded here, in the recipient's language, and sent through the mailer
// (app/domain/mail.server.ts). The domain decides that a message goes out and what it carries.
import type { MailMessage } from '../domain/mail.server';
import { sendMailInBackground } from '../domain/mail.server';
import type { PasswordResetMessage } from '../domain/password-reset.server';
import { type Locale, translate } from '../i18n';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The password reset message, in the account's language (else the language of the page it was asked from). */
export function passwordResetMail(message: PasswordResetMessage, pageLocale: Locale): MailMessage {
  const locale = message.locale ?? pageLocale;
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const text = [
    t('mail.reset.greeting', { name: message.name }),
    '',
    t('mail.reset.body'),
    '',
    message.link,
    '',
    t('mail.reset.expiry'),
    '',
    t('mail.reset.ignore'),
    '',
    t('app.name'),
  ].join('\n');
  const html = [
    `<p>${escapeHtml(t('mail.reset.greeting', { name: message.name }))}</p>`,
    `<p>${escapeHtml(t('mail.reset.body'))}</p>`,
    `<p><a href="${escapeHtml(message.link)}">${escapeHtml(t('mail.reset.action'))}</a></p>`,
    `<p>${escapeHtml(t('mail.reset.expiry'))}</p>`,
    `<p>${escapeHtml(t('mail.reset.ignore'))}</p>`,
  ].join('\n');
  return { to: message.to, subject: t('mail.reset.subject'), text, html };
}

/** A sender for requestPasswordReset: words the message and sends it in the background. */
export const sendPasswordResetMail = (pageLocale: Locale) => (message: PasswordResetMessage) => sendMailInBackground(passwordResetMail(message, pageLocale));

// Where the mailer writes emails when SMTP_URL is unset: DATA_DIR/outbox (the platform configures the mailer with the
// same folder in app/platform.server.ts). The outbox pages read it from here.
import path from 'node:path';
import { services } from '../services.server';

export function outboxSettings() {
  const { config } = services();
  return { dir: path.join(config.dataDir, 'outbox'), smtp: !!config.smtpUrl };
}

// Structured JSON logs (pino). One root logger; modules take a child with their own `module` field.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'integrity-compact' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['password', '*.password', 'req.headers.cookie', 'headers.cookie'], censor: '[redacted]' },
  });
}

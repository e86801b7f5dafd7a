// Structured JSON logs (pino). One root logger; modules take a child with their own `module` field.
import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger };

/** The root logger, writing JSON lines to stdout, or to `destination` (tests capture the output there). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'integrity-compact' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['password', '*.password', 'req.headers.cookie', 'headers.cookie', 'receiptCode', '*.receiptCode'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Anonymous reporting (/report, /report/follow-up and their `.data` requests): nothing about the person is logged. */
export const isAnonymousReportPath = (path: string) => path === '/report' || path === '/report.data' || path.startsWith('/report/');

/**
 * The fields of the one log line per HTTP request: method, path (never the query string), status and duration. No IP
 * address, user agent, referrer, cookie, session or user id is logged for any request; for the anonymous reporting
 * routes the duration is rounded to 100 ms as well, so that a line cannot be matched to other records by timing.
 */
export function requestLogFields({ method, url, status, ms }: { method: string; url: string; status: number; ms: number }) {
  const path = url.split('?')[0].split('#')[0];
  const anonymous = isAnonymousReportPath(path);
  return { method, path, status, ms: anonymous ? Math.round(ms / 100) * 100 : ms, ...(anonymous ? { anonymous: true } : {}) };
}

import { pino } from 'pino';

export type Logger = pino.Logger;

/** The one structured logger: JSON lines on stdout; children carry request and job ids. */
export function createLogger(level: string = 'info'): Logger {
  return pino({
    level,
    base: { service: 'concord' },
    redact: {
      paths: ['password', '*.password', 'params', '*.params', 'req.headers.cookie', 'headers.cookie'],
      remove: true,
    },
  });
}

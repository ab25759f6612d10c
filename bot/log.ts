import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout (App Service and container hosts collect them); no user text in logs. */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: { app: 'hyte-bot' }, redact: ['*.password', '*.token'] });
}

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from './context.ts';

/** The caller's address: the socket's, or the first forwarded hop when behind a trusted proxy. */
export function clientIp(c: Context<AppEnv>): string {
  if (c.var.services.config.TRUST_PROXY) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Tells whether the request reached us over https (directly or through a trusted proxy). */
export function isHttps(c: Context<AppEnv>): boolean {
  if (c.var.services.config.TRUST_PROXY && c.req.header('x-forwarded-proto') === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from './context.ts';

/**
 * The caller's address: the socket's, or, behind a trusted proxy, the right-most X-Forwarded-For
 * entry (the one the proxy added; entries to its left come from the client and prove nothing).
 */
export function clientIp(c: Context<AppEnv>): string {
  if (c.var.services.config.TRUST_PROXY) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
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

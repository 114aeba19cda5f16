import { DOMParser } from 'linkedom';
import { AppError } from '../../platform/errors.ts';

/** The callback address CAS sends people back to; the state rides in it, so it is the same at validation. */
export function casServiceUrl(origin: string, state: string): string {
  return `${origin}/api/sso/callback?state=${encodeURIComponent(state)}`;
}

/** The CAS server's login page for this service. */
export function casLoginUrl(server: string, service: string): string {
  return `${server.replace(/\/+$/, '')}/login?service=${encodeURIComponent(service)}`;
}

/** The CAS server's logout page, which ends its single sign-on session and returns to `back`. */
export function casLogoutUrl(server: string, back: string): string {
  return `${server.replace(/\/+$/, '')}/logout?service=${encodeURIComponent(back)}`;
}

/** The elements of a parsed XML document with this local name, whatever their namespace prefix. */
type XmlDocument = ReturnType<DOMParser['parseFromString']>;

function elementsNamed(doc: XmlDocument, name: string) {
  return [...doc.querySelectorAll('*')].filter(
    (el) => (el.localName || el.tagName).replace(/^.*:/, '') === name,
  );
}

/**
 * The service ticket a CAS logout request names (`<samlp:SessionIndex>`), which the CAS server posts
 * to the service when the person logs out there; null for anything else.
 */
export function ticketOfLogoutRequest(xml: string): string | null {
  if (xml.length > 20_000) return null;
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  if (!elementsNamed(doc, 'LogoutRequest')[0]) return null;
  const ticket = elementsNamed(doc, 'SessionIndex')[0]?.textContent?.trim() ?? '';
  return /^[A-Za-z0-9._:-]{1,256}$/.test(ticket) ? ticket : null;
}

/**
 * Validates a service ticket over the server-to-server call (`serviceValidate` for CAS 2.0,
 * `p3/serviceValidate` for 3.0, which adds attributes). A ticket is good once, for this service
 * only: the CAS server says so; anything but a success is refused.
 */
export async function validateCasTicket(
  settings: { casServerUrl: string; casVersion: '2' | '3' },
  service: string,
  ticket: string,
): Promise<{ user: string; attributes: Record<string, string> }> {
  if (!/^[A-Za-z0-9._:-]{1,256}$/.test(ticket))
    throw new AppError('sso_failed', 'No service ticket came back');
  const base = settings.casServerUrl.replace(/\/+$/, '');
  const path = settings.casVersion === '3' ? 'p3/serviceValidate' : 'serviceValidate';
  const url = `${base}/${path}?service=${encodeURIComponent(service)}&ticket=${encodeURIComponent(ticket)}`;
  let xml: string;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
    if (!res.ok) throw new Error(`the CAS server answered ${res.status}`);
    xml = await res.text();
  } catch (err) {
    throw new AppError(
      'sso_failed',
      err instanceof Error ? err.message : 'The CAS server could not be reached',
    );
  }
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const byName = (name: string) => elementsNamed(doc, name);
  const success = byName('authenticationSuccess')[0];
  const user = success ? byName('user')[0]?.textContent?.trim() : undefined;
  if (!success || !user) {
    const failure = byName('authenticationFailure')[0];
    throw new AppError(
      'sso_failed',
      `The CAS server refused the ticket: ${failure?.getAttribute('code') ?? 'no answer'}`,
    );
  }
  const attributes: Record<string, string> = {};
  const holder = byName('attributes')[0];
  for (const el of holder ? [...holder.children] : []) {
    const name = (el.localName || el.tagName).replace(/^.*:/, '');
    const text = el.textContent?.trim();
    if (text && !(name in attributes)) attributes[name] = text;
  }
  return { user, attributes };
}

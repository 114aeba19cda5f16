import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running CAS server for tests. */
export interface TestCasServer {
  /** The server's base address (`http://127.0.0.1:<port>/cas`). */
  url: string;
  /** Who the next login is, with their attributes. */
  logInNextAs(user: string, attributes?: Record<string, string>): void;
  /**
   * The logout request this server posts to each service a ticket was issued for when the person
   * logs out here (SAML `LogoutRequest` naming the ticket as `SessionIndex`): the form body, and
   * the service address it goes to.
   */
  logoutRequest(ticket: string): { service: string; body: string };
  close(): Promise<void>;
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A CAS server written for the tests (the protocol is small): `/login` sends the browser back to the
 * service with a one-time ticket for the person named next; `/serviceValidate` and
 * `/p3/serviceValidate` answer with the CAS XML, success once per ticket and for its own service only.
 */
export async function startTestCasServer(): Promise<TestCasServer> {
  let next: { user: string; attributes: Record<string, string> } = { user: '', attributes: {} };
  const tickets = new Map<string, { service: string; user: string; attributes: Record<string, string> }>();
  const issued = new Map<string, string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://cas.test');
    const service = url.searchParams.get('service') ?? '';
    if (url.pathname === '/cas/login') {
      const ticket = `ST-${randomBytes(12).toString('hex')}`;
      tickets.set(ticket, { service, ...next });
      issued.set(ticket, service);
      const back = new URL(service);
      back.searchParams.set('ticket', ticket);
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === '/cas/serviceValidate' || url.pathname === '/cas/p3/serviceValidate') {
      const ticket = url.searchParams.get('ticket') ?? '';
      const found = tickets.get(ticket);
      tickets.delete(ticket);
      res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
      if (!found || found.service !== service) {
        res.end(
          `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="INVALID_TICKET">Ticket ${escapeXml(ticket)} not recognized</cas:authenticationFailure></cas:serviceResponse>`,
        );
        return;
      }
      const attributes = url.pathname.startsWith('/cas/p3/')
        ? `<cas:attributes>${Object.entries(found.attributes)
            .map(([k, v]) => `<cas:${k}>${escapeXml(v)}</cas:${k}>`)
            .join('')}</cas:attributes>`
        : '';
      res.end(
        `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>${escapeXml(found.user)}</cas:user>${attributes}</cas:authenticationSuccess></cas:serviceResponse>`,
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cas`,
    logInNextAs: (user, attributes = {}) => {
      next = { user, attributes };
    },
    logoutRequest: (ticket) => {
      const xml = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="LR-${randomBytes(8).toString('hex')}" Version="2.0" IssueInstant="${new Date().toISOString()}"><saml:NameID>@NOT_USED@</saml:NameID><samlp:SessionIndex>${escapeXml(ticket)}</samlp:SessionIndex></samlp:LogoutRequest>`;
      return {
        service: issued.get(ticket) ?? '',
        body: new URLSearchParams({ logoutRequest: xml }).toString(),
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { Hono } from 'hono';
import type { AppEnv } from '../platform/context.ts';
import { siteCss } from './assets.ts';
import { faviconIco, faviconSvg } from './favicon.ts';
import { requestOrigin } from './layout.tsx';

/** The public site's own assets and robots.txt; the pages come from the features (news portal, media). */
export function createSiteRoutes(): Hono<AppEnv> {
  const site = new Hono<AppEnv>();

  site.get('/assets/site.css', (c) => {
    c.header(
      'Cache-Control',
      c.req.query('v') === siteCss.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    );
    c.header('Content-Type', siteCss.type);
    return c.body(siteCss.body);
  });

  // The icon browsers ask every site for, and the one the pages name.
  site.get('/favicon.ico', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(new Uint8Array(faviconIco()), 200, { 'Content-Type': 'image/x-icon' });
  });
  site.get('/favicon.svg', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(faviconSvg, 200, { 'Content-Type': 'image/svg+xml' });
  });

  site.get('/robots.txt', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    const origin = requestOrigin(c.req.url, c.req.header('x-forwarded-proto'));
    return c.text(
      `User-agent: *\nDisallow: /admin/\nDisallow: /api/\nDisallow: /zh/search\nDisallow: /en/search\n\nSitemap: ${origin}/sitemap.xml\n`,
    );
  });

  return site;
}

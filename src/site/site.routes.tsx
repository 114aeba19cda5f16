import { Hono } from 'hono';
import { listingTag, siteTag } from '../features/articles/articles.cache.ts';
import { localeFromSegment, localeSegments, negotiateLocale } from '../i18n/i18n.ts';
import type { AppEnv } from '../platform/context.ts';
import { siteCss } from './assets.ts';
import { HomePage } from './home.pages.tsx';
import { renderPage } from './layout.tsx';

/** Public pages and assets (everything a visitor reads without logging in). */
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

  site.get('/robots.txt', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.text('User-agent: *\nDisallow: /admin/\nDisallow: /api/\n');
  });

  // The bare address shows the home page in the visitor's language; the canonical URL names it.
  site.get('/', async (c) => {
    const locale = negotiateLocale(c.req.header('accept-language'));
    c.header('Vary', 'Accept-Language');
    c.header('Cache-Control', 'public, max-age=60');
    return c.html(await renderPage(HomePage({ locale, tenant: c.var.tenant })));
  });

  for (const segment of Object.values(localeSegments)) {
    const locale = localeFromSegment(segment)!;
    site.get(`/${segment}`, (c) => c.redirect(`/${segment}/`, 301));
    site.get(`/${segment}/`, async (c) => {
      c.header('Cache-Control', 'public, max-age=60');
      c.set('pageTags', [listingTag(c.var.tenant.id, locale), siteTag(c.var.tenant.id)]);
      return c.html(await renderPage(HomePage({ locale, tenant: c.var.tenant })));
    });
  }

  return site;
}

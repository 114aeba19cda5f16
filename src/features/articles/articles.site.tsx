import { type Context, Hono } from 'hono';
import { type Locale, localeFromSegment, localeSegments, negotiateLocale } from '../../i18n/i18n.ts';
import type { AppEnv } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { readIdParam } from '../../platform/routes.ts';
import { renderPage, requestOrigin } from '../../site/layout.tsx';
import { MediaPage } from '../media/media.pages.tsx';
import { mediaBackPath } from '../media/media.schema.ts';
import { getMediaByIds, getPublicMedia } from '../media/media.service.ts';
import { articleGroupTag, articleTag, listingTag, siteTag } from './articles.cache.ts';
import { renderAtom, renderRss, renderSitemap } from './articles.feeds.ts';
import {
  ArticlePage,
  bodyMediaIds,
  ChannelPage,
  HomePage,
  type PortalContext,
  SearchPage,
} from './articles.pages.tsx';
import {
  getPublishedArticle,
  listChannels,
  listPublishedArticles,
  listSitemapEntries,
} from './articles.portal.ts';
import type { PublicChannel, PublishedArticleListItem } from './articles.schema.ts';
import { searchArticles } from './articles.service.ts';

const channelPageSize = 15;
const feedSize = 20;
const searchPageSize = 10;
/** Browsers and CDNs may keep a page a minute and serve it stale while they fetch a fresh one. */
const pageCacheControl = 'public, max-age=60, stale-while-revalidate=300';

async function portalContext(
  c: Context<AppEnv>,
  locale: Locale,
  mediaIds: readonly (string | null)[] = [],
): Promise<PortalContext> {
  const scope = c.var.scope;
  const ids = [...new Set(mediaIds.filter((id): id is string => Boolean(id)))];
  const [channels, media] = await Promise.all([
    listChannels(scope),
    ids.length > 0 ? getMediaByIds(scope, ids) : Promise.resolve([]),
  ]);
  return {
    locale,
    tenant: c.var.tenant,
    origin: requestOrigin(c.req.url, c.req.header('x-forwarded-proto')),
    channels,
    media: new Map(media.map((m) => [m.id, m])),
  };
}

function tagPage(c: Context<AppEnv>, tags: string[]): void {
  c.set('pageTags', [siteTag(c.var.tenant.id), ...tags]);
  c.header('Cache-Control', pageCacheControl);
}

function pageNumber(c: Context<AppEnv>): number {
  const raw = c.req.query('page');
  if (raw === undefined) return 1;
  const page = Number(raw);
  if (!Number.isInteger(page) || page < 1 || page > 10_000) throw new AppError('not_found');
  return page;
}

function channelBySlug(channels: readonly PublicChannel[], slug: string): PublicChannel {
  const channel = channels.find((c) => c.slug === slug);
  if (!channel) throw new AppError('not_found');
  return channel;
}

const articleTags = (items: readonly PublishedArticleListItem[]) => items.map((i) => articleTag(i.id));

/** The public news portal: home, channels, articles, search, feeds and the sitemap. */
export function createArticlesSiteRoutes(): Hono<AppEnv> {
  const site = new Hono<AppEnv>();

  const home = async (c: Context<AppEnv>, locale: Locale) => {
    const scope = c.var.scope;
    const channels = await listChannels(scope);
    // Latest news from the news channel (else every channel); the next channel (notices) beside it.
    const main = channels.find((ch) => ch.slug === 'news') ?? null;
    const side = channels.find((ch) => ch.id !== (main ?? channels[0])?.id) ?? null;
    const [featured, latest, sideItems] = await Promise.all([
      listPublishedArticles(scope, { locale, featured: true, page: 1, pageSize: 3 }),
      listPublishedArticles(scope, { locale, channelId: main?.id, page: 1, pageSize: 8 }),
      side
        ? listPublishedArticles(scope, { locale, channelId: side.id, page: 1, pageSize: 6 })
        : Promise.resolve({ items: [], total: 0 }),
    ]);
    const ctx = await portalContext(
      c,
      locale,
      featured.items.map((i) => i.coverMediaId),
    );
    tagPage(c, [
      listingTag(c.var.tenant.id, locale),
      ...articleTags(featured.items),
      ...articleTags(latest.items),
      ...articleTags(sideItems.items),
    ]);
    return c.html(
      await renderPage(
        HomePage({
          ctx,
          featured: featured.items,
          latest: latest.items,
          side: side ? { channel: side, items: sideItems.items } : null,
        }),
      ),
    );
  };

  // The bare address shows the home page in the visitor's language; the canonical URL names it.
  site.get('/', async (c) => {
    c.header('Vary', 'Accept-Language');
    const response = await home(c, negotiateLocale(c.req.header('accept-language')));
    c.set('pageTags', undefined);
    return response;
  });

  site.get('/sitemap.xml', async (c) => {
    const scope = c.var.scope;
    const [channels, entries] = await Promise.all([listChannels(scope), listSitemapEntries(scope)]);
    const origin = requestOrigin(c.req.url, c.req.header('x-forwarded-proto'));
    tagPage(c, [
      listingTag(c.var.tenant.id, 'zh-CN'),
      listingTag(c.var.tenant.id, 'en'),
      ...entries.map((e) => articleTag(e.id)),
    ]);
    c.header('Content-Type', 'application/xml; charset=utf-8');
    return c.body(
      renderSitemap(
        origin,
        channels.map((ch) => ch.slug),
        entries,
      ),
    );
  });

  for (const segment of Object.values(localeSegments)) {
    const locale = localeFromSegment(segment)!;
    site.get(`/${segment}`, (c) => c.redirect(`/${segment}/`, 301));
    site.get(`/${segment}/`, (c) => home(c, locale));

    site.get(`/${segment}/search`, async (c) => {
      const q = (c.req.query('q') ?? '').trim().slice(0, 200);
      const page = pageNumber(c);
      const result = q
        ? await searchArticles(c.var.scope, { q, locale, page, pageSize: searchPageSize })
        : null;
      const ctx = await portalContext(c, locale);
      c.header('Cache-Control', 'public, max-age=60');
      return c.html(await renderPage(SearchPage({ ctx, q, result, page, pageSize: searchPageSize })));
    });

    // "View original image": the image with the site's menu, linking back to the article it was in.
    site.get(`/${segment}/media/:id`, async (c) => {
      const [media, ctx] = await Promise.all([
        getPublicMedia(c.var.scope, readIdParam(c)),
        portalContext(c, locale),
      ]);
      const back = mediaBackPath(c.req.query('from'), locale);
      c.header('Cache-Control', 'public, max-age=300');
      return c.html(
        await renderPage(
          MediaPage({
            locale,
            tenant: c.var.tenant,
            media,
            channels: ctx.channels,
            ...(back ? { back } : {}),
          }),
        ),
      );
    });

    site.get(`/${segment}/:channel/`, async (c) => {
      const page = pageNumber(c);
      const ctx = await portalContext(c, locale);
      const channel = channelBySlug(ctx.channels, c.req.param('channel'));
      const list = await listPublishedArticles(c.var.scope, {
        locale,
        channelId: channel.id,
        page,
        pageSize: channelPageSize,
      });
      const pages = Math.max(1, Math.ceil(list.total / channelPageSize));
      if (page > pages) throw new AppError('not_found');
      tagPage(c, [listingTag(c.var.tenant.id, locale), ...articleTags(list.items)]);
      return c.html(await renderPage(ChannelPage({ ctx, channel, items: list.items, page, pages })));
    });

    // A channel's address without its slash leads to the channel; anything else is not ours.
    site.get(`/${segment}/:channel`, async (c, next) => {
      const slug = c.req.param('channel');
      if (!(await listChannels(c.var.scope)).some((ch) => ch.slug === slug)) return next();
      return c.redirect(`/${segment}/${slug}/`, 301);
    });

    for (const kind of ['rss', 'atom'] as const) {
      site.get(`/${segment}/:channel/${kind}.xml`, async (c) => {
        const ctx = await portalContext(c, locale);
        const channel = channelBySlug(ctx.channels, c.req.param('channel'));
        const list = await listPublishedArticles(c.var.scope, {
          locale,
          channelId: channel.id,
          page: 1,
          pageSize: feedSize,
        });
        const feed = {
          origin: ctx.origin,
          locale,
          title: `${locale === 'en' ? channel.nameEn : channel.nameZh} | ${locale === 'en' ? ctx.tenant.nameEn : ctx.tenant.nameZh}`,
          description: locale === 'en' ? ctx.tenant.nameEn : ctx.tenant.nameZh,
          path: `/${segment}/${channel.slug}/`,
        };
        tagPage(c, [listingTag(c.var.tenant.id, locale), ...articleTags(list.items)]);
        c.header(
          'Content-Type',
          kind === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8',
        );
        return c.body(kind === 'rss' ? renderRss(feed, list.items) : renderAtom(feed, list.items));
      });
    }

    site.get(`/${segment}/:channel/:slug`, async (c) => {
      const data = await getPublishedArticle(c.var.scope, {
        locale,
        channelSlug: c.req.param('channel'),
        slug: c.req.param('slug'),
      });
      if (!data) throw new AppError('not_found');
      const ctx = await portalContext(c, locale, [
        data.article.coverMediaId,
        ...bodyMediaIds(data.article.bodyHtml),
        ...data.related.map((r) => r.coverMediaId),
      ]);
      tagPage(c, [
        articleTag(data.article.id),
        articleGroupTag(data.article.groupId),
        ...(data.previous ? [articleTag(data.previous.id)] : []),
        ...(data.next ? [articleTag(data.next.id)] : []),
        ...articleTags(data.related),
      ]);
      return c.html(await renderPage(ArticlePage({ ctx, data })));
    });
  }

  return site;
}

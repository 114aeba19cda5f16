import { raw } from 'hono/html';
import { type Locale, localeSegments, translate } from '../../i18n/i18n.ts';
import type { RequestTenant } from '../../platform/context.ts';
import { type Crumb, channelName, collegeName, Layout, type NavChannel } from '../../site/layout.tsx';
import {
  type MediaOutput,
  mediaCaption,
  mediaImageAttributes,
  mediaPageUrl,
  parseMediaUrl,
} from '../media/media.schema.ts';
import { articlePath, escapeXml } from './articles.feeds.ts';
import type {
  ArticleSearchResult,
  PublicChannel,
  PublishedArticle,
  PublishedArticleListItem,
} from './articles.schema.ts';

/** What every portal page knows of where it is shown. */
export interface PortalContext {
  locale: Locale;
  tenant: RequestTenant;
  origin: string;
  channels: readonly PublicChannel[];
  /** Images shown on the page, by id. */
  media: ReadonlyMap<string, MediaOutput>;
  /** The path of the page itself, where its images' "view original" pages link back to. */
  path?: string;
}

const seg = (locale: Locale) => localeSegments[locale];

// Made once: building an Intl.DateTimeFormat costs far more than formatting with it.
const shortDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
const longDate: Record<Locale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }),
  'zh-CN': new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }),
};

/** A date as the portal shows it, in the college's time zone. */
export function formatDate(iso: string, locale: Locale, style: 'short' | 'long' = 'short'): string {
  const date = new Date(iso);
  return style === 'short' ? shortDate.format(date) : longDate[locale].format(date);
}

function Cover(props: {
  ctx: PortalContext;
  mediaId: string | null;
  sizes: string;
  width?: number;
  eager?: boolean;
  caption?: boolean;
}) {
  const media = props.mediaId ? props.ctx.media.get(props.mediaId) : undefined;
  if (!media) return null;
  const { locale } = props.ctx;
  const img = mediaImageAttributes(media, { locale, sizes: props.sizes, width: props.width ?? 960 });
  const caption = props.caption ? mediaCaption(media, locale) : '';
  const image = (
    <img
      src={img.src}
      srcset={img.srcset}
      sizes={img.sizes}
      width={img.width}
      height={img.height}
      alt={img.alt}
      lang={img.lang}
      loading={props.eager ? undefined : 'lazy'}
      decoding="async"
    />
  );
  if (!props.caption) return image;
  return (
    <figure class="cover">
      <a
        href={mediaPageUrl(media.id, locale, props.ctx.path)}
        title={translate(locale, 'portal.viewOriginal')}
      >
        {image}
      </a>
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}

function ArticleList(props: {
  ctx: PortalContext;
  items: readonly PublishedArticleListItem[];
  summaries?: boolean;
}) {
  return (
    <ul class="article-list">
      {props.items.map((item) => (
        <li>
          <span>
            <a href={articlePath(item)}>{item.title}</a>
            {props.summaries && item.summary ? <span class="summary">{item.summary}</span> : null}
          </span>
          <time datetime={item.publishedAt}>{formatDate(item.publishedAt, props.ctx.locale)}</time>
        </li>
      ))}
    </ul>
  );
}

function Pagination(props: {
  locale: Locale;
  page: number;
  pages: number;
  /** There are more pages than these (a capped count). */
  more?: boolean;
  href: (page: number) => string;
}) {
  const { locale, page, pages } = props;
  if (pages <= 1) return null;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  return (
    <nav class="pagination" aria-label={t('portal.pagination')}>
      {page > 1 ? (
        <a href={props.href(page - 1)} rel="prev">
          {t('portal.previousPage')}
        </a>
      ) : (
        <span aria-disabled="true">{t('portal.previousPage')}</span>
      )}
      <span>{t('portal.pageOf', { page, pages: props.more ? `${pages}+` : pages })}</span>
      {page < pages ? (
        <a href={props.href(page + 1)} rel="next">
          {t('portal.nextPage')}
        </a>
      ) : (
        <span aria-disabled="true">{t('portal.nextPage')}</span>
      )}
    </nav>
  );
}

function navChannels(ctx: PortalContext): NavChannel[] {
  return ctx.channels.map((c) => ({ slug: c.slug, nameZh: c.nameZh, nameEn: c.nameEn }));
}

/** The home page: featured stories with their covers, the latest news and the newest notices. */
export function HomePage(props: {
  ctx: PortalContext;
  featured: readonly PublishedArticleListItem[];
  latest: readonly PublishedArticleListItem[];
  side: { channel: PublicChannel; items: readonly PublishedArticleListItem[] } | null;
}) {
  const { ctx } = props;
  const { locale, tenant } = ctx;
  const name = collegeName(tenant, locale);
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const news = ctx.channels.find((c) => c.slug === 'news') ?? ctx.channels[0];
  return (
    <Layout
      locale={locale}
      tenant={tenant}
      origin={ctx.origin}
      title={name}
      path="/"
      current="home"
      channels={navChannels(ctx)}
      description={t('site.footerAbout')}
      jsonLd={{
        '@context': 'https://schema.org',
        '@type': 'CollegeOrUniversity',
        name,
        url: `${ctx.origin}/${seg(locale)}/`,
      }}
    >
      <section class="hero" aria-labelledby="welcome">
        <h1 id="welcome">{t('site.welcomeTitle')}</h1>
        <p>{t('site.welcomeBody', { college: name })}</p>
      </section>
      {props.featured.length > 0 ? (
        <section aria-labelledby="featured">
          <h2 id="featured">{t('portal.featured')}</h2>
          <div class="featured">
            {props.featured.map((item) => (
              <article class="card">
                <Cover
                  ctx={ctx}
                  mediaId={item.coverMediaId}
                  sizes="(max-width: 860px) 100vw, 380px"
                  width={640}
                />
                <div class="card-body">
                  <h3>
                    <a href={articlePath(item)}>{item.title}</a>
                  </h3>
                  <time datetime={item.publishedAt}>{formatDate(item.publishedAt, locale)}</time>
                </div>
              </article>
            ))}
          </div>
        </section>
      ) : null}
      <div class="layout-2">
        <section aria-labelledby="latest">
          <h2 id="latest">{t('site.latestNews')}</h2>
          {props.latest.length > 0 ? (
            <>
              <ArticleList ctx={ctx} items={props.latest} summaries />
              {news ? (
                <p>
                  <a href={`/${seg(locale)}/${news.slug}/`}>{t('portal.moreNews')}</a>
                </p>
              ) : null}
            </>
          ) : (
            <p class="empty">{t('site.noNews')}</p>
          )}
        </section>
        {props.side ? (
          <aside aria-labelledby="side-channel">
            <h2 id="side-channel">{channelName(props.side.channel, locale)}</h2>
            {props.side.items.length > 0 ? (
              <ArticleList ctx={ctx} items={props.side.items} />
            ) : (
              <p class="empty">{t('portal.noArticles')}</p>
            )}
          </aside>
        ) : null}
      </div>
    </Layout>
  );
}

function feedsOf(ctx: PortalContext, channel: PublicChannel) {
  const base = `/${seg(ctx.locale)}/${channel.slug}/`;
  return { rss: `${base}rss.xml`, atom: `${base}atom.xml`, title: channelName(channel, ctx.locale) };
}

/** A channel's list of articles, newest first, with pagination. */
export function ChannelPage(props: {
  ctx: PortalContext;
  channel: PublicChannel;
  items: readonly PublishedArticleListItem[];
  page: number;
  pages: number;
}) {
  const { ctx, channel } = props;
  const { locale } = ctx;
  const name = channelName(channel, locale);
  const base = `/${seg(locale)}/${channel.slug}/`;
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const path = `/${channel.slug}/${props.page > 1 ? `?page=${props.page}` : ''}`;
  const feeds = feedsOf(ctx, channel);
  return (
    <Layout
      locale={locale}
      tenant={ctx.tenant}
      origin={ctx.origin}
      title={
        props.page > 1
          ? `${name} · ${translate(locale, 'portal.pageOf', { page: props.page, pages: props.pages })}`
          : name
      }
      path={path}
      current={channel.slug}
      channels={navChannels(ctx)}
      feeds={feeds}
      breadcrumb={[{ label: t('site.home'), href: `/${seg(locale)}/` }, { label: name }]}
    >
      <h1>{name}</h1>
      {props.items.length > 0 ? (
        <ArticleList ctx={ctx} items={props.items} summaries />
      ) : (
        <p class="empty">{t('portal.noArticles')}</p>
      )}
      <Pagination
        locale={locale}
        page={props.page}
        pages={props.pages}
        href={(p) => (p === 1 ? base : `${base}?page=${p}`)}
      />
      <p class="feeds">
        {t('portal.feeds')}: <a href={feeds.rss}>{t('portal.feedRss')}</a> ·{' '}
        <a href={feeds.atom}>{t('portal.feedAtom')}</a>
      </p>
    </Layout>
  );
}

const imgTag = /<img\s([^>]*)>/g;
const attr = (attrs: string, name: string) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];

/**
 * Makes the stored (sanitized) body's images responsive: each `/media/<id>/<n>.webp` image gets the
 * `srcset` of its derivatives, lazy loading, and a link to its "view original image" page.
 */
export function renderBodyHtml(html: string, ctx: Pick<PortalContext, 'locale' | 'media' | 'path'>): string {
  return html.replace(imgTag, (tag, attrs: string, offset: number) => {
    const src = attr(attrs, 'src');
    const parsed = src ? parseMediaUrl(src) : null;
    const media = parsed ? ctx.media.get(parsed.id) : undefined;
    if (!parsed || !media) return tag;
    const img = mediaImageAttributes(media, { locale: ctx.locale, sizes: '(max-width: 760px) 100vw, 736px' });
    const alt = attr(attrs, 'alt') ?? escapeXml(img.alt);
    const out = `<img src="${img.src}" srcset="${img.srcset}" sizes="${img.sizes}" width="${img.width}" height="${img.height}" alt="${alt}" loading="lazy" decoding="async">`;
    const before = html.slice(0, offset);
    const insideLink = before.lastIndexOf('<a ') > before.lastIndexOf('</a>');
    return insideLink
      ? out
      : `<a href="${escapeXml(mediaPageUrl(media.id, ctx.locale, ctx.path))}" title="${escapeXml(translate(ctx.locale, 'portal.viewOriginal'))}">${out}</a>`;
  });
}

/** The media ids an article body shows. */
export function bodyMediaIds(html: string): string[] {
  const ids = new Set<string>();
  for (const match of html.matchAll(imgTag)) {
    const src = attr(match[1] ?? '', 'src');
    const parsed = src ? parseMediaUrl(src) : null;
    if (parsed) ids.add(parsed.id);
  }
  return [...ids];
}

/** An article page: breadcrumb, title, date, cover, body, partners, previous/next and related articles. */
export function ArticlePage(props: { ctx: PortalContext; data: PublishedArticle }) {
  const { article, channel, translation, previous, next, related, organizations } = props.data;
  const ctx = { ...props.ctx, path: articlePath(article) };
  const { locale, tenant } = ctx;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const name = channelName(channel, locale);
  const url = `${ctx.origin}${articlePath(article)}`;
  const cover = article.coverMediaId ? ctx.media.get(article.coverMediaId) : undefined;
  const coverUrl = cover
    ? `${ctx.origin}${mediaImageAttributes(cover, { locale, width: 1280 }).src}`
    : undefined;
  const college = collegeName(tenant, locale);
  const description = article.seoDescription || article.summary || undefined;
  const crumbs: Crumb[] = [
    { label: t('site.home'), href: `/${seg(locale)}/` },
    { label: name, href: `/${seg(locale)}/${channel.slug}/` },
    { label: article.title },
  ];
  return (
    <Layout
      locale={locale}
      tenant={tenant}
      origin={ctx.origin}
      title={article.seoTitle || article.title}
      path={`/${channel.slug}/${article.slug}`}
      alternate={
        translation ? articlePath(translation) : `/${seg(locale === 'en' ? 'zh-CN' : 'en')}/${channel.slug}/`
      }
      current={channel.slug}
      channels={navChannels(ctx)}
      description={description}
      feeds={feedsOf(ctx, channel)}
      breadcrumb={crumbs}
      openGraph={{
        type: 'article',
        image: coverUrl,
        imageAlt: cover ? mediaImageAttributes(cover, { locale }).alt : undefined,
        publishedTime: article.publishedAt,
        modifiedTime: article.updatedAt,
      }}
      jsonLd={{
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: article.title,
        description,
        inLanguage: locale,
        datePublished: article.publishedAt,
        dateModified: article.updatedAt,
        mainEntityOfPage: url,
        url,
        ...(coverUrl ? { image: [coverUrl] } : {}),
        author: { '@type': 'Organization', name: college },
        publisher: { '@type': 'Organization', name: college },
        ...(article.tags.length > 0 ? { keywords: article.tags.join(', ') } : {}),
      }}
    >
      <div class="layout-2">
        <article class="article" aria-labelledby="article-title">
          <h1 id="article-title">{article.title}</h1>
          <p class="meta">
            <time datetime={article.publishedAt}>
              {t('portal.publishedOn', { date: formatDate(article.publishedAt, locale, 'long') })}
            </time>{' '}
            · <a href={`/${seg(locale)}/${channel.slug}/`}>{name}</a>
          </p>
          <Cover
            ctx={ctx}
            mediaId={article.coverMediaId}
            sizes="(max-width: 760px) 100vw, 736px"
            eager
            caption
          />
          {article.summary ? <p class="lead">{article.summary}</p> : null}
          <div class="article-body">{raw(renderBodyHtml(article.bodyHtml, ctx))}</div>
          {article.tags.length > 0 ? (
            <section aria-labelledby="tags-title">
              <h2 id="tags-title" class="visually-hidden">
                {t('portal.tags')}
              </h2>
              <ul class="chips">
                {article.tags.map((tag) => (
                  <li>
                    <a href={`/${seg(locale)}/search?q=${encodeURIComponent(tag)}`}>{tag}</a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {organizations.length > 0 ? (
            <section aria-labelledby="partners-title">
              <h2 id="partners-title">{t('portal.partners')}</h2>
              <ul class="chips">
                {organizations.map((o) => (
                  <li lang={locale === 'en' && !o.nameEn ? 'zh-CN' : undefined}>
                    <a
                      href={`/${seg(locale)}/search?q=${encodeURIComponent(locale === 'en' ? o.nameEn || o.nameZh : o.nameZh)}`}
                    >
                      {locale === 'en' ? o.nameEn || o.nameZh : o.nameZh}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {previous || next ? (
            <nav class="prev-next" aria-label={t('portal.previousNext')}>
              <div>
                {previous ? (
                  <a href={`/${seg(locale)}/${channel.slug}/${previous.slug}`} rel="prev">
                    <span class="label">{t('portal.previous')}</span>
                    {previous.title}
                  </a>
                ) : null}
              </div>
              <div class="next">
                {next ? (
                  <a href={`/${seg(locale)}/${channel.slug}/${next.slug}`} rel="next">
                    <span class="label">{t('portal.next')}</span>
                    {next.title}
                  </a>
                ) : null}
              </div>
            </nav>
          ) : null}
        </article>
        {related.length > 0 ? (
          <aside aria-labelledby="related-title">
            <h2 id="related-title">{t('portal.related')}</h2>
            <ArticleList ctx={ctx} items={related} />
          </aside>
        ) : null}
      </div>
    </Layout>
  );
}

/** Site search: the box, the ranked results with highlighted snippets, pagination. */
export function SearchPage(props: {
  ctx: PortalContext;
  q: string;
  result: ArticleSearchResult | null;
  page: number;
  pageSize: number;
}) {
  const { ctx, q, result } = props;
  const { locale } = ctx;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const pages = result ? Math.max(1, Math.ceil(result.total / props.pageSize)) : 1;
  const capped = result ? result.total >= result.countCap : false;
  const base = `/${seg(locale)}/search?q=${encodeURIComponent(q)}`;
  return (
    <Layout
      locale={locale}
      tenant={ctx.tenant}
      origin={ctx.origin}
      title={q ? `${t('portal.searchTitle')}: ${q}` : t('portal.searchTitle')}
      path={`/search${q ? `?q=${encodeURIComponent(q)}` : ''}`}
      current="search"
      channels={navChannels(ctx)}
      noindex
      query={q}
      breadcrumb={[{ label: t('site.home'), href: `/${seg(locale)}/` }, { label: t('portal.searchTitle') }]}
    >
      <div class="search-page">
        <h1>{t('portal.searchTitle')}</h1>
        <form method="get" action={`/${seg(locale)}/search`}>
          <label for="search-page-q" class="visually-hidden">
            {t('portal.searchLabel')}
          </label>
          <input id="search-page-q" type="search" name="q" value={q} maxlength={200} />
          <button type="submit">{t('portal.search')}</button>
        </form>
        {!result ? (
          <p class="empty">{t('portal.searchEmpty')}</p>
        ) : result.total === 0 ? (
          <p class="empty">{t('portal.searchNoResults', { q })}</p>
        ) : (
          <>
            <p role="status">
              {t(capped ? 'portal.searchResultsMany' : 'portal.searchResults', {
                q,
                count: result.total,
              })}
            </p>
            <ol class="results">
              {result.items.map((hit) => (
                <li>
                  <h2>
                    <a href={articlePath({ locale, channelSlug: hit.channelSlug, slug: hit.slug })}>
                      {hit.title}
                    </a>
                  </h2>
                  <p>{hit.snippet.map((part) => (part.hit ? <mark>{part.text}</mark> : part.text))}</p>
                  {hit.publishedAt ? (
                    <time datetime={hit.publishedAt}>{formatDate(hit.publishedAt, locale)}</time>
                  ) : null}
                </li>
              ))}
            </ol>
            <Pagination
              locale={locale}
              page={props.page}
              pages={pages}
              more={capped}
              href={(p) => (p === 1 ? base : `${base}&page=${p}`)}
            />
          </>
        )}
      </div>
    </Layout>
  );
}

import type { Locale } from '../../i18n/i18n.ts';
import type { PublishedArticleListItem, SitemapEntry } from './articles.schema.ts';

// XML 1.0 forbids most control characters; they are dropped rather than escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const invalidXmlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(invalidXmlChars, '');
}

const localeSegment = (locale: string) => (locale === 'en' ? 'en' : 'zh');

/** The public path of a published article. */
export function articlePath(article: { locale: string; channelSlug: string; slug: string }): string {
  return `/${localeSegment(article.locale)}/${article.channelSlug}/${article.slug}`;
}

/** What a channel feed describes. */
export interface FeedChannel {
  origin: string;
  locale: Locale;
  title: string;
  description: string;
  /** The channel page the feed belongs to, e.g. `/zh/news/`. */
  path: string;
}

/** An RSS 2.0 feed of a channel's newest articles. */
export function renderRss(channel: FeedChannel, items: readonly PublishedArticleListItem[]): string {
  const link = `${channel.origin}${channel.path}`;
  const entries = items
    .map((item) => {
      const url = `${channel.origin}${articlePath(item)}`;
      return `<item><title>${escapeXml(item.title)}</title><link>${escapeXml(url)}</link><guid isPermaLink="true">${escapeXml(url)}</guid><pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>${item.summary ? `<description>${escapeXml(item.summary)}</description>` : ''}</item>`;
    })
    .join('');
  const built = items[0] ? new Date(items[0].publishedAt).toUTCString() : new Date(0).toUTCString();
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>${escapeXml(channel.title)}</title><link>${escapeXml(link)}</link><description>${escapeXml(channel.description)}</description><language>${channel.locale === 'en' ? 'en' : 'zh-cn'}</language><lastBuildDate>${built}</lastBuildDate><atom:link href="${escapeXml(`${link}rss.xml`)}" rel="self" type="application/rss+xml"/>${entries}</channel></rss>\n`;
}

/** An Atom 1.0 feed of a channel's newest articles. */
export function renderAtom(channel: FeedChannel, items: readonly PublishedArticleListItem[]): string {
  const link = `${channel.origin}${channel.path}`;
  const updated = items.reduce((latest, i) => (i.updatedAt > latest ? i.updatedAt : latest), '');
  const entries = items
    .map((item) => {
      const url = `${channel.origin}${articlePath(item)}`;
      return `<entry><title>${escapeXml(item.title)}</title><link rel="alternate" type="text/html" href="${escapeXml(url)}"/><id>${escapeXml(url)}</id><published>${new Date(item.publishedAt).toISOString()}</published><updated>${new Date(item.updatedAt).toISOString()}</updated>${item.summary ? `<summary>${escapeXml(item.summary)}</summary>` : ''}</entry>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${channel.locale === 'en' ? 'en' : 'zh-CN'}"><title>${escapeXml(channel.title)}</title><subtitle>${escapeXml(channel.description)}</subtitle><link rel="alternate" type="text/html" href="${escapeXml(link)}"/><link rel="self" type="application/atom+xml" href="${escapeXml(`${link}atom.xml`)}"/><id>${escapeXml(link)}</id><updated>${new Date(updated || 0).toISOString()}</updated>${entries}</feed>\n`;
}

/** The sitemap of a site: home and channel pages in both languages, and every published article with its translation. */
export function renderSitemap(
  origin: string,
  channelSlugs: readonly string[],
  entries: readonly SitemapEntry[],
): string {
  const url = (loc: string, alternates: { lang: string; href: string }[], lastmod?: string) =>
    `<url><loc>${escapeXml(loc)}</loc>${lastmod ? `<lastmod>${new Date(lastmod).toISOString()}</lastmod>` : ''}${alternates
      .map((a) => `<xhtml:link rel="alternate" hreflang="${a.lang}" href="${escapeXml(a.href)}"/>`)
      .join('')}</url>`;
  const both = (path: string) => [
    { lang: 'zh-CN', href: `${origin}/zh${path}` },
    { lang: 'en', href: `${origin}/en${path}` },
  ];
  const parts: string[] = [];
  for (const path of ['/', ...channelSlugs.map((s) => `/${s}/`)]) {
    for (const seg of ['zh', 'en']) parts.push(url(`${origin}/${seg}${path}`, both(path)));
  }
  for (const entry of entries) {
    const own = `${origin}${articlePath(entry)}`;
    const alternates = entry.translation
      ? [
          { lang: entry.locale, href: own },
          { lang: entry.translation.locale, href: `${origin}${articlePath(entry.translation)}` },
        ]
      : [];
    parts.push(url(own, alternates, entry.updatedAt));
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${parts.join('')}</urlset>\n`;
}

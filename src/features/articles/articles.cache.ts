/** What the page cache needs to know of an article whose public view may have changed. */
export interface ArticleCacheSubject {
  tenantId: string;
  id: string;
  groupId: string;
  locale: string;
  /** Published articles next to it in its channel (their previous/next links may change). */
  neighbourIds?: readonly string[];
}

/** Tag of every page that shows an article (its own page, lists, feeds, neighbours' links). */
export function articleTag(articleId: string): string {
  return `article:${articleId}`;
}

/** Tag of the pages whose language switch points into a translation group. */
export function articleGroupTag(groupId: string): string {
  return `group:${groupId}`;
}

/** Tag of the pages listing a site's newest articles in one language (home, channels, feeds, sitemap). */
export function listingTag(tenantId: string, locale: string): string {
  return `listing:${tenantId}:${locale}`;
}

/** Tag of every cached page of a site (channel renames and the like). */
export function siteTag(tenantId: string): string {
  return `site:${tenantId}`;
}

/**
 * The tags of exactly the cached pages an article's change shows on: pages showing it, its
 * translations' pages (their language switch), the listings of its language and its neighbours' pages.
 */
export function articlePageTags(subject: ArticleCacheSubject): string[] {
  return [
    articleTag(subject.id),
    articleGroupTag(subject.groupId),
    listingTag(subject.tenantId, subject.locale),
    ...(subject.neighbourIds ?? []).map(articleTag),
  ];
}

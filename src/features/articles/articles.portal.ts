import { and, asc, desc, eq, getTableColumns, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TenantScope } from '../../db/tenant-scope.ts';
import type {
  ArticleLocale,
  PublicChannel,
  PublishedArticle,
  PublishedArticleListItem,
  SitemapEntry,
} from './articles.schema.ts';
import { articleCounts, articleLinks, articles, channels } from './articles.table.ts';

/*
 * What the public portal reads: published, non-deleted articles of one college, in few indexed
 * queries (an uncached article page must render in a few milliseconds).
 */

/** The columns a page shows (not the editor's JSON nor the search columns). */
const {
  bodyJson: _j,
  searchTitle: _t,
  searchBody: _b,
  searchVector: _v,
  ...pageColumns
} = getTableColumns(articles);
type PageRow = Omit<ListRow, 'channelSlug'> & {
  bodyHtml: string;
  seoTitle: string | null;
  seoDescription: string | null;
};

const published = () => and(eq(articles.status, 'published'), isNull(articles.deletedAt))!;

const listColumns = {
  id: articles.id,
  groupId: articles.groupId,
  locale: articles.locale,
  channelId: articles.channelId,
  // A subquery rather than a join: the page stays an index range of the published articles.
  channelSlug: sql<string>`(select ${channels.slug} from ${channels} where ${channels.tenantId} = ${articles.tenantId} and ${channels.id} = ${articles.channelId})`,
  slug: articles.slug,
  title: articles.title,
  summary: articles.summary,
  coverMediaId: articles.coverMediaId,
  featured: articles.featured,
  tags: articles.tags,
  publishedAt: articles.publishedAt,
  updatedAt: articles.updatedAt,
};

interface ListRow {
  id: string;
  groupId: string;
  locale: ArticleLocale;
  channelId: string;
  channelSlug: string;
  slug: string;
  title: string;
  summary: string;
  coverMediaId: string | null;
  featured: boolean;
  tags: string[];
  publishedAt: Date | null;
  updatedAt: Date;
}

function toListItem(row: ListRow): PublishedArticleListItem {
  return {
    id: row.id,
    groupId: row.groupId,
    locale: row.locale,
    channelId: row.channelId,
    channelSlug: row.channelSlug,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    coverMediaId: row.coverMediaId,
    featured: row.featured,
    tags: row.tags,
    publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function selectList(
  scope: TenantScope,
  where: SQL | undefined,
  options: { limit: number; offset?: number },
): Promise<PublishedArticleListItem[]> {
  const rows = await scope.build((qb, tenant) =>
    qb
      .select(listColumns)
      .from(articles)
      .where(and(tenant(articles), published(), where))
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(options.limit)
      .offset(options.offset ?? 0),
  );
  return rows.map(toListItem);
}

// Every public page shows the channels; they change rarely. Kept per college for a short while
// (dropped at once in this process when a channel changes; other processes follow within the TTL).
const channelCacheMs = 30_000;
const channelCache = new Map<string, { at: number; channels: PublicChannel[] }>();

/** Forgets a college's cached channels (after a channel was created or changed). */
export function forgetChannels(tenantId: string): void {
  channelCache.delete(tenantId);
}

/** The college's channels, in their order (public names and slugs). */
export async function listChannels(scope: TenantScope): Promise<PublicChannel[]> {
  const cached = channelCache.get(scope.tenantId);
  if (cached && Date.now() - cached.at < channelCacheMs) return cached.channels;
  const rows = await scope.select(channels, { orderBy: [asc(channels.position), asc(channels.slug)] });
  const list = rows.map(({ id, slug, nameZh, nameEn, position }) => ({ id, slug, nameZh, nameEn, position }));
  if (channelCache.size > 1000) channelCache.clear();
  channelCache.set(scope.tenantId, { at: Date.now(), channels: list });
  return list;
}

/** A page of published articles of one language, newest first, optionally of one channel or only featured ones. */
export async function listPublishedArticles(
  scope: TenantScope,
  options: {
    locale: ArticleLocale;
    channelId?: string | undefined;
    page?: number | undefined;
    pageSize?: number | undefined;
    featured?: boolean | undefined;
  },
): Promise<{ items: PublishedArticleListItem[]; total: number }> {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.floor(options.pageSize ?? 20)));
  const where = and(
    eq(articles.locale, options.locale),
    options.channelId ? eq(articles.channelId, options.channelId) : undefined,
    options.featured === undefined ? undefined : eq(articles.featured, options.featured),
  );
  const items = await selectList(scope, where, { limit: pageSize, offset: (page - 1) * pageSize });
  // Summed from the per-channel counts the database keeps, not counted over thousands of rows.
  const total =
    page === 1 && items.length < pageSize
      ? items.length
      : await scope.build(async (qb, tenant) => {
          const [row] = await qb
            .select({ n: sql<number>`coalesce(sum(${articleCounts.published}), 0)` })
            .from(articleCounts)
            .where(
              and(
                tenant(articleCounts),
                eq(articleCounts.locale, options.locale),
                options.channelId ? eq(articleCounts.channelId, options.channelId) : undefined,
                options.featured === undefined ? undefined : eq(articleCounts.featured, options.featured),
              ),
            );
          return Number(row?.n ?? 0);
        });
  return { items, total };
}

/** A published article as JSON built in SQL (alias `x`), in the shape of `PublishedArticleListItem`. */
const listItemJson = sql.raw(`json_build_object(
  'id', x.id, 'groupId', x.group_id, 'locale', x.locale, 'channelId', x.channel_id,
  'channelSlug', (select c.slug from channels c where c.tenant_id = x.tenant_id and c.id = x.channel_id),
  'slug', x.slug, 'title', x.title, 'summary', x.summary, 'coverMediaId', x.cover_media_id,
  'featured', x.featured, 'tags', x.tags, 'publishedAt', x.published_at, 'updatedAt', x.updated_at)`);

type JsonListItem = Omit<PublishedArticleListItem, 'publishedAt' | 'updatedAt'> & {
  publishedAt: string | null;
  updatedAt: string;
};

function fromJsonItem(item: JsonListItem): PublishedArticleListItem {
  const updatedAt = new Date(item.updatedAt).toISOString();
  return {
    ...item,
    publishedAt: item.publishedAt ? new Date(item.publishedAt).toISOString() : updatedAt,
    updatedAt,
  };
}

/** How many of the newest articles of a language are looked at for shared tags (keeps the cost flat). */
const relatedWindow = 400;
const relatedWanted = 4;
// Written into the prepared article query as constants, so its cached plan knows them.
const relatedWindowLimit = sql.raw(String(relatedWindow));
const relatedWantedLimit = sql.raw(String(relatedWanted));

/**
 * Everything an article page shows, or null when no published article has this slug in this
 * channel and language: the article and its channel, its published translation, the previous
 * (older) and next (newer) articles of the channel, up to 4 related articles (sharing links, then
 * tags, else the channel's latest) and the organizations and engagements it concerns.
 * One query, and a second one only when the article is linked to records.
 */
export async function getPublishedArticle(
  scope: TenantScope,
  options: { locale: ArticleLocale; channelSlug: string; slug: string },
): Promise<PublishedArticle | null> {
  const sameChannel = sql`x.tenant_id = ${articles.tenantId} and x.channel_id = ${articles.channelId}
    and x.locale = ${articles.locale} and x.status = 'published' and x.deleted_at is null`;
  const sameLocale = sql`x.tenant_id = ${articles.tenantId} and x.locale = ${articles.locale}
    and x.status = 'published' and x.deleted_at is null and x.group_id <> ${articles.groupId}`;
  const [row] = await scope.build((qb, tenant) =>
    qb
      .select({
        article: pageColumns,
        channel: {
          id: channels.id,
          slug: channels.slug,
          nameZh: channels.nameZh,
          nameEn: channels.nameEn,
          position: channels.position,
        },
        translation: sql<PublishedArticle['translation']>`(
          select json_build_object('locale', x.locale, 'slug', x.slug, 'channelSlug', c.slug)
          from articles x join channels c on c.tenant_id = x.tenant_id and c.id = x.channel_id
          where x.tenant_id = ${articles.tenantId} and x.group_id = ${articles.groupId}
            and x.locale <> ${articles.locale} and x.status = 'published' and x.deleted_at is null
          limit 1)`,
        previous: sql<PublishedArticle['previous']>`(
          select json_build_object('id', x.id, 'title', x.title, 'slug', x.slug) from articles x
          where ${sameChannel} and (x.published_at, x.id) < (${articles.publishedAt}, ${articles.id})
          order by x.published_at desc, x.id desc limit 1)`,
        next: sql<PublishedArticle['next']>`(
          select json_build_object('id', x.id, 'title', x.title, 'slug', x.slug) from articles x
          where ${sameChannel} and (x.published_at, x.id) > (${articles.publishedAt}, ${articles.id})
          order by x.published_at asc, x.id asc limit 1)`,
        links: sql<{ type: string; id: string }[]>`(
          select coalesce(json_agg(json_build_object('type', l.subject_type, 'id', l.subject_id)), '[]'::json)
          from article_links l where l.tenant_id = ${articles.tenantId} and l.group_id = ${articles.groupId})`,
        byTags: sql<JsonListItem[] | null>`(
          select json_agg(${listItemJson} order by x.published_at desc, x.id desc) from (
            select x.* from (
              select id, tags, published_at from articles x where ${sameLocale}
              order by x.published_at desc, x.id desc limit ${relatedWindowLimit}
            ) w join articles x on x.tenant_id = ${articles.tenantId} and x.id = w.id
            where cardinality(${articles.tags}) > 0 and w.tags && ${articles.tags}
            order by w.published_at desc, w.id desc limit ${relatedWantedLimit}
          ) x)`,
        latest: sql<JsonListItem[] | null>`(
          select json_agg(${listItemJson} order by x.published_at desc, x.id desc) from (
            select * from articles x where ${sameChannel} and x.group_id <> ${articles.groupId}
            order by x.published_at desc, x.id desc limit ${relatedWantedLimit}
          ) x)`,
      })
      .from(articles)
      .innerJoin(channels, and(tenant(channels), eq(channels.id, articles.channelId)))
      .where(
        and(
          tenant(articles),
          published(),
          eq(articles.locale, options.locale),
          eq(articles.slug, options.slug),
          eq(channels.slug, options.channelSlug),
        ),
      )
      .limit(1)
      .prepare('portal_article')
      .execute(),
  );
  if (!row) return null;
  const a = row.article as PageRow;
  const links = row.links ?? [];
  const linked = links.length ? await linkedRecords(scope, a, links) : null;
  const related: PublishedArticleListItem[] = [];
  const seen = new Set([a.id]);
  for (const item of [
    ...(linked?.related ?? []),
    ...(row.byTags ?? []).map(fromJsonItem),
    ...(row.latest ?? []).map(fromJsonItem),
  ]) {
    if (related.length >= relatedWanted || seen.has(item.id)) continue;
    seen.add(item.id);
    related.push(item);
  }
  return {
    article: {
      ...toListItem({ ...a, channelSlug: row.channel.slug }),
      bodyHtml: a.bodyHtml,
      seoTitle: a.seoTitle,
      seoDescription: a.seoDescription,
    },
    channel: row.channel,
    translation: row.translation ?? null,
    previous: row.previous ?? null,
    next: row.next ?? null,
    related,
    organizations: linked?.organizations ?? [],
    engagements: linked?.engagements ?? [],
  };
}

/** The organizations and engagements an article is linked to, and the articles linked to the same records. */
async function linkedRecords(
  scope: TenantScope,
  a: Pick<PageRow, 'groupId' | 'locale'>,
  links: { type: string; id: string }[],
) {
  const ids = (type: string) => links.filter((l) => l.type === type).map((l) => l.id);
  const organizationIds = ids('organization');
  const engagementIds = ids('engagement');
  const subjects = links.map((l) => sql`(${l.type}, ${l.id}::uuid)`);
  const [row] = await scope.build((qb, tenant) =>
    qb
      .select({
        organizations: organizationIds.length
          ? sql<PublishedArticle['organizations'] | null>`(
              select json_agg(json_build_object('id', o.id, 'nameZh', o.name_zh, 'nameEn', o.name_en) order by o.name_zh)
              from organizations o where o.tenant_id = ${scope.tenantId}
                and o.id in (${sql.join(
                  organizationIds.map((id) => sql`${id}::uuid`),
                  sql`, `,
                )}) and o.deleted_at is null)`
          : sql<null>`null`,
        engagements: engagementIds.length
          ? sql<PublishedArticle['engagements'] | null>`(
              select json_agg(json_build_object('id', e.id, 'titleZh', e.title_zh, 'titleEn', e.title_en, 'startsOn', e.starts_on) order by e.starts_on desc)
              from engagements e where e.tenant_id = ${scope.tenantId}
                and e.id in (${sql.join(
                  engagementIds.map((id) => sql`${id}::uuid`),
                  sql`, `,
                )}) and e.deleted_at is null)`
          : sql<null>`null`,
        related: sql<JsonListItem[] | null>`(
          select json_agg(${listItemJson} order by x.published_at desc, x.id desc) from (
            select x.* from articles x
            where x.tenant_id = ${scope.tenantId} and x.locale = ${a.locale} and x.status = 'published'
              and x.deleted_at is null and x.group_id <> ${a.groupId}
              and x.group_id in (
                select l.group_id from article_links l
                where l.tenant_id = ${scope.tenantId} and (l.subject_type, l.subject_id) in (${sql.join(subjects, sql`, `)})
                limit 200)
            order by x.published_at desc, x.id desc limit ${relatedWanted}
          ) x)`,
      })
      .from(articleLinks)
      .where(and(tenant(articleLinks), eq(articleLinks.groupId, a.groupId)))
      .limit(1),
  );
  return {
    organizations: row?.organizations ?? [],
    engagements: row?.engagements ?? [],
    related: (row?.related ?? []).map(fromJsonItem),
  };
}

/** Every published article with its language, channel, slug, dates and its published translation (for sitemap.xml). */
export async function listSitemapEntries(scope: TenantScope): Promise<SitemapEntry[]> {
  const other = alias(articles, 'other');
  const otherChannel = alias(channels, 'other_channel');
  const rows = await scope.build((qb, tenant) =>
    qb
      .select({
        id: articles.id,
        locale: articles.locale,
        channelSlug: channels.slug,
        slug: articles.slug,
        publishedAt: articles.publishedAt,
        updatedAt: articles.updatedAt,
        otherLocale: other.locale,
        otherSlug: other.slug,
        otherChannelSlug: otherChannel.slug,
      })
      .from(articles)
      .innerJoin(channels, and(tenant(channels), eq(channels.id, articles.channelId)))
      .leftJoin(
        other,
        and(
          eq(other.tenantId, articles.tenantId),
          eq(other.groupId, articles.groupId),
          ne(other.locale, articles.locale),
          eq(other.status, 'published'),
          isNull(other.deletedAt),
        ),
      )
      .leftJoin(
        otherChannel,
        and(eq(otherChannel.tenantId, other.tenantId), eq(otherChannel.id, other.channelId)),
      )
      .where(and(tenant(articles), published()))
      .orderBy(desc(articles.publishedAt), desc(articles.id)),
  );
  return rows.map((r) => ({
    id: r.id,
    locale: r.locale,
    channelSlug: r.channelSlug,
    slug: r.slug,
    publishedAt: (r.publishedAt ?? r.updatedAt).toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    translation:
      r.otherLocale && r.otherSlug && r.otherChannelSlug
        ? { locale: r.otherLocale, slug: r.otherSlug, channelSlug: r.otherChannelSlug }
        : null,
  }));
}

import { and, asc, desc, eq, getTableColumns, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { engagements } from '../engagements/engagements.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import type {
  ArticleLocale,
  PublicChannel,
  PublishedArticle,
  PublishedArticleListItem,
  SitemapEntry,
} from './articles.schema.ts';
import { articleLinks, articles, channels } from './articles.table.ts';

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
  channelSlug: channels.slug,
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
      .innerJoin(channels, and(tenant(channels), eq(channels.id, articles.channelId)))
      .where(and(tenant(articles), published(), where))
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(options.limit)
      .offset(options.offset ?? 0),
  );
  return rows.map(toListItem);
}

/** The college's channels, in their order (public names and slugs). */
export async function listChannels(scope: TenantScope): Promise<PublicChannel[]> {
  const rows = await scope.select(channels, { orderBy: [asc(channels.position), asc(channels.slug)] });
  return rows.map(({ id, slug, nameZh, nameEn, position }) => ({ id, slug, nameZh, nameEn, position }));
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
  const total =
    page === 1 && items.length < pageSize
      ? items.length
      : await scope.count(articles, and(published(), where));
  return { items, total };
}

/**
 * Everything an article page shows, or null when no published article has this slug in this
 * channel and language: the article and its channel, its published translation, the previous
 * (older) and next (newer) articles of the channel, up to 4 related articles (sharing links or
 * tags, else the channel's latest) and the organizations and engagements it concerns.
 */
export async function getPublishedArticle(
  scope: TenantScope,
  options: { locale: ArticleLocale; channelSlug: string; slug: string },
): Promise<PublishedArticle | null> {
  const other = alias(articles, 'other');
  const otherChannel = alias(channels, 'other_channel');
  const [row] = await scope.build((qb, tenant) =>
    qb
      .select({
        article: pageColumns,
        channel: channels,
        translation: {
          locale: other.locale,
          slug: other.slug,
          channelSlug: otherChannel.slug,
        },
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
      .where(
        and(
          tenant(articles),
          published(),
          eq(articles.locale, options.locale),
          eq(articles.slug, options.slug),
          eq(channels.slug, options.channelSlug),
        ),
      )
      .limit(1),
  );
  if (!row) return null;
  const a = row.article as PageRow;
  const publishedAt = a.publishedAt ?? a.updatedAt;
  const sameChannel = and(
    eq(articles.channelId, a.channelId),
    eq(articles.locale, a.locale),
    ne(articles.id, a.id),
  );
  const neighbour = (direction: 'previous' | 'next') =>
    scope.build((qb, tenant) =>
      qb
        .select({ id: articles.id, title: articles.title, slug: articles.slug })
        .from(articles)
        .where(
          and(
            tenant(articles),
            published(),
            sameChannel,
            direction === 'previous'
              ? sql`(${articles.publishedAt}, ${articles.id}) < (${publishedAt}, ${a.id})`
              : sql`(${articles.publishedAt}, ${articles.id}) > (${publishedAt}, ${a.id})`,
          ),
        )
        .orderBy(
          ...(direction === 'previous'
            ? [desc(articles.publishedAt), desc(articles.id)]
            : [asc(articles.publishedAt), asc(articles.id)]),
        )
        .limit(1),
    );
  const [previous] = await neighbour('previous');
  const [next] = await neighbour('next');
  const links = await scope.select(articleLinks, { where: eq(articleLinks.groupId, a.groupId) });
  const linkedIds = (type: string) => links.filter((l) => l.subjectType === type).map((l) => l.subjectId);
  const organizationIds = linkedIds('organization');
  const engagementIds = linkedIds('engagement');
  const orgRows = organizationIds.length
    ? await scope.build((qb, tenant) =>
        qb
          .select({ id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn })
          .from(organizations)
          .where(
            and(
              tenant(organizations),
              inArray(organizations.id, organizationIds),
              isNull(organizations.deletedAt),
            ),
          )
          .orderBy(asc(organizations.nameZh)),
      )
    : [];
  const engagementRows = engagementIds.length
    ? await scope.build((qb, tenant) =>
        qb
          .select({
            id: engagements.id,
            titleZh: engagements.titleZh,
            titleEn: engagements.titleEn,
            startsOn: engagements.startsOn,
          })
          .from(engagements)
          .where(
            and(tenant(engagements), inArray(engagements.id, engagementIds), isNull(engagements.deletedAt)),
          )
          .orderBy(desc(engagements.startsOn)),
      )
    : [];
  return {
    article: {
      ...toListItem({ ...a, channelSlug: row.channel.slug }),
      bodyHtml: a.bodyHtml,
      seoTitle: a.seoTitle,
      seoDescription: a.seoDescription,
    },
    channel: {
      id: row.channel.id,
      slug: row.channel.slug,
      nameZh: row.channel.nameZh,
      nameEn: row.channel.nameEn,
      position: row.channel.position,
    },
    translation:
      row.translation?.locale && row.translation.slug && row.translation.channelSlug
        ? {
            locale: row.translation.locale,
            slug: row.translation.slug,
            channelSlug: row.translation.channelSlug,
          }
        : null,
    previous: previous ?? null,
    next: next ?? null,
    related: await relatedArticles(scope, a, links),
    organizations: orgRows,
    engagements: engagementRows,
  };
}

/** How many of the newest articles of a language are looked at for shared tags (keeps the cost flat). */
const relatedWindow = 400;

async function relatedArticles(
  scope: TenantScope,
  a: Pick<PageRow, 'id' | 'groupId' | 'locale' | 'channelId' | 'tags'>,
  links: { subjectType: string; subjectId: string }[],
): Promise<PublishedArticleListItem[]> {
  const wanted = 4;
  const found: PublishedArticleListItem[] = [];
  const seen = new Set([a.id]);
  const add = (items: PublishedArticleListItem[]) => {
    for (const item of items) {
      if (found.length >= wanted || seen.has(item.id)) continue;
      seen.add(item.id);
      found.push(item);
    }
  };
  const notSelf = and(eq(articles.locale, a.locale), ne(articles.groupId, a.groupId));
  if (links.length) {
    // Other groups linked to the same engagements, organizations or programs.
    const subjects = links.map((l) => sql`(${l.subjectType}, ${l.subjectId}::uuid)`);
    const groups = await scope.build((qb, tenant) =>
      qb
        .selectDistinct({ groupId: articleLinks.groupId })
        .from(articleLinks)
        .where(
          and(
            tenant(articleLinks),
            sql`(${articleLinks.subjectType}, ${articleLinks.subjectId}) in (${sql.join(subjects, sql`, `)})`,
            ne(articleLinks.groupId, a.groupId),
          ),
        )
        .limit(200),
    );
    if (groups.length) {
      add(
        await selectList(
          scope,
          and(
            notSelf,
            inArray(
              articles.groupId,
              groups.map((g) => g.groupId),
            ),
          ),
          { limit: wanted + 1 },
        ),
      );
    }
  }
  if (found.length < wanted && a.tags.length) {
    const recent = await scope.build((qb, tenant) => {
      const window = qb
        .select({ id: articles.id, tags: articles.tags, publishedAt: articles.publishedAt })
        .from(articles)
        .where(and(tenant(articles), published(), notSelf))
        .orderBy(desc(articles.publishedAt), desc(articles.id))
        .limit(relatedWindow)
        .as('recent');
      return qb
        .select({ id: window.id })
        .from(window)
        .where(
          sql`${window.tags} && array[${sql.join(
            a.tags.map((tag) => sql`${tag}`),
            sql`, `,
          )}]::text[]`,
        )
        .orderBy(desc(window.publishedAt), desc(window.id))
        .limit(wanted + 1);
    });
    if (recent.length) {
      add(
        await selectList(
          scope,
          inArray(
            articles.id,
            recent.map((r) => r.id),
          ),
          { limit: wanted + 1 },
        ),
      );
    }
  }
  if (found.length < wanted) {
    add(
      await selectList(scope, and(notSelf, eq(articles.channelId, a.channelId)), {
        limit: wanted + found.length + 1,
      }),
    );
  }
  return found;
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

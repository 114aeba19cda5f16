import { diffChars, diffWordsWithSpace } from 'diff';
import { and, asc, desc, eq, exists, ilike, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import { orderFromSort, type TenantScope } from '../../db/tenant-scope.ts';
import { translate } from '../../i18n/i18n.ts';
import { AppError, fieldError, isUniqueViolation } from '../../platform/errors.ts';
import type { HistoryItem } from '../../platform/history-item.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { containsPattern } from '../../platform/references.ts';
import { parseInput } from '../../platform/validation.ts';
import { getEngagement } from '../engagements/engagements.service.ts';
import { engagements } from '../engagements/engagements.table.ts';
import { media } from '../media/media.table.ts';
import { getFacility } from '../org-units/org-units.service.ts';
import { assertOrganizationsExist } from '../organizations/organizations.service.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { programs } from '../programs/programs.table.ts';
import { users } from '../users/users.table.ts';
import { articlePageTags, siteTag } from './articles.cache.ts';
import { forgetChannels } from './articles.portal.ts';
import {
  type ArticleAction,
  type ArticleCommentOutput,
  type ArticleFromEngagementInput,
  type ArticleLinkInput,
  type ArticleLinkOutput,
  type ArticleListItem,
  type ArticleListQuery,
  type ArticleOutput,
  type ArticleSearchQuery,
  type ArticleSearchResult,
  type ArticleStatus,
  type ArticleTranslation,
  articleFromEngagementInputSchema,
  articleListQuerySchema,
  articleSearchQuerySchema,
  type ChannelOutput,
  type CommentInput,
  type CreateArticleInput,
  type CreateChannelInput,
  commentInputSchema,
  createArticleInputSchema,
  createChannelInputSchema,
  type DiffPart,
  publishInputSchema,
  type RestoreRevisionInput,
  type RevisionListItem,
  type RevisionOutput,
  restoreRevisionInputSchema,
  scheduleInputSchema,
  sendBackInputSchema,
  type UpdateArticleInput,
  type UpdateChannelInput,
  updateArticleInputSchema,
  updateChannelInputSchema,
  workflowInputSchema,
} from './articles.schema.ts';
import {
  articleComments,
  articleCounts,
  articleLinks,
  articleRevisions,
  articleSearch,
  articles,
  channels,
} from './articles.table.ts';
import { composeEngagementDraft, formatList } from './engagement-draft.ts';
import { richTextToPlainText, sanitizeEditorJson, sanitizeRichText } from './rich-text.ts';
import { buildSnippet, searchQuery, segmentText } from './search-text.ts';
import { proposeSlug } from './slugs.ts';

type ArticleRow = typeof articles.$inferSelect;
type ChannelRow = typeof channels.$inferSelect;
type Locale = ArticleRow['locale'];

/** The job kind that publishes scheduled articles whose time has come (one-off per article, and a sweep). */
export const publishDueKind = 'articles.publish-due';

/** The channels every college starts with; `news` is created on first use when missing. */
export const defaultChannels = [
  { slug: 'news', nameZh: '新闻动态', nameEn: 'News', position: 0 },
  { slug: 'notices', nameZh: '通知公告', nameEn: 'Notices', position: 1 },
  { slug: 'coverage', nameZh: '媒体报道', nameEn: 'Media coverage', position: 2 },
] as const;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

// ---------------------------------------------------------------- channels

/** Drops every cached public page of the scope's college (its header or footer changed). */
export async function invalidateSitePages(scope: TenantScope): Promise<void> {
  await scope.invalidatePages([siteTag(scope.tenantId)]);
}

function toChannelOutput(row: ChannelRow): ChannelOutput {
  const { id, slug, nameZh, nameEn, position, version } = row;
  return { id, slug, nameZh, nameEn, position, version };
}

/** A channel of the college by its slug (`news`, `notices`…), or undefined. */
export async function findChannelBySlug(scope: TenantScope, slug: string): Promise<ChannelRow | undefined> {
  if (slug === 'news') return ensureNewsChannel(scope);
  return scope.first(channels, eq(channels.slug, slug));
}

/** Creates the `news` channel when the college has none yet (safe to call concurrently). */
export async function ensureNewsChannel(scope: TenantScope): Promise<ChannelRow> {
  const existing = await scope.first(channels, eq(channels.slug, 'news'));
  if (existing) return existing;
  const news = defaultChannels[0];
  try {
    const created = await scope.create(channels, 'channel', { id: newId(), ...news });
    forgetChannels(scope.tenantId);
    return created;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const row = await scope.first(channels, eq(channels.slug, 'news'));
    if (!row) throw err;
    return row;
  }
}

/** Creates the default channels (news, notices, media coverage) that are missing. */
export async function ensureDefaultChannels(scope: TenantScope): Promise<ChannelRow[]> {
  const rows: ChannelRow[] = [];
  for (const channel of defaultChannels) {
    const existing = await scope.first(channels, eq(channels.slug, channel.slug));
    if (existing) {
      rows.push(existing);
      continue;
    }
    rows.push(await scope.create(channels, 'channel', { id: newId(), ...channel }));
    forgetChannels(scope.tenantId);
  }
  return rows;
}

/** The college's channels for the news desk, in their order (creating `news` if there is none). */
export async function listDeskChannels(
  scope: TenantScope,
): Promise<{ items: ChannelOutput[]; total: number }> {
  await ensureNewsChannel(scope);
  const rows = await scope.select(channels, { orderBy: [asc(channels.position), asc(channels.slug)] });
  return { items: rows.map(toChannelOutput), total: rows.length };
}

function slugTakenError(path = 'slug'): AppError {
  return fieldError(path, 'slug_taken', 'This slug is already used; choose another one');
}

/** Adds a channel (slug unique in the college). */
export async function createChannel(scope: TenantScope, input: CreateChannelInput): Promise<ChannelOutput> {
  const data = parseInput(createChannelInputSchema, input);
  if (await scope.first(channels, eq(channels.slug, data.slug))) throw slugTakenError();
  let row: ChannelRow;
  try {
    row = await scope.create(channels, 'channel', { id: newId(), ...data, position: data.position ?? 0 });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTakenError();
    throw err;
  }
  forgetChannels(scope.tenantId);
  await scope.invalidatePages([siteTag(scope.tenantId)]);
  return toChannelOutput(row);
}

/** Renames, re-slugs or reorders a channel (version-checked); every cached page of the site is dropped. */
export async function updateChannel(
  scope: TenantScope,
  id: string,
  input: UpdateChannelInput,
): Promise<ChannelOutput> {
  const { version, ...data } = parseInput(updateChannelInputSchema, input);
  const current = await scope.first(channels, eq(channels.id, id));
  if (!current) throw new AppError('not_found', `Channel ${id} not found`);
  if (data.slug && data.slug !== current.slug) {
    if (await scope.first(channels, and(eq(channels.slug, data.slug), ne(channels.id, id))))
      throw slugTakenError();
  }
  const set = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  let row: ChannelRow;
  try {
    row = await scope.change(channels, 'channel', id, version, set);
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTakenError();
    throw err;
  }
  forgetChannels(scope.tenantId);
  await scope.invalidatePages([siteTag(scope.tenantId)]);
  return toChannelOutput(row);
}

async function findChannel(scope: TenantScope, id: string, path = 'channelId'): Promise<ChannelRow> {
  const row = await scope.first(channels, eq(channels.id, id));
  if (!row) throw fieldError(path, 'unknown_reference', 'No such channel');
  return row;
}

// ---------------------------------------------------------------- reading articles

async function findArticle(scope: TenantScope, id: string): Promise<ArticleRow> {
  const row = await scope.first(articles, and(eq(articles.id, id), isNull(articles.deletedAt)));
  if (!row) throw new AppError('not_found', `Article ${id} not found`);
  return row;
}

async function userNames(scope: TenantScope, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await scope.build((qb, tenant) =>
    qb
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(tenant(users), inArray(users.id, wanted))),
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function translationsOf(
  scope: TenantScope,
  rows: readonly Pick<ArticleRow, 'id' | 'groupId'>[],
): Promise<Map<string, ArticleTranslation[]>> {
  const groupIds = [...new Set(rows.map((r) => r.groupId))];
  const byGroup = new Map<string, (ArticleTranslation & { groupId: string })[]>();
  if (groupIds.length > 0) {
    const siblings = await scope.build((qb, tenant) =>
      qb
        .select({
          id: articles.id,
          groupId: articles.groupId,
          locale: articles.locale,
          status: articles.status,
          title: articles.title,
          slug: articles.slug,
          version: articles.version,
        })
        .from(articles)
        .where(and(tenant(articles), inArray(articles.groupId, groupIds), isNull(articles.deletedAt)))
        .orderBy(asc(articles.locale)),
    );
    for (const s of siblings) {
      const list = byGroup.get(s.groupId) ?? [];
      list.push(s);
      byGroup.set(s.groupId, list);
    }
  }
  return new Map(
    rows.map((r) => [
      r.id,
      (byGroup.get(r.groupId) ?? []).filter((s) => s.id !== r.id).map(({ groupId: _g, ...t }) => t),
    ]),
  );
}

function toListItem(
  row: ArticleRow,
  translations: ArticleTranslation[],
  names: Map<string, string>,
): ArticleListItem {
  return {
    id: row.id,
    groupId: row.groupId,
    locale: row.locale,
    channelId: row.channelId,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    status: row.status,
    featured: row.featured,
    tags: row.tags,
    coverMediaId: row.coverMediaId,
    publishAt: iso(row.publishAt),
    publishedAt: iso(row.publishedAt),
    authorId: row.authorId,
    authorName: row.authorId ? (names.get(row.authorId) ?? null) : null,
    reviewerId: row.reviewerId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    translations,
  };
}

async function linksOf(scope: TenantScope, groupId: string): Promise<ArticleLinkOutput[]> {
  const rows = await scope.select(articleLinks, {
    where: eq(articleLinks.groupId, groupId),
    orderBy: [asc(articleLinks.subjectType), asc(articleLinks.createdAt)],
  });
  const idsOf = (type: string) => rows.filter((r) => r.subjectType === type).map((r) => r.subjectId);
  const labels = new Map<string, { labelZh: string; labelEn: string }>();
  const engagementIds = idsOf('engagement');
  if (engagementIds.length) {
    for (const e of await scope.select(engagements, {
      where: and(inArray(engagements.id, engagementIds), isNull(engagements.deletedAt)),
    }))
      labels.set(`engagement:${e.id}`, { labelZh: e.titleZh, labelEn: e.titleEn });
  }
  const organizationIds = idsOf('organization');
  if (organizationIds.length) {
    for (const o of await scope.select(organizations, {
      where: and(inArray(organizations.id, organizationIds), isNull(organizations.deletedAt)),
    }))
      labels.set(`organization:${o.id}`, { labelZh: o.nameZh, labelEn: o.nameEn });
  }
  const programIds = idsOf('program');
  if (programIds.length) {
    for (const p of await scope.select(programs, {
      where: and(inArray(programs.id, programIds), isNull(programs.deletedAt)),
    }))
      labels.set(`program:${p.id}`, { labelZh: p.titleZh, labelEn: p.titleEn });
  }
  return rows.map((r) => {
    const label = labels.get(`${r.subjectType}:${r.subjectId}`);
    return {
      type: r.subjectType,
      id: r.subjectId,
      labelZh: label?.labelZh ?? null,
      labelEn: label ? label.labelEn || null : null,
    };
  });
}

async function commentsOf(scope: TenantScope, articleId: string): Promise<ArticleCommentOutput[]> {
  const rows = await scope.select(articleComments, {
    where: eq(articleComments.articleId, articleId),
    orderBy: [asc(articleComments.createdAt), asc(articleComments.id)],
  });
  const names = await userNames(
    scope,
    rows.map((r) => r.authorId),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    body: r.body,
    authorId: r.authorId,
    authorName: r.authorId ? (names.get(r.authorId) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
  }));
}

async function toArticleOutput(scope: TenantScope, row: ArticleRow): Promise<ArticleOutput> {
  const translations = (await translationsOf(scope, [row])).get(row.id) ?? [];
  const names = await userNames(scope, [row.authorId]);
  return {
    ...toListItem(row, translations, names),
    bodyHtml: row.bodyHtml,
    bodyJson: (row.bodyJson as Record<string, unknown> | null) ?? null,
    seoTitle: row.seoTitle,
    seoDescription: row.seoDescription,
    links: await linksOf(scope, row.groupId),
    comments: await commentsOf(scope, row.id),
    revisionCount: await scope.count(articleRevisions, eq(articleRevisions.articleId, row.id)),
  };
}

/** A page of the desk's articles (every status, or only those about one engagement), each with its translations' statuses. */
export async function listArticles(
  scope: TenantScope,
  query: ArticleListQuery,
): Promise<{ items: ArticleListItem[]; total: number }> {
  const q = parseInput(articleListQuerySchema, query);
  const conditions: (SQL | undefined)[] = [isNull(articles.deletedAt)];
  if (q.q) {
    const like = containsPattern(q.q);
    conditions.push(
      or(ilike(articles.title, like), ilike(articles.summary, like), ilike(articles.slug, like)),
    );
  }
  if (q.status) conditions.push(eq(articles.status, q.status));
  if (q.locale) conditions.push(eq(articles.locale, q.locale));
  if (q.channelId) conditions.push(eq(articles.channelId, q.channelId));
  if (q.groupId) conditions.push(eq(articles.groupId, q.groupId));
  if (q.authorId) conditions.push(eq(articles.authorId, q.authorId));
  if (q.engagementId) {
    const engagementId = q.engagementId;
    // Wrapped in an object so the builder is not awaited (run) here; it becomes a subquery.
    const { subquery } = await scope.build(async (qb, tenant) => ({
      subquery: qb
        .select({ one: sql`1` })
        .from(articleLinks)
        .where(
          and(
            tenant(articleLinks),
            eq(articleLinks.groupId, articles.groupId),
            eq(articleLinks.subjectType, 'engagement'),
            eq(articleLinks.subjectId, engagementId),
          ),
        ),
    }));
    conditions.push(exists(subquery));
  }
  const result = await scope.page(articles, {
    where: and(...conditions),
    orderBy: orderFromSort(
      q.sort ?? '-updatedAt',
      {
        updatedAt: articles.updatedAt,
        createdAt: articles.createdAt,
        publishedAt: articles.publishedAt,
        publishAt: articles.publishAt,
        title: articles.title,
      },
      articles.id,
    ),
    page: q.page,
    pageSize: q.pageSize,
  });
  const translations = await translationsOf(scope, result.items);
  const names = await userNames(
    scope,
    result.items.map((r) => r.authorId),
  );
  return {
    items: result.items.map((r) => toListItem(r, translations.get(r.id) ?? [], names)),
    total: result.total,
  };
}

/** One article with its translations, links, comments and revision count. */
export async function getArticle(scope: TenantScope, id: string): Promise<ArticleOutput> {
  return toArticleOutput(scope, await findArticle(scope, id));
}

// ---------------------------------------------------------------- writing articles

async function assertSlugFree(scope: TenantScope, locale: Locale, slug: string, exceptId: string | null) {
  const taken = await scope.first(
    articles,
    and(
      eq(articles.locale, locale),
      eq(articles.slug, slug),
      isNull(articles.deletedAt),
      exceptId ? ne(articles.id, exceptId) : undefined,
    ),
  );
  if (taken) throw slugTakenError();
}

async function generateSlug(scope: TenantScope, locale: Locale, title: string, at: Date): Promise<string> {
  const base = proposeSlug(locale, title, at);
  for (let i = 1; i < 50; i++) {
    const slug = i === 1 ? base : `${base}-${i}`;
    const taken = await scope.first(
      articles,
      and(eq(articles.locale, locale), eq(articles.slug, slug), isNull(articles.deletedAt)),
    );
    if (!taken) return slug;
  }
  return proposeSlug('zh-CN', title, at);
}

async function assertLive(
  scope: TenantScope,
  table: typeof engagements | typeof programs | typeof media,
  ids: readonly string[],
  path: string,
): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const found = await scope.count(table, and(inArray(table.id, wanted), isNull(table.deletedAt)));
  if (found !== wanted.length) throw fieldError(path, 'unknown_reference', 'No such record');
}

async function assertLinks(scope: TenantScope, links: readonly ArticleLinkInput[]): Promise<void> {
  const of = (type: string) => links.filter((l) => l.type === type).map((l) => l.id);
  await assertLive(scope, engagements, of('engagement'), 'links');
  await assertOrganizationsExist(scope, of('organization'), 'links');
  await assertLive(scope, programs, of('program'), 'links');
}

async function replaceLinks(scope: TenantScope, groupId: string, links: readonly ArticleLinkInput[]) {
  const unique = [...new Map(links.map((l) => [`${l.type}:${l.id}`, l])).values()];
  const before = await scope.select(articleLinks, { where: eq(articleLinks.groupId, groupId) });
  const describe = (list: { type: string; id: string }[]) => list.map((l) => `${l.type}:${l.id}`).sort();
  const from = describe(before.map((b) => ({ type: b.subjectType, id: b.subjectId })));
  const to = describe(unique);
  if (JSON.stringify(from) === JSON.stringify(to)) return false;
  await scope.deleteRaw(articleLinks, eq(articleLinks.groupId, groupId));
  for (const l of unique) {
    await scope.insertRaw(articleLinks, { groupId, subjectType: l.type, subjectId: l.id });
  }
  // The group's articles are found by their partners' names too.
  for (const article of await scope.select(articles, {
    where: and(eq(articles.groupId, groupId), isNull(articles.deletedAt)),
  }))
    await refreshSearchText(scope, article);
  await scope.recordEvent({
    verb: 'article.links_replaced',
    subjectType: 'article_group',
    subjectId: groupId,
    diff: { links: { from, to } },
  });
  return true;
}

/**
 * Points the article links of organization `fromId` at `toId` (a merge), dropping those that would
 * repeat a link the article already has, and refreshes the articles' search text; returns how many
 * article groups changed.
 */
export async function moveOrganizationLinks(
  scope: TenantScope,
  fromId: string,
  toId: string,
): Promise<number> {
  const isOrg = eq(articleLinks.subjectType, 'organization');
  const moving = await scope.select(articleLinks, { where: and(isOrg, eq(articleLinks.subjectId, fromId)) });
  if (moving.length === 0) return 0;
  const groupIds = [...new Set(moving.map((l) => l.groupId))];
  const already = new Set(
    (
      await scope.select(articleLinks, {
        where: and(isOrg, eq(articleLinks.subjectId, toId), inArray(articleLinks.groupId, groupIds)),
      })
    ).map((l) => l.groupId),
  );
  if (already.size)
    await scope.deleteRaw(
      articleLinks,
      and(isOrg, eq(articleLinks.subjectId, fromId), inArray(articleLinks.groupId, [...already])) as SQL,
    );
  await scope.updateRaw(articleLinks, and(isOrg, eq(articleLinks.subjectId, fromId)) as SQL, {
    subjectId: toId,
  });
  for (const article of await scope.select(articles, {
    where: and(inArray(articles.groupId, groupIds), isNull(articles.deletedAt)),
  }))
    await refreshSearchText(scope, article);
  return groupIds.length;
}

/**
 * Adds links to an article group (the engagement it reports and its partners) without touching
 * its text: a records action, so it needs no right to edit the news. A published article's pages
 * are refreshed.
 */
export async function linkArticleToRecords(
  scope: TenantScope,
  articleId: string,
  links: readonly ArticleLinkInput[],
): Promise<void> {
  const row = await findArticle(scope, articleId);
  await assertLinks(scope, links);
  const before = await scope.select(articleLinks, { where: eq(articleLinks.groupId, row.groupId) });
  const merged = [...before.map((b) => ({ type: b.subjectType, id: b.subjectId })), ...links];
  const changed = await replaceLinks(scope, row.groupId, merged);
  if (changed && row.status === 'published') await invalidate(scope, { row, neighbourIds: [] });
}

/** The job that proposes engagements from articles not yet read (registered by the extraction feature). */
export const proposeEngagementsKind = 'extraction.propose';

/** Queues the reading of new or changed articles a moment from now (many saves make one run). */
async function queueProposals(scope: TenantScope): Promise<void> {
  await scope.build((qb) =>
    enqueueJob(qb, {
      kind: proposeEngagementsKind,
      tenantId: scope.tenantId,
      runAt: new Date(Date.now() + 2000),
      uniqueKey: `${proposeEngagementsKind}:${scope.tenantId}`,
      maxAttempts: 3,
    }),
  );
}

/**
 * Refreshes the pre-segmented search text of an article (bookkeeping: no timeline event). The
 * names and aliases of the partners it is linked to are searchable with it, so "Covestro" finds
 * the Chinese news about 科思创.
 */
async function refreshSearchText(scope: TenantScope, row: ArticleRow): Promise<void> {
  const plain = richTextToPlainText(row.bodyHtml);
  const partnerIds = (
    await scope.select(articleLinks, {
      where: and(eq(articleLinks.groupId, row.groupId), eq(articleLinks.subjectType, 'organization')),
    })
  ).map((l) => l.subjectId);
  const partners = partnerIds.length
    ? await scope.select(organizations, {
        where: and(inArray(organizations.id, partnerIds), isNull(organizations.deletedAt)),
      })
    : [];
  const partnerNames = partners.flatMap((o) => [o.nameZh, o.nameEn ?? '', ...o.aliases]).join('\n');
  await scope.updateRaw(articles, eq(articles.id, row.id), {
    searchTitle: segmentText(row.title, row.locale),
    searchBody: segmentText(`${row.summary}\n${plain}\n${partnerNames}`, row.locale),
  });
}

async function writeRevision(scope: TenantScope, row: ArticleRow): Promise<number> {
  const [last] = await scope.select(articleRevisions, {
    where: eq(articleRevisions.articleId, row.id),
    orderBy: [desc(articleRevisions.number)],
    limit: 1,
  });
  const number = (last?.number ?? 0) + 1;
  await scope.insertRaw(articleRevisions, {
    id: newId(),
    articleId: row.id,
    number,
    authorId: scope.actor.id,
    title: row.title,
    summary: row.summary,
    bodyHtml: row.bodyHtml,
    bodyJson: row.bodyJson,
  });
  return number;
}

/**
 * The published articles right before and after one (by publication time) in its channel and
 * language: the pages whose previous/next links show it.
 */
async function neighbourIdsOf(
  scope: TenantScope,
  at: Pick<ArticleRow, 'id' | 'channelId' | 'locale' | 'publishedAt'>,
): Promise<string[]> {
  if (!at.publishedAt) return [];
  const publishedAt = at.publishedAt;
  const base = and(
    eq(articles.channelId, at.channelId),
    eq(articles.locale, at.locale),
    eq(articles.status, 'published'),
    isNull(articles.deletedAt),
    ne(articles.id, at.id),
  );
  const before = await scope.build((qb, tenant) =>
    qb
      .select({ id: articles.id })
      .from(articles)
      .where(
        and(
          tenant(articles),
          base,
          sql`(${articles.publishedAt}, ${articles.id}) < (${publishedAt}, ${at.id})`,
        ),
      )
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(1),
  );
  const after = await scope.build((qb, tenant) =>
    qb
      .select({ id: articles.id })
      .from(articles)
      .where(
        and(
          tenant(articles),
          base,
          sql`(${articles.publishedAt}, ${articles.id}) > (${publishedAt}, ${at.id})`,
        ),
      )
      .orderBy(asc(articles.publishedAt), asc(articles.id))
      .limit(1),
  );
  return [...before, ...after].map((r) => r.id);
}

interface PendingInvalidation {
  row: ArticleRow;
  neighbourIds: string[];
}

async function invalidate(scope: TenantScope, pending: PendingInvalidation | null) {
  if (!pending) return;
  await scope.invalidatePages(
    articlePageTags({
      tenantId: scope.tenantId,
      id: pending.row.id,
      groupId: pending.row.groupId,
      locale: pending.row.locale,
      neighbourIds: [...new Set(pending.neighbourIds)],
    }),
  );
}

/** Content that, once a reviewer has signed it off or it is live, only a publisher may change. */
const guardedStatuses: readonly ArticleStatus[] = ['approved', 'scheduled', 'published'];

function assertMayEdit(scope: TenantScope, row: ArticleRow): void {
  if (guardedStatuses.includes(row.status) && !scope.may('news.publish')) {
    throw new AppError(
      'forbidden',
      'Changing an approved, scheduled or published article needs the publish permission',
    );
  }
}

/**
 * Creates an article: a new translation group, or with `groupId` another language of an existing
 * group (409 `translation_exists` when that language is there). The body is sanitized, the slug
 * generated when absent, revision 1 written.
 */
export async function createArticle(scope: TenantScope, input: CreateArticleInput): Promise<ArticleOutput> {
  const data = parseInput(createArticleInputSchema, input);
  const now = new Date();
  return scope.transaction(async (tx) => {
    let sibling: ArticleRow | undefined;
    if (data.groupId) {
      sibling = await tx.first(
        articles,
        and(eq(articles.groupId, data.groupId), isNull(articles.deletedAt)),
        asc(articles.createdAt),
      );
      if (!sibling) throw fieldError('groupId', 'unknown_reference', 'No such article group');
      const same = await tx.first(
        articles,
        and(eq(articles.groupId, data.groupId), eq(articles.locale, data.locale), isNull(articles.deletedAt)),
      );
      if (same) {
        throw new AppError('translation_exists', `This article already has a ${data.locale} text`, {
          id: same.id,
          locale: data.locale,
        });
      }
    }
    const channelId = data.channelId ?? sibling?.channelId ?? (await ensureNewsChannel(tx)).id;
    await findChannel(tx, channelId);
    const coverMediaId =
      data.coverMediaId !== undefined ? data.coverMediaId : (sibling?.coverMediaId ?? null);
    if (coverMediaId) await assertLive(tx, media, [coverMediaId], 'coverMediaId');
    if (data.links) await assertLinks(tx, data.links);
    const slug = data.slug ?? (await generateSlug(tx, data.locale, data.title, now));
    if (data.slug) await assertSlugFree(tx, data.locale, slug, null);
    const groupId = data.groupId ?? newId();
    let row: ArticleRow;
    try {
      row = await tx.create(articles, 'article', {
        id: newId(),
        groupId,
        locale: data.locale,
        channelId,
        slug,
        title: data.title,
        summary: data.summary ?? '',
        bodyHtml: sanitizeRichText(data.bodyHtml ?? ''),
        bodyJson: sanitizeEditorJson(data.bodyJson ?? null),
        coverMediaId,
        tags: data.tags ?? sibling?.tags ?? [],
        featured: data.featured ?? false,
        status: 'draft',
        authorId: tx.actor.id,
        seoTitle: data.seoTitle ?? null,
        seoDescription: data.seoDescription ?? null,
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw slugTakenError();
      throw err;
    }
    await refreshSearchText(tx, row);
    await writeRevision(tx, row);
    if (data.links) await replaceLinks(tx, groupId, data.links);
    await queueProposals(tx);
    return toArticleOutput(tx, row);
  });
}

/**
 * Drafts an article from an engagement record in one language: who, when, where, what was toured,
 * discussed and agreed, as sentences ready to refine. The article links the engagement and its
 * organizations; its tags are the engagement's topics.
 */
export async function createArticleFromEngagement(
  scope: TenantScope,
  input: ArticleFromEngagementInput,
): Promise<ArticleOutput> {
  const data = parseInput(articleFromEngagementInputSchema, input);
  let engagement: Awaited<ReturnType<typeof getEngagement>>;
  try {
    engagement = await getEngagement(scope, data.engagementId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found')
      throw fieldError('engagementId', 'unknown_reference', 'No such engagement');
    throw err;
  }
  const places = [];
  for (const facilityId of engagement.facilityIds) {
    try {
      places.push(await getFacility(scope, facilityId));
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'not_found')) throw err;
    }
  }
  const draft = composeEngagementDraft(engagement, places, data.locale);
  return scope.transaction(async (tx) => {
    const article = await createArticle(tx, {
      locale: data.locale,
      ...(data.channelId ? { channelId: data.channelId } : {}),
      title: draft.title.slice(0, 300),
      summary: draft.summary,
      bodyHtml: draft.bodyHtml,
      tags: draft.tags,
      links: [
        { type: 'engagement', id: engagement.id },
        ...engagement.organizations.map((o) => ({ type: 'organization' as const, id: o.organizationId })),
      ],
    });
    // What the record has only in the other language is left out of the draft; the editor reads
    // which parts in a comment beside it, never on the page.
    if (draft.untranslated.length > 0) {
      const parts = draft.untranslated.map((part) => translate(data.locale, `articles.draft.parts.${part}`));
      await tx.insertRaw(articleComments, {
        id: newId(),
        articleId: article.id,
        authorId: tx.actor.id,
        kind: 'comment',
        body: translate(data.locale, 'articles.draft.untranslated', {
          parts: formatList(data.locale, parts),
        }),
      });
    }
    return article;
  });
}

const contentKeys = ['title', 'summary', 'bodyHtml'] as const;

/**
 * Changes an article (version-checked). The body is sanitized; a revision is written when the
 * title, summary or body changed; `links` replace the group's links. Approved, scheduled and
 * published articles need `news.publish` too. Cached pages of a published article are dropped.
 */
export async function updateArticle(
  scope: TenantScope,
  id: string,
  input: UpdateArticleInput,
): Promise<ArticleOutput> {
  const { version, links, ...data } = parseInput(updateArticleInputSchema, input);
  const result = await scope.transaction(async (tx) => {
    const before = await findArticle(tx, id);
    assertMayEdit(tx, before);
    if (before.version !== version) {
      throw new AppError('conflict', `article ${id} is at version ${before.version}, not ${version}`, {
        currentVersion: before.version,
      });
    }
    if (data.channelId) await findChannel(tx, data.channelId);
    if (data.coverMediaId) await assertLive(tx, media, [data.coverMediaId], 'coverMediaId');
    if (links) await assertLinks(tx, links);
    if (data.slug && data.slug !== before.slug) await assertSlugFree(tx, before.locale, data.slug, id);
    const set: Partial<typeof articles.$inferInsert> = {};
    for (const [key, value] of Object.entries(data)) {
      if (value !== undefined) (set as Record<string, unknown>)[key] = value;
    }
    if (data.bodyHtml !== undefined) set.bodyHtml = sanitizeRichText(data.bodyHtml);
    if (data.bodyJson !== undefined) set.bodyJson = sanitizeEditorJson(data.bodyJson);
    const neighboursBefore = before.status === 'published' ? await neighbourIdsOf(tx, before) : [];
    let row: ArticleRow;
    try {
      row = await tx.change(articles, 'article', id, version, set);
    } catch (err) {
      if (isUniqueViolation(err)) throw slugTakenError();
      throw err;
    }
    const contentChanged = contentKeys.some((k) => row[k] !== before[k]);
    if (contentChanged) {
      await refreshSearchText(tx, row);
      await writeRevision(tx, row);
      await queueProposals(tx);
    }
    if (links) await replaceLinks(tx, row.groupId, links);
    const pending =
      row.status === 'published'
        ? { row, neighbourIds: [...neighboursBefore, ...(await neighbourIdsOf(tx, row))] }
        : null;
    return { row, pending };
  });
  await invalidate(scope, result.pending);
  return getArticle(scope, result.row.id);
}

/** Soft-deletes an article (version-checked); a published one must be unpublished first (409). */
export async function deleteArticle(scope: TenantScope, id: string, version: number): Promise<void> {
  await scope.transaction(async (tx) => {
    const row = await findArticle(tx, id);
    if (row.status === 'published') {
      throw new AppError('unpublish_first', 'Unpublish the article before deleting it', {
        status: row.status,
      });
    }
    await tx.change(articles, 'article', id, version, { deletedAt: new Date() }, 'deleted');
  });
}

// ---------------------------------------------------------------- workflow

/** What each workflow action may start from, where it leads and the timeline verb it writes. */
export const articleTransitions: Record<
  ArticleAction,
  { from: readonly ArticleStatus[]; to: ArticleStatus; verb: string }
> = {
  submit: { from: ['draft', 'unpublished'], to: 'in_review', verb: 'submitted' },
  approve: { from: ['in_review'], to: 'approved', verb: 'approved' },
  'send-back': { from: ['in_review'], to: 'draft', verb: 'sent_back' },
  schedule: { from: ['approved'], to: 'scheduled', verb: 'scheduled' },
  publish: { from: ['approved', 'scheduled'], to: 'published', verb: 'published' },
  unpublish: { from: ['published'], to: 'unpublished', verb: 'unpublished' },
  unschedule: { from: ['scheduled'], to: 'approved', verb: 'unscheduled' },
};

function parseAction(action: ArticleAction, input: unknown) {
  switch (action) {
    case 'send-back':
      return parseInput(sendBackInputSchema, input);
    case 'schedule':
      return parseInput(scheduleInputSchema, input);
    case 'publish':
      return parseInput(publishInputSchema, input);
    default:
      return parseInput(workflowInputSchema, input);
  }
}

/**
 * Moves an article one step along draft → in review → approved → scheduled → published (and
 * unpublished, sent back, unscheduled), version-checked, written to the timeline; an optional
 * comment is kept with the article. Only this language changes. Invalid moves are 409
 * `invalid_transition`. Publishing and unpublishing drop the cached pages that show it.
 */
export async function transitionArticle(
  scope: TenantScope,
  id: string,
  action: ArticleAction,
  input: unknown,
): Promise<ArticleOutput> {
  const data = parseAction(action, input) as {
    version: number;
    comment?: string | undefined;
    publishAt?: string;
    resetPublishedAt?: boolean | undefined;
  };
  const rule = articleTransitions[action];
  const now = new Date();
  let publishAt: Date | null = null;
  if (action === 'schedule') {
    publishAt = new Date(data.publishAt!);
    if (publishAt.getTime() <= now.getTime())
      throw fieldError('publishAt', 'publish_at_past', 'Choose a time in the future');
  }
  const result = await scope.transaction(async (tx) => {
    const before = await findArticle(tx, id);
    if (before.version !== data.version) {
      throw new AppError('conflict', `article ${id} is at version ${before.version}, not ${data.version}`, {
        currentVersion: before.version,
      });
    }
    if (!rule.from.includes(before.status)) {
      throw new AppError('invalid_transition', `An article cannot ${action} from ${before.status}`, {
        action,
        from: before.status,
        to: rule.to,
        allowedFrom: rule.from,
      });
    }
    const set: Partial<typeof articles.$inferInsert> = { status: rule.to };
    if (action === 'approve' || action === 'publish') set.reviewerId = tx.actor.id;
    if (action === 'schedule') set.publishAt = publishAt;
    if (action === 'unschedule') set.publishAt = null;
    if (action === 'publish') {
      set.publishedAt = before.publishedAt && !data.resetPublishedAt ? before.publishedAt : now;
    }
    const neighboursBefore = before.status === 'published' ? await neighbourIdsOf(tx, before) : [];
    const row = await tx.change(articles, 'article', id, data.version, set, rule.verb);
    if (data.comment) {
      await tx.insertRaw(articleComments, {
        id: newId(),
        articleId: id,
        authorId: tx.actor.id,
        kind: action === 'approve' ? 'approved' : action === 'send-back' ? 'sent_back' : 'comment',
        body: data.comment,
      });
    }
    if (action === 'schedule' && publishAt) {
      await tx.build((qb) =>
        enqueueJob(qb, {
          kind: publishDueKind,
          tenantId: tx.tenantId,
          payload: { articleId: id },
          runAt: publishAt,
          uniqueKey: `${publishDueKind}:${tx.tenantId}:${id}`,
        }),
      );
    }
    const pending =
      action === 'publish'
        ? { row, neighbourIds: await neighbourIdsOf(tx, row) }
        : action === 'unpublish'
          ? { row, neighbourIds: neighboursBefore }
          : null;
    return { row, pending };
  });
  await invalidate(scope, result.pending);
  return getArticle(scope, result.row.id);
}

/** Articles waiting in review since before a moment (not changed since), for reminders to reviewers. */
export async function articlesWaitingForReview(
  scope: TenantScope,
  before: Date,
): Promise<{ id: string; title: string; locale: string; updatedAt: Date }[]> {
  const rows = await scope.select(articles, {
    where: and(isNull(articles.deletedAt), eq(articles.status, 'in_review'), lte(articles.updatedAt, before)),
    orderBy: [asc(articles.updatedAt), asc(articles.id)],
    limit: 500,
  });
  return rows.map((r) => ({ id: r.id, title: r.title, locale: r.locale, updatedAt: r.updatedAt }));
}

/**
 * Publishes an article under a date of its own (an imported article keeps the day its old site
 * published it), from any state but deleted; written to the timeline, cached pages dropped.
 */
export async function publishAsOf(scope: TenantScope, id: string, publishedAt: Date): Promise<ArticleOutput> {
  if (!scope.may('news.publish')) throw new AppError('forbidden', 'Publishing needs the publish permission');
  const result = await scope.transaction(async (tx) => {
    const before = await findArticle(tx, id);
    const row = await tx.change(
      articles,
      'article',
      id,
      before.version,
      { status: 'published', publishedAt, reviewerId: tx.actor.id, publishAt: null },
      'published',
    );
    return { row, neighbourIds: await neighbourIdsOf(tx, row) };
  });
  await invalidate(scope, result);
  return getArticle(scope, id);
}

/**
 * Publishes, as the system, every scheduled article of the college whose time has come
 * (idempotent: one already published or unscheduled meanwhile is left alone); returns how many.
 */
export async function publishDueArticles(scope: TenantScope, now: Date = new Date()): Promise<number> {
  const system = scope.asSystem();
  const due = await system.select(articles, {
    where: and(eq(articles.status, 'scheduled'), lte(articles.publishAt, now), isNull(articles.deletedAt)),
    orderBy: [asc(articles.publishAt), asc(articles.id)],
    limit: 1000,
  });
  let published = 0;
  for (const candidate of due) {
    const pending = await system.transaction(async (tx) => {
      const [row] = await tx.select(articles, {
        where: and(eq(articles.id, candidate.id), isNull(articles.deletedAt)),
        forUpdate: true,
      });
      if (row?.status !== 'scheduled' || !row.publishAt || row.publishAt > now) return null;
      const after = await tx.change(
        articles,
        'article',
        row.id,
        null,
        { status: 'published', publishedAt: row.publishedAt ?? row.publishAt },
        'published',
      );
      return { row: after, neighbourIds: await neighbourIdsOf(tx, after) };
    });
    if (pending) {
      published++;
      await invalidate(system, pending);
    }
  }
  return published;
}

// ---------------------------------------------------------------- comments

/** Adds a comment to an article (editors and reviewers). */
export async function addArticleComment(
  scope: TenantScope,
  id: string,
  input: CommentInput,
): Promise<ArticleCommentOutput> {
  if (!scope.may('news.write') && !scope.may('news.review'))
    throw new AppError('forbidden', 'Requires news.write or news.review');
  const data = parseInput(commentInputSchema, input);
  await findArticle(scope, id);
  const row = await scope.insertRaw(articleComments, {
    id: newId(),
    articleId: id,
    authorId: scope.actor.id,
    kind: 'comment',
    body: data.body,
  });
  const names = await userNames(scope, [row.authorId]);
  return {
    id: row.id,
    kind: row.kind,
    body: row.body,
    authorId: row.authorId,
    authorName: row.authorId ? (names.get(row.authorId) ?? null) : null,
    createdAt: row.createdAt.toISOString(),
  };
}

// ---------------------------------------------------------------- revisions

/** An article's revisions, newest first, with who saved them. */
export async function listRevisions(
  scope: TenantScope,
  id: string,
): Promise<{ items: RevisionListItem[]; total: number }> {
  await findArticle(scope, id);
  const rows = await scope.build((qb, tenant) =>
    qb
      .select({
        number: articleRevisions.number,
        createdAt: articleRevisions.createdAt,
        authorId: articleRevisions.authorId,
        title: articleRevisions.title,
      })
      .from(articleRevisions)
      .where(and(tenant(articleRevisions), eq(articleRevisions.articleId, id)))
      .orderBy(desc(articleRevisions.number)),
  );
  const names = await userNames(
    scope,
    rows.map((r) => r.authorId),
  );
  const items = rows.map((r) => ({
    number: r.number,
    createdAt: r.createdAt.toISOString(),
    authorId: r.authorId,
    authorName: r.authorId ? (names.get(r.authorId) ?? null) : null,
    title: r.title,
  }));
  return { items, total: items.length };
}

async function findRevision(scope: TenantScope, id: string, number: number) {
  const [rev] = await scope.select(articleRevisions, {
    where: and(eq(articleRevisions.articleId, id), eq(articleRevisions.number, number)),
    limit: 1,
  });
  if (!rev) throw new AppError('not_found', `Revision ${number} of article ${id} not found`);
  return rev;
}

function toParts(changes: { value: string; added?: boolean; removed?: boolean }[]): DiffPart[] {
  return changes.map((c) => ({
    value: c.value,
    ...(c.added ? { added: true } : {}),
    ...(c.removed ? { removed: true } : {}),
  }));
}

/** Chinese has no spaces between words: compare it by characters, other text by words. */
function diffText(from: string, to: string): DiffPart[] {
  const cjk = /[\u3400-\u9fff]/;
  return toParts(cjk.test(from) || cjk.test(to) ? diffChars(from, to) : diffWordsWithSpace(from, to));
}

/** One revision with what changed from it to the current text (`removed`: only in the revision). */
export async function getRevision(scope: TenantScope, id: string, number: number): Promise<RevisionOutput> {
  const article = await findArticle(scope, id);
  const rev = await findRevision(scope, id, number);
  const names = await userNames(scope, [rev.authorId]);
  return {
    number: rev.number,
    createdAt: rev.createdAt.toISOString(),
    authorId: rev.authorId,
    authorName: rev.authorId ? (names.get(rev.authorId) ?? null) : null,
    title: rev.title,
    summary: rev.summary,
    bodyHtml: rev.bodyHtml,
    bodyJson: (rev.bodyJson as Record<string, unknown> | null) ?? null,
    diff: {
      title: diffText(rev.title, article.title),
      summary: diffText(rev.summary, article.summary),
      body: diffText(richTextToPlainText(rev.bodyHtml), richTextToPlainText(article.bodyHtml)),
    },
  };
}

/** Brings back a revision's title, summary and body as a new revision (same rules as a change). */
export async function restoreRevision(
  scope: TenantScope,
  id: string,
  number: number,
  input: RestoreRevisionInput,
): Promise<ArticleOutput> {
  const { version } = parseInput(restoreRevisionInputSchema, input);
  const rev = await findRevision(scope, id, number);
  return updateArticle(scope, id, {
    version,
    title: rev.title,
    summary: rev.summary,
    bodyHtml: rev.bodyHtml,
    bodyJson: (rev.bodyJson as Record<string, unknown> | null) ?? null,
  });
}

// ---------------------------------------------------------------- search

/** Search counts its matches up to this many; a total equal to it means "at least this many". */
export const searchCountCap = 1000;

/**
 * How many rows a search may walk newest first to fill a page when its matches are too many to
 * count; beyond that it sorts its matches instead. Walking reads a row per article of the
 * language (a few microseconds each), sorting one per match; when the matches could be counted
 * (fewer than the cap), sorting them is always the cheaper.
 */
const searchWalkRows = 3000;

/**
 * Full-text search over the published articles of one language. Articles whose title holds the
 * whole query come first, then those that hold it in their text; newest first in each group.
 * Each hit comes with a highlighted plain-text snippet.
 *
 * Its cost does not grow with the number of matches: matches are counted only up to
 * `countCap`, and a page is found either by walking the language's articles newest first until
 * it is full (when matches are many, so the walk is short) or by sorting the matches (when they
 * are few). It reads the narrow `article_search` rows and only the page's articles in full.
 * An empty or unsearchable query finds nothing.
 */
export async function searchArticles(
  scope: TenantScope,
  query: ArticleSearchQuery,
  tuning: { countCap?: number; walkRows?: number; walkBound?: number } = {},
): Promise<ArticleSearchResult> {
  const q = parseInput(articleSearchQuerySchema, query);
  const countCap = tuning.countCap ?? searchCountCap;
  const walkRows = tuning.walkRows ?? searchWalkRows;
  const tsquery = searchQuery(q.q);
  if (!tsquery) return { items: [], total: 0, countCap };
  const tsq = sql`to_tsquery('simple', ${tsquery})`;
  const inBody = sql`${articleSearch.searchVector} @@ ${tsq}`;
  const inTitle = sql`${articleSearch.titleVector} @@ ${tsq}`;
  const offset = (q.page - 1) * q.pageSize;
  const found = await scope.transaction((tx) =>
    tx.build(async (qb, tenant) => {
      // A sequential scan would test every row's out-of-line word vector.
      await qb.execute(sql`set local enable_seqscan = off`);
      // Counting goes by the word indexes alone. `IS TRUE` keeps the tenant condition off the
      // other indexes (it is checked on the row).
      await qb.execute(sql`set local enable_indexscan = off`);
      const inCollege = and(sql`(${tenant(articleSearch)}) is true`, eq(articleSearch.locale, q.locale));
      const capped = (match: SQL) =>
        sql<number>`(select count(*)::int from (select 1 from ${articleSearch} where ${and(inCollege, match)} limit ${countCap}) m)`;
      const inTextOnly = and(inBody, sql`not (${inTitle})`) as SQL;
      const [counts] = await qb
        .select({
          title: capped(inTitle),
          textOnly: capped(inTextOnly),
          articles: sql<number>`(select coalesce(sum(${articleCounts.published}), 0)::int from ${articleCounts}
            where ${and(tenant(articleCounts), eq(articleCounts.locale, q.locale))})`,
        })
        .from(sql`(select 1) one`);
      const title = Number(counts?.title ?? 0);
      const textOnly = Number(counts?.textOnly ?? 0);
      const all = Math.min(countCap, title + textOnly);
      const articlesInLanguage = Number(counts?.articles ?? 0);
      // A walk reads at most this many of the newest articles; matches bunched in older ones
      // (fewer than the counts suggest among the newest) make it give way to sorting.
      const walkBound = tuning.walkBound ?? walkRows * 4;

      const sorted = async (match: SQL, from: number, limit: number) => {
        await qb.execute(sql`set local enable_bitmapscan = on`);
        await qb.execute(sql`set local enable_indexscan = off`);
        const rows = await qb
          .select({ id: articleSearch.articleId })
          .from(articleSearch)
          .where(and(inCollege, match))
          .orderBy(desc(articleSearch.publishedAt), desc(articleSearch.articleId))
          .limit(limit)
          .offset(from);
        return rows.map((r) => r.id);
      };
      const walked = async (match: SQL, from: number, limit: number) => {
        await qb.execute(sql`set local enable_bitmapscan = off`);
        await qb.execute(sql`set local enable_indexscan = on`);
        // The inner query is named like the table, so `match` reads its columns.
        const result = await qb.execute(sql`
          select ${articleSearch}.article_id as id from (
            select article_id, published_at, search_vector, title_vector from ${articleSearch}
            where ${and(tenant(articleSearch), eq(articleSearch.locale, q.locale))}
            order by published_at desc, article_id desc limit ${walkBound}
          ) ${articleSearch}
          where ${match}
          order by ${articleSearch}.published_at desc, ${articleSearch}.article_id desc
          limit ${limit} offset ${from}`);
        return (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
      };
      // Newest first among the rows matching `match`, of which there are `matches` (at least that
      // many when `many`: the count reached the cap).
      const newest = async (match: SQL, matches: number, many: boolean, from: number, limit: number) => {
        const walk = many && ((from + limit) * articlesInLanguage) / Math.max(1, matches) <= walkRows;
        if (!walk) return sorted(match, from, limit);
        const ids = await walked(match, from, limit);
        return ids.length < limit && articlesInLanguage > walkBound ? sorted(match, from, limit) : ids;
      };

      const found = { all, ids: [] as string[] };
      if (offset >= Math.min(all, countCap)) return found;
      if (offset < title) {
        found.ids.push(...(await newest(inTitle, title, title >= countCap, offset, q.pageSize)));
      }
      const wanted = q.pageSize - found.ids.length;
      if (wanted > 0 && title < countCap) {
        found.ids.push(
          ...(await newest(inTextOnly, textOnly, textOnly >= countCap, Math.max(0, offset - title), wanted)),
        );
      }
      return found;
    }),
  );
  const ids = found.ids;
  const rows = ids.length
    ? await scope.build((qb, tenant) =>
        qb
          .select({
            id: articles.id,
            title: articles.title,
            summary: articles.summary,
            bodyHtml: articles.bodyHtml,
            publishedAt: articles.publishedAt,
            slug: articles.slug,
            channelSlug: channels.slug,
          })
          .from(articles)
          .innerJoin(channels, and(tenant(channels), eq(channels.id, articles.channelId)))
          .where(and(tenant(articles), inArray(articles.id, ids))),
      )
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const plain = richTextToPlainText(r.bodyHtml) || r.summary;
      return [
        {
          id: r.id,
          title: r.title,
          summary: r.summary,
          publishedAt: iso(r.publishedAt),
          channelSlug: r.channelSlug,
          slug: r.slug,
          snippet: buildSnippet(plain, q.q),
        },
      ];
    }),
    total: found.all,
    countCap,
  };
}

/**
 * The news about a partner, for its history: one entry per story (all its languages) linked to the
 * organization, dated by its publication (or creation, while unpublished), titled in both languages
 * where it has both, and opening the Chinese version where there is one.
 */
export async function historyOfOrganization(
  scope: TenantScope,
  organizationId: string,
): Promise<HistoryItem[]> {
  const links = await scope.select(articleLinks, {
    where: and(eq(articleLinks.subjectType, 'organization'), eq(articleLinks.subjectId, organizationId)),
  });
  if (links.length === 0) return [];
  const rows = await scope.select(articles, {
    where: and(
      isNull(articles.deletedAt),
      inArray(
        articles.groupId,
        links.map((l) => l.groupId),
      ),
    ),
  });
  const groups = new Map<string, (typeof rows)[number][]>();
  for (const row of rows) groups.set(row.groupId, [...(groups.get(row.groupId) ?? []), row]);
  return [...groups.values()].map((versions) => {
    const zh = versions.find((v) => v.locale === 'zh-CN');
    const en = versions.find((v) => v.locale === 'en');
    const main = (zh ?? en)!;
    const published = versions.map((v) => v.publishedAt).filter((d): d is Date => d !== null);
    const date = published.length ? new Date(Math.min(...published.map((d) => d.getTime()))) : main.createdAt;
    return {
      kind: 'article' as const,
      id: main.id,
      date: date.toISOString().slice(0, 10),
      titleZh: zh?.title ?? en?.title ?? '',
      titleEn: en?.title ?? '',
      status: versions.some((v) => v.status === 'published') ? 'published' : main.status,
    };
  });
}

import { type SQL, sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';

export const articleLocales = ['zh-CN', 'en'] as const;
export const articleStatuses = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'published',
  'unpublished',
] as const;
export const articleLinkTypes = ['engagement', 'organization', 'program'] as const;
export const articleCommentKinds = ['comment', 'approved', 'sent_back'] as const;

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** A news channel of the college's site (news, notices, media reports...); its slug is the URL folder. */
export const channels = pgTable(
  'channels',
  {
    ...recordColumns(),
    slug: text('slug').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('channels_slug_uq').on(t.tenantId, t.slug),
  ],
);

/**
 * One language of a news article. The languages of one article share `group_id`; each has its own
 * status, so publishing the English text never publishes the Chinese one.
 */
export const articles = pgTable(
  'articles',
  {
    ...recordColumns(),
    groupId: uuid('group_id').notNull(),
    locale: text('locale', { enum: articleLocales }).notNull(),
    channelId: uuid('channel_id').notNull(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Sanitized HTML, the only form the public site renders. */
    bodyHtml: text('body_html').notNull().default(''),
    /** The editor's document (TipTap JSON), kept so the editor reopens exactly what was written. */
    bodyJson: jsonb('body_json'),
    coverMediaId: uuid('cover_media_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    featured: boolean('featured').notNull().default(false),
    status: text('status', { enum: articleStatuses }).notNull().default('draft'),
    publishAt: timestamp('publish_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    authorId: uuid('author_id'),
    reviewerId: uuid('reviewer_id'),
    seoTitle: text('seo_title'),
    seoDescription: text('seo_description'),
    /** Title and text pre-segmented into words (Intl.Segmenter), space separated, for full-text search. */
    searchTitle: text('search_title').notNull().default(''),
    searchBody: text('search_body').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('simple'::regconfig, search_title), 'A') || setweight(to_tsvector('simple'::regconfig, search_body), 'B')`,
    ),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('articles_slug_uq').on(t.tenantId, t.locale, t.slug).where(sql`deleted_at is null`),
    uniqueIndex('articles_group_locale_uq')
      .on(t.tenantId, t.groupId, t.locale)
      .where(sql`deleted_at is null`),
    index('articles_due_idx').on(t.tenantId, t.status, t.publishAt),
    // The portal reads only published articles, newest first: a page, a neighbour or a feed is an index range.
    index('articles_published_idx')
      .on(t.tenantId, t.locale, t.publishedAt, t.id)
      .where(sql`status = 'published' and deleted_at is null`),
    index('articles_published_channel_idx')
      .on(t.tenantId, t.channelId, t.locale, t.publishedAt, t.id)
      .where(sql`status = 'published' and deleted_at is null`),
  ],
);

/**
 * The published articles in brief: one narrow row per published, non-deleted article, kept by a
 * trigger on `articles` (migration article_search_sync). The word vector is stored out of line, so
 * a search matching tens of thousands of articles, or a count of a channel's articles, reads a few
 * megabytes of rows rather than their texts; the title's own word vector stays in the row for ranking.
 */
export const articleSearch = pgTable(
  'article_search',
  {
    tenantId: uuid('tenant_id').notNull(),
    articleId: uuid('article_id').notNull(),
    locale: text('locale', { enum: articleLocales }).notNull(),
    channelId: uuid('channel_id').notNull(),
    featured: boolean('featured').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    searchVector: tsvector('search_vector').notNull(),
    /** The title's words alone (search ranks title matches first). */
    titleVector: tsvector('title_vector').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.articleId] }),
    index('article_search_vector_idx').using('gin', t.searchVector),
    index('article_search_title_idx').using('gin', t.titleVector),
    // Search walks a language's articles newest first (backwards) when a query matches many of them.
    index('article_search_date_idx').on(t.tenantId, t.locale, t.publishedAt, t.articleId),
  ],
);

/**
 * How many articles are published per channel, language and featured flag, kept by the same
 * trigger, so a list's total is a sum of a few rows rather than a count of thousands.
 */
export const articleCounts = pgTable(
  'article_counts',
  {
    tenantId: uuid('tenant_id').notNull(),
    channelId: uuid('channel_id').notNull(),
    locale: text('locale', { enum: articleLocales }).notNull(),
    featured: boolean('featured').notNull(),
    published: integer('published').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.channelId, t.locale, t.featured] })],
);

/** A snapshot of an article's content, taken on every save that changes it; restorable. */
export const articleRevisions = pgTable(
  'article_revisions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    articleId: uuid('article_id').notNull(),
    number: integer('number').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    authorId: uuid('author_id'),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    bodyHtml: text('body_html').notNull(),
    bodyJson: jsonb('body_json'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('article_revisions_number_uq').on(t.tenantId, t.articleId, t.number),
  ],
);

/** A reviewer's or editor's comment on an article, including the approve / send-back decisions. */
export const articleComments = pgTable(
  'article_comments',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    articleId: uuid('article_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    authorId: uuid('author_id'),
    kind: text('kind', { enum: articleCommentKinds }).notNull().default('comment'),
    body: text('body').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('article_comments_article_idx').on(t.tenantId, t.articleId, t.createdAt),
  ],
);

/** What an article (all its languages) concerns: engagements, partner organizations, programs. */
export const articleLinks = pgTable(
  'article_links',
  {
    tenantId: uuid('tenant_id').notNull(),
    groupId: uuid('group_id').notNull(),
    subjectType: text('subject_type', { enum: articleLinkTypes }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.groupId, t.subjectType, t.subjectId] }),
    index('article_links_subject_idx').on(t.tenantId, t.subjectType, t.subjectId),
  ],
);

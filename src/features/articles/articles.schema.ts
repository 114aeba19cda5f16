import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { listResultSchema } from '../../platform/list-query.ts';

/*
 * The news desk's API: channels, articles (one row per language, grouped by `groupId`), the review
 * workflow, comments, revisions, drafts from engagements and full-text search. Shared by the server
 * and the admin screens; dates travel as ISO 8601 strings.
 */

export const articleLocaleSchema = z.enum(['zh-CN', 'en']);
export type ArticleLocale = z.infer<typeof articleLocaleSchema>;

export const articleStatusSchema = z.enum([
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'published',
  'unpublished',
]);
export type ArticleStatus = z.infer<typeof articleStatusSchema>;

/** The workflow actions, each a `POST /api/articles/:id/<action>`. */
export const articleActionSchema = z.enum([
  'submit',
  'approve',
  'send-back',
  'schedule',
  'publish',
  'unpublish',
  'unschedule',
]);
export type ArticleAction = z.infer<typeof articleActionSchema>;

export const articleLinkTypeSchema = z.enum(['engagement', 'organization', 'program']);
export type ArticleLinkType = z.infer<typeof articleLinkTypeSchema>;

export const articleCommentKindSchema = z.enum(['comment', 'approved', 'sent_back']);

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A URL segment: lowercase a–z, digits and single hyphens (field code `invalid_slug`). */
export const slugSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .refine((s) => slugPattern.test(s), {
    message: 'Use lowercase letters a-z, digits and single hyphens',
    params: { code: 'invalid_slug' },
  })
  .meta({ examples: ['fire-rescue-visit'] });

const versionField = z.number().int().min(1);

// ---------------------------------------------------------------- channels

export const channelOutputSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  position: z.number().int(),
  version: z.number().int(),
});
export type ChannelOutput = z.infer<typeof channelOutputSchema>;

/** Words the public site uses for its own pages, so no channel may take them (`/zh/search`, `/zh/media/…`). */
export const reservedChannelSlugs = ['search', 'media', 'assets', 'admin', 'api', 'feeds'] as const;

export const createChannelInputSchema = z.object({
  slug: slugSchema.refine((s) => !(reservedChannelSlugs as readonly string[]).includes(s), {
    message: 'This address is used by the site itself; choose another',
    params: { code: 'invalid_slug' },
  }),
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CreateChannelInput = z.input<typeof createChannelInputSchema>;

export const updateChannelInputSchema = createChannelInputSchema.partial().extend({ version: versionField });
export type UpdateChannelInput = z.input<typeof updateChannelInputSchema>;

// ---------------------------------------------------------------- article inputs

export const articleLinkInputSchema = z.object({ type: articleLinkTypeSchema, id: z.uuid() });
export type ArticleLinkInput = z.infer<typeof articleLinkInputSchema>;

const tagSchema = z.string().trim().min(1).max(50);
/** TipTap's document JSON, stored as given so the editor reopens exactly what was written. */
const bodyJsonSchema = z.record(z.string(), z.unknown()).nullable();

const articleFields = {
  title: z.string().trim().min(1).max(300),
  summary: z.string().trim().max(2000),
  /** Sanitized on every save; what is stored is what the allow-list keeps. */
  bodyHtml: z.string().max(1_000_000),
  bodyJson: bodyJsonSchema,
  /** Absent: generated (English: from the title; Chinese: `2023-11-18-<short id>`). */
  slug: slugSchema,
  channelId: z.uuid(),
  coverMediaId: z.uuid().nullable(),
  tags: z.array(tagSchema).max(20),
  featured: z.boolean(),
  seoTitle: z.string().trim().max(300).nullable(),
  seoDescription: z.string().trim().max(1000).nullable(),
  /** The engagements, organizations and programs the article concerns; shared by its languages. */
  links: z.array(articleLinkInputSchema).max(100),
};

/**
 * A new article (new translation group), or with `groupId` the other language of an existing
 * group (409 `already_exists` when that language exists). `channelId` defaults to the `news` channel.
 */
export const createArticleInputSchema = z.object({
  groupId: z.uuid().optional(),
  locale: articleLocaleSchema,
  title: articleFields.title,
  summary: articleFields.summary.optional(),
  bodyHtml: articleFields.bodyHtml.optional(),
  bodyJson: articleFields.bodyJson.optional(),
  slug: articleFields.slug.optional(),
  channelId: articleFields.channelId.optional(),
  coverMediaId: articleFields.coverMediaId.optional(),
  tags: articleFields.tags.optional(),
  featured: articleFields.featured.optional(),
  seoTitle: articleFields.seoTitle.optional(),
  seoDescription: articleFields.seoDescription.optional(),
  links: articleFields.links.optional(),
});
export type CreateArticleInput = z.input<typeof createArticleInputSchema>;

/** Changes to an article; `links`, when given, replace the group's links. Needs the current `version`. */
export const updateArticleInputSchema = z.object({
  title: articleFields.title.optional(),
  summary: articleFields.summary.optional(),
  bodyHtml: articleFields.bodyHtml.optional(),
  bodyJson: articleFields.bodyJson.optional(),
  slug: articleFields.slug.optional(),
  channelId: articleFields.channelId.optional(),
  coverMediaId: articleFields.coverMediaId.optional(),
  tags: articleFields.tags.optional(),
  featured: articleFields.featured.optional(),
  seoTitle: articleFields.seoTitle.optional(),
  seoDescription: articleFields.seoDescription.optional(),
  links: articleFields.links.optional(),
  version: versionField,
});
export type UpdateArticleInput = z.input<typeof updateArticleInputSchema>;

/** Body of `submit`, `approve`, `unpublish`, `unschedule` (and the shape the others extend). */
export const workflowInputSchema = z.object({
  version: versionField,
  /** Optional note written to the article's comments (approve: the reviewer's remark). */
  comment: z.string().trim().max(5000).optional(),
});
export type WorkflowInput = z.input<typeof workflowInputSchema>;

/** Body of `send-back`: the reviewer must say why. */
export const sendBackInputSchema = z.object({
  version: versionField,
  comment: z.string().trim().min(1).max(5000),
});
export type SendBackInput = z.input<typeof sendBackInputSchema>;

/** Body of `schedule`: `publishAt` must be in the future. */
export const scheduleInputSchema = z.object({
  version: versionField,
  publishAt: z.iso.datetime({ offset: true }),
  comment: z.string().trim().max(5000).optional(),
});
export type ScheduleInput = z.input<typeof scheduleInputSchema>;

/** Body of `publish`: the first publication sets `publishedAt`; a re-publication keeps it unless `resetPublishedAt`. */
export const publishInputSchema = z.object({
  version: versionField,
  resetPublishedAt: z.boolean().optional(),
  comment: z.string().trim().max(5000).optional(),
});
export type PublishInput = z.input<typeof publishInputSchema>;

export const commentInputSchema = z.object({ body: z.string().trim().min(1).max(5000) });
export type CommentInput = z.input<typeof commentInputSchema>;

export const restoreRevisionInputSchema = z.object({ version: versionField });
export type RestoreRevisionInput = z.input<typeof restoreRevisionInputSchema>;

/** `DELETE /api/articles/:id?version=n` (a published article must be unpublished first). */
export const deleteArticleQuerySchema = z.object({ version: z.coerce.number().int().min(1) });

/** A draft written from an engagement record, in the chosen language. */
export const articleFromEngagementInputSchema = z.object({
  engagementId: z.uuid(),
  locale: articleLocaleSchema,
  channelId: z.uuid().optional(),
});
export type ArticleFromEngagementInput = z.input<typeof articleFromEngagementInputSchema>;

export const articleSortSchema = z.enum([
  'updatedAt',
  '-updatedAt',
  'createdAt',
  '-createdAt',
  'publishedAt',
  '-publishedAt',
  'publishAt',
  '-publishAt',
  'title',
  '-title',
]);

/**
 * `GET /api/articles`: `q` matches title and summary (substring); `engagementId` keeps the articles
 * whose group is linked to that engagement; default sort `-updatedAt`.
 */
export const articleListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: articleSortSchema.optional(),
  status: articleStatusSchema.optional(),
  locale: articleLocaleSchema.optional(),
  channelId: z.uuid().optional(),
  groupId: z.uuid().optional(),
  authorId: z.uuid().optional(),
  engagementId: z.uuid().optional(),
});
export type ArticleListQuery = z.input<typeof articleListQuerySchema>;

// ---------------------------------------------------------------- article outputs

/** Another language of the same group, with its own status. */
export const articleTranslationSchema = z.object({
  id: z.uuid(),
  locale: articleLocaleSchema,
  status: articleStatusSchema,
  title: z.string(),
  slug: z.string(),
  version: z.number().int(),
});
export type ArticleTranslation = z.infer<typeof articleTranslationSchema>;

export const articleListItemSchema = z.object({
  id: z.uuid(),
  groupId: z.uuid(),
  locale: articleLocaleSchema,
  channelId: z.uuid(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  status: articleStatusSchema,
  featured: z.boolean(),
  tags: z.array(z.string()),
  coverMediaId: z.string().nullable(),
  publishAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  reviewerId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** The group's other languages (not this one). */
  translations: z.array(articleTranslationSchema),
});
export type ArticleListItem = z.infer<typeof articleListItemSchema>;

export const articleLinkOutputSchema = z.object({
  type: articleLinkTypeSchema,
  id: z.uuid(),
  /** The linked record's name or title, null when it was deleted. */
  labelZh: z.string().nullable(),
  labelEn: z.string().nullable(),
});
export type ArticleLinkOutput = z.infer<typeof articleLinkOutputSchema>;

export const articleCommentOutputSchema = z.object({
  id: z.uuid(),
  kind: articleCommentKindSchema,
  body: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type ArticleCommentOutput = z.infer<typeof articleCommentOutputSchema>;

/** `GET /api/articles/:id` and the answer of every change and workflow action. */
export const articleOutputSchema = articleListItemSchema.extend({
  bodyHtml: z.string(),
  bodyJson: z.record(z.string(), z.unknown()).nullable(),
  seoTitle: z.string().nullable(),
  seoDescription: z.string().nullable(),
  links: z.array(articleLinkOutputSchema),
  /** Oldest first. */
  comments: z.array(articleCommentOutputSchema),
  revisionCount: z.number().int(),
});
export type ArticleOutput = z.infer<typeof articleOutputSchema>;

// ---------------------------------------------------------------- revisions

export const revisionListItemSchema = z.object({
  number: z.number().int(),
  createdAt: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  title: z.string(),
});
export type RevisionListItem = z.infer<typeof revisionListItemSchema>;

/** One piece of a diff: unchanged text, or text only in the current version (`added`) or only in the revision (`removed`). */
export const diffPartSchema = z.object({
  value: z.string(),
  added: z.boolean().optional(),
  removed: z.boolean().optional(),
});
export type DiffPart = z.infer<typeof diffPartSchema>;

/** A revision with the differences from it to the article's current text. */
export const revisionOutputSchema = revisionListItemSchema.extend({
  summary: z.string(),
  bodyHtml: z.string(),
  bodyJson: z.record(z.string(), z.unknown()).nullable(),
  diff: z.object({
    title: z.array(diffPartSchema),
    summary: z.array(diffPartSchema),
    /** Over the body's plain text. */
    body: z.array(diffPartSchema),
  }),
});
export type RevisionOutput = z.infer<typeof revisionOutputSchema>;

// ---------------------------------------------------------------- search

/** `GET /api/articles/search`: published articles of one language. */
export const articleSearchQuerySchema = z.object({
  q: z.string().max(500).default(''),
  locale: articleLocaleSchema,
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});
export type ArticleSearchQuery = z.input<typeof articleSearchQuerySchema>;

/** A stretch of a search snippet; `hit` marks the words that matched. Plain text: escape it. */
export const snippetPartSchema = z.object({ text: z.string(), hit: z.boolean() });
export type SnippetPart = z.infer<typeof snippetPartSchema>;

export const articleSearchHitSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string(),
  publishedAt: z.string().nullable(),
  channelSlug: z.string(),
  slug: z.string(),
  snippet: z.array(snippetPartSchema),
});
export type ArticleSearchHit = z.infer<typeof articleSearchHitSchema>;

export const articleSearchResultSchema = z.object({
  items: z.array(articleSearchHitSchema),
  /** Matches counted up to `countCap`: a total equal to it means at least that many. */
  total: z.number().int(),
  countCap: z.number().int(),
});
export type ArticleSearchResult = z.infer<typeof articleSearchResultSchema>;

// ---------------------------------------------------------------- public portal (read functions)

/** An article as the public lists show it. */
export const publishedArticleListItemSchema = z.object({
  id: z.uuid(),
  groupId: z.uuid(),
  locale: articleLocaleSchema,
  channelId: z.uuid(),
  channelSlug: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  coverMediaId: z.string().nullable(),
  featured: z.boolean(),
  tags: z.array(z.string()),
  publishedAt: z.string(),
  updatedAt: z.string(),
});
export type PublishedArticleListItem = z.infer<typeof publishedArticleListItemSchema>;

export const publicChannelSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  position: z.number().int(),
});
export type PublicChannel = z.infer<typeof publicChannelSchema>;

const articleNeighbourSchema = z.object({ id: z.uuid(), title: z.string(), slug: z.string() });

/** Everything an article page shows. */
export const publishedArticleSchema = z.object({
  article: publishedArticleListItemSchema.extend({
    bodyHtml: z.string(),
    seoTitle: z.string().nullable(),
    seoDescription: z.string().nullable(),
  }),
  channel: publicChannelSchema,
  /** The published other language, if any (for the language switch and hreflang). */
  translation: z
    .object({ locale: articleLocaleSchema, channelSlug: z.string(), slug: z.string() })
    .nullable(),
  /** The next older published article of the channel and language. */
  previous: articleNeighbourSchema.nullable(),
  /** The next newer one. */
  next: articleNeighbourSchema.nullable(),
  related: z.array(publishedArticleListItemSchema),
  organizations: z.array(z.object({ id: z.uuid(), nameZh: z.string(), nameEn: z.string() })),
  engagements: z.array(
    z.object({ id: z.uuid(), titleZh: z.string(), titleEn: z.string(), startsOn: z.string() }),
  ),
});
export type PublishedArticle = z.infer<typeof publishedArticleSchema>;

export const sitemapEntrySchema = z.object({
  id: z.uuid(),
  locale: articleLocaleSchema,
  channelSlug: z.string(),
  slug: z.string(),
  publishedAt: z.string(),
  updatedAt: z.string(),
  translation: z
    .object({ locale: articleLocaleSchema, channelSlug: z.string(), slug: z.string() })
    .nullable(),
});
export type SitemapEntry = z.infer<typeof sitemapEntrySchema>;

// ---------------------------------------------------------------- operations

const channelsBase = '/api/channels';

export const channelOperations = {
  list: defineOperation({
    basePath: channelsBase,
    method: 'GET',
    path: '/',
    access: 'news.read',
    summary: 'List the news channels (the `news` channel is created when missing)',
    response: listResultSchema(channelOutputSchema),
  }),
  create: defineOperation({
    basePath: channelsBase,
    method: 'POST',
    path: '/',
    access: 'settings.manage',
    summary: 'Add a news channel',
    body: createChannelInputSchema,
    response: channelOutputSchema,
  }),
  update: defineOperation({
    basePath: channelsBase,
    method: 'PATCH',
    path: '/:id',
    access: 'settings.manage',
    summary: 'Rename, re-slug or reorder a channel',
    body: updateChannelInputSchema,
    response: channelOutputSchema,
  }),
};

const articlesBase = '/api/articles';

export const articleOperations = {
  list: defineOperation({
    basePath: articlesBase,
    method: 'GET',
    path: '/',
    access: 'news.read',
    summary: 'List articles of every status, each with its translations’ statuses',
    query: articleListQuerySchema,
    response: listResultSchema(articleListItemSchema),
  }),
  create: defineOperation({
    basePath: articlesBase,
    method: 'POST',
    path: '/',
    access: 'news.write',
    summary: 'Write a new article, or with `groupId` its text in the other language',
    body: createArticleInputSchema,
    response: articleOutputSchema,
  }),
  search: defineOperation({
    basePath: articlesBase,
    method: 'GET',
    path: '/search',
    access: 'public',
    summary: 'Search the published articles of one language (Chinese and English)',
    query: articleSearchQuerySchema,
    response: articleSearchResultSchema,
  }),
  fromEngagement: defineOperation({
    basePath: articlesBase,
    method: 'POST',
    path: '/from-engagement',
    access: 'news.write',
    summary: 'Draft an article from an engagement record, in Chinese or English',
    body: articleFromEngagementInputSchema,
    response: articleOutputSchema,
  }),
  get: defineOperation({
    basePath: articlesBase,
    method: 'GET',
    path: '/:id',
    access: 'news.read',
    summary: 'Read an article with its translations, links, comments and revision count',
    response: articleOutputSchema,
  }),
  update: defineOperation({
    basePath: articlesBase,
    method: 'PATCH',
    path: '/:id',
    access: 'news.write',
    summary: 'Change an article (approved, scheduled or published ones need news.publish too)',
    body: updateArticleInputSchema,
    response: articleOutputSchema,
  }),
  remove: defineOperation({
    basePath: articlesBase,
    method: 'DELETE',
    path: '/:id',
    access: 'news.write',
    summary: 'Delete an article (soft; ?version= required; a published one must be unpublished first)',
    query: deleteArticleQuerySchema,
  }),
  // The workflow actions (`articleActionSchema`), each `POST /:id/<action>` answering the article.
  submit: defineOperation({
    basePath: articlesBase,
    method: 'POST',
    path: '/:id/submit',
    access: 'news.write',
    summary: 'Send a draft (or unpublished article) for review',
    body: workflowInputSchema,
    response: articleOutputSchema,
  }),
  approve: defineOperation({
    basePath: articlesBase,
    method: 'POST',
    path: '/:id/approve',
    access: 'news.review',
    summary: 'Approve an article in review (optional comment)',
    body: workflowInputSchema,
    response: articleOutputSchema,
  }),
  sendBack: defineOperation({
    basePath: articlesBase,
    method: 'POST',
    path: '/:id/send-back',
    access: 'news.review',
    summary: 'Send an article in review back to draft with a comment',
    body: sendBackInputSchema,
    response: articleOutputSchema,
  }),
  schedule: defineOperation({
    basePath: articlesBase,
    method: 'POST',
    path: '/:id/schedule',
    access: 'news.publish',
    summary: 'Schedule an approved article for publication at `publishAt`',
    body: scheduleInputSchema,
    response: articleOutputSchema,
  }),
  publish: defineOperation({
    basePath: articlesBase,
    method: 'POST',
    path: '/:id/publish',
    access: 'news.publish',
    summary: 'Publish an approved or scheduled article now (this language only)',
    body: publishInputSchema,
    response: articleOutputSchema,
  }),
  unpublish: defineOperation({
    basePath: articlesBase,
    method: 'POST',
    path: '/:id/unpublish',
    access: 'news.publish',
    summary: 'Take a published article off the site',
    body: workflowInputSchema,
    response: articleOutputSchema,
  }),
  unschedule: defineOperation({
    basePath: articlesBase,
    method: 'POST',
    path: '/:id/unschedule',
    access: 'news.publish',
    summary: 'Cancel a scheduled publication (back to approved)',
    body: workflowInputSchema,
    response: articleOutputSchema,
  }),
  addComment: defineOperation({
    basePath: articlesBase,
    method: 'POST',
    path: '/:id/comments',
    access: 'news.read',
    summary: 'Comment on an article (editors and reviewers)',
    body: commentInputSchema,
    response: articleCommentOutputSchema,
  }),
  revisions: defineOperation({
    basePath: articlesBase,
    method: 'GET',
    path: '/:id/revisions',
    access: 'news.read',
    summary: 'List an article’s revisions, newest first',
    response: listResultSchema(revisionListItemSchema),
  }),
  revision: defineOperation({
    basePath: articlesBase,
    method: 'GET',
    path: '/:id/revisions/:number',
    access: 'news.read',
    summary: 'Read a revision with its differences from the current text',
    response: revisionOutputSchema,
  }),
  restoreRevision: defineOperation({
    basePath: articlesBase,
    method: 'POST',
    path: '/:id/revisions/:number/restore',
    access: 'news.write',
    summary: 'Restore a revision’s title, summary and body as a new revision',
    body: restoreRevisionInputSchema,
    response: articleOutputSchema,
  }),
};

import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  type ArticleAction,
  articleCommentOutputSchema,
  articleFromEngagementInputSchema,
  articleListItemSchema,
  articleListQuerySchema,
  articleOutputSchema,
  articleSearchQuerySchema,
  articleSearchResultSchema,
  channelOutputSchema,
  commentInputSchema,
  createArticleInputSchema,
  createChannelInputSchema,
  deleteArticleQuerySchema,
  publishInputSchema,
  restoreRevisionInputSchema,
  revisionListItemSchema,
  revisionOutputSchema,
  scheduleInputSchema,
  sendBackInputSchema,
  updateArticleInputSchema,
  updateChannelInputSchema,
  workflowInputSchema,
} from './articles.schema.ts';
import {
  addArticleComment,
  createArticle,
  createArticleFromEngagement,
  createChannel,
  deleteArticle,
  getArticle,
  getRevision,
  listArticles,
  listDeskChannels,
  listRevisions,
  restoreRevision,
  searchArticles,
  transitionArticle,
  updateArticle,
  updateChannel,
} from './articles.service.ts';

function readNumberParam(c: Context<AppEnv>, name: string): number {
  const value = c.req.param(name) ?? '';
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new AppError('not_found', `No revision ${value}`);
  return Number(value);
}

export const channelsRoutes = defineRoutes('/api/channels', 'channels', (route) => {
  route(
    {
      method: 'GET',
      path: '/',
      access: 'news.read',
      summary: 'List the news channels (the `news` channel is created when missing)',
      response: listResultSchema(channelOutputSchema),
    },
    async (c) => c.json(await listDeskChannels(c.var.scope)),
  );
  route(
    {
      method: 'POST',
      path: '/',
      access: 'settings.manage',
      summary: 'Add a news channel',
      body: createChannelInputSchema,
      response: channelOutputSchema,
    },
    async (c) => c.json(await createChannel(c.var.scope, await readBody(c, createChannelInputSchema)), 201),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'settings.manage',
      summary: 'Rename, re-slug or reorder a channel',
      body: updateChannelInputSchema,
      response: channelOutputSchema,
    },
    async (c) =>
      c.json(await updateChannel(c.var.scope, readIdParam(c), await readBody(c, updateChannelInputSchema))),
  );
});

/** The workflow actions with their permission and body. */
const workflowRoutes: {
  action: ArticleAction;
  access: 'news.write' | 'news.review' | 'news.publish';
  body: z.ZodType;
  summary: string;
}[] = [
  {
    action: 'submit',
    access: 'news.write',
    body: workflowInputSchema,
    summary: 'Send a draft (or unpublished article) for review',
  },
  {
    action: 'approve',
    access: 'news.review',
    body: workflowInputSchema,
    summary: 'Approve an article in review (optional comment)',
  },
  {
    action: 'send-back',
    access: 'news.review',
    body: sendBackInputSchema,
    summary: 'Send an article in review back to draft with a comment',
  },
  {
    action: 'schedule',
    access: 'news.publish',
    body: scheduleInputSchema,
    summary: 'Schedule an approved article for publication at `publishAt`',
  },
  {
    action: 'publish',
    access: 'news.publish',
    body: publishInputSchema,
    summary: 'Publish an approved or scheduled article now (this language only)',
  },
  {
    action: 'unpublish',
    access: 'news.publish',
    body: workflowInputSchema,
    summary: 'Take a published article off the site',
  },
  {
    action: 'unschedule',
    access: 'news.publish',
    body: workflowInputSchema,
    summary: 'Cancel a scheduled publication (back to approved)',
  },
];

export const articlesRoutes = defineRoutes('/api/articles', 'articles', (route) => {
  route(
    {
      method: 'GET',
      path: '/',
      access: 'news.read',
      summary: 'List articles of every status, each with its translations’ statuses',
      query: articleListQuerySchema,
      response: listResultSchema(articleListItemSchema),
    },
    async (c) => c.json(await listArticles(c.var.scope, readQuery(c, articleListQuerySchema))),
  );
  route(
    {
      method: 'POST',
      path: '/',
      access: 'news.write',
      summary: 'Write a new article, or with `groupId` its text in the other language',
      body: createArticleInputSchema,
      response: articleOutputSchema,
    },
    async (c) => c.json(await createArticle(c.var.scope, await readBody(c, createArticleInputSchema)), 201),
  );
  route(
    {
      method: 'GET',
      path: '/search',
      access: 'public',
      summary: 'Search the published articles of one language (Chinese and English)',
      query: articleSearchQuerySchema,
      response: articleSearchResultSchema,
    },
    async (c) => c.json(await searchArticles(c.var.scope, readQuery(c, articleSearchQuerySchema))),
  );
  route(
    {
      method: 'POST',
      path: '/from-engagement',
      access: 'news.write',
      summary: 'Draft an article from an engagement record, in Chinese or English',
      body: articleFromEngagementInputSchema,
      response: articleOutputSchema,
    },
    async (c) =>
      c.json(
        await createArticleFromEngagement(c.var.scope, await readBody(c, articleFromEngagementInputSchema)),
        201,
      ),
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'news.read',
      summary: 'Read an article with its translations, links, comments and revision count',
      response: articleOutputSchema,
    },
    async (c) => c.json(await getArticle(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'news.write',
      summary: 'Change an article (approved, scheduled or published ones need news.publish too)',
      body: updateArticleInputSchema,
      response: articleOutputSchema,
    },
    async (c) =>
      c.json(await updateArticle(c.var.scope, readIdParam(c), await readBody(c, updateArticleInputSchema))),
  );
  route(
    {
      method: 'DELETE',
      path: '/:id',
      access: 'news.write',
      summary: 'Delete an article (soft; ?version= required; a published one must be unpublished first)',
      query: deleteArticleQuerySchema,
    },
    async (c) => {
      const { version } = readQuery(c, deleteArticleQuerySchema);
      await deleteArticle(c.var.scope, readIdParam(c), version);
      return c.body(null, 204);
    },
  );
  for (const w of workflowRoutes) {
    route(
      {
        method: 'POST',
        path: `/:id/${w.action}`,
        access: w.access,
        summary: w.summary,
        body: w.body,
        response: articleOutputSchema,
      },
      async (c) =>
        c.json(await transitionArticle(c.var.scope, readIdParam(c), w.action, await readBody(c, w.body))),
    );
  }
  route(
    {
      method: 'POST',
      path: '/:id/comments',
      access: 'news.read',
      summary: 'Comment on an article (editors and reviewers)',
      body: commentInputSchema,
      response: articleCommentOutputSchema,
    },
    async (c) =>
      c.json(
        await addArticleComment(c.var.scope, readIdParam(c), await readBody(c, commentInputSchema)),
        201,
      ),
  );
  route(
    {
      method: 'GET',
      path: '/:id/revisions',
      access: 'news.read',
      summary: 'List an article’s revisions, newest first',
      response: listResultSchema(revisionListItemSchema),
    },
    async (c) => c.json(await listRevisions(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'GET',
      path: '/:id/revisions/:number',
      access: 'news.read',
      summary: 'Read a revision with its differences from the current text',
      response: revisionOutputSchema,
    },
    async (c) => c.json(await getRevision(c.var.scope, readIdParam(c), readNumberParam(c, 'number'))),
  );
  route(
    {
      method: 'POST',
      path: '/:id/revisions/:number/restore',
      access: 'news.write',
      summary: 'Restore a revision’s title, summary and body as a new revision',
      body: restoreRevisionInputSchema,
      response: articleOutputSchema,
    },
    async (c) =>
      c.json(
        await restoreRevision(
          c.var.scope,
          readIdParam(c),
          readNumberParam(c, 'number'),
          await readBody(c, restoreRevisionInputSchema),
        ),
      ),
  );
});

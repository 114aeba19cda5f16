import type { Context } from 'hono';
import type { Operation } from '../../platform/api-operation.ts';
import type { AppEnv } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  type ArticleAction,
  articleFromEngagementInputSchema,
  articleListQuerySchema,
  articleSearchQuerySchema,
  channelOperations,
  commentInputSchema,
  createArticleInputSchema,
  createChannelInputSchema,
  deleteArticleQuerySchema,
  articleOperations as op,
  restoreRevisionInputSchema,
  updateArticleInputSchema,
  updateChannelInputSchema,
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
  route(channelOperations.list, async (c) => c.json(await listDeskChannels(c.var.scope)));
  route(channelOperations.create, async (c) =>
    c.json(await createChannel(c.var.scope, await readBody(c, createChannelInputSchema)), 201),
  );
  route(channelOperations.update, async (c) =>
    c.json(await updateChannel(c.var.scope, readIdParam(c), await readBody(c, updateChannelInputSchema))),
  );
});

/** The workflow actions, each with its operation (permission and body), served by one handler. */
const workflowRoutes = [
  { action: 'submit', operation: op.submit },
  { action: 'approve', operation: op.approve },
  { action: 'send-back', operation: op.sendBack },
  { action: 'schedule', operation: op.schedule },
  { action: 'publish', operation: op.publish },
  { action: 'unpublish', operation: op.unpublish },
  { action: 'unschedule', operation: op.unschedule },
] as const satisfies readonly { action: ArticleAction; operation: Operation }[];

export const articlesRoutes = defineRoutes('/api/articles', 'articles', (route) => {
  route(op.list, async (c) => c.json(await listArticles(c.var.scope, readQuery(c, articleListQuerySchema))));
  route(op.create, async (c) =>
    c.json(await createArticle(c.var.scope, await readBody(c, createArticleInputSchema)), 201),
  );
  route(op.search, async (c) =>
    c.json(await searchArticles(c.var.scope, readQuery(c, articleSearchQuerySchema))),
  );
  route(op.fromEngagement, async (c) =>
    c.json(
      await createArticleFromEngagement(c.var.scope, await readBody(c, articleFromEngagementInputSchema)),
      201,
    ),
  );
  route(op.get, async (c) => c.json(await getArticle(c.var.scope, readIdParam(c))));
  route(op.update, async (c) =>
    c.json(await updateArticle(c.var.scope, readIdParam(c), await readBody(c, updateArticleInputSchema))),
  );
  route(op.remove, async (c) => {
    const { version } = readQuery(c, deleteArticleQuerySchema);
    await deleteArticle(c.var.scope, readIdParam(c), version);
    return c.body(null, 204);
  });
  for (const { action, operation } of workflowRoutes) {
    route(operation, async (c) =>
      c.json(await transitionArticle(c.var.scope, readIdParam(c), action, await readBody(c, operation.body))),
    );
  }
  route(op.addComment, async (c) =>
    c.json(await addArticleComment(c.var.scope, readIdParam(c), await readBody(c, commentInputSchema)), 201),
  );
  route(op.revisions, async (c) => c.json(await listRevisions(c.var.scope, readIdParam(c))));
  route(op.revision, async (c) =>
    c.json(await getRevision(c.var.scope, readIdParam(c), readNumberParam(c, 'number'))),
  );
  route(op.restoreRevision, async (c) =>
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

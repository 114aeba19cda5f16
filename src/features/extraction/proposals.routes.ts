import { z } from 'zod';
import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  bulkProposalInputSchema,
  confirmProposalInputSchema,
  confirmProposalOutputSchema,
  proposalDetailSchema,
  proposalListItemSchema,
  proposalListQuerySchema,
  rejectProposalInputSchema,
} from './proposals.schema.ts';
import {
  bulkProposals,
  confirmProposal,
  getProposal,
  listProposals,
  queueProposalRun,
  rejectProposal,
  reopenProposal,
} from './proposals.service.ts';

export const proposalsRoutes = defineRoutes('/api/proposals', 'proposals', (route) => {
  route(
    {
      method: 'GET',
      path: '/',
      access: 'imports.run',
      summary:
        'The review queue: engagements proposed from articles, filtered by status, cooperation, type, year and confidence',
      query: proposalListQuerySchema,
      response: listResultSchema(proposalListItemSchema),
    },
    async (c) => c.json(await listProposals(c.var.scope, readQuery(c, proposalListQuerySchema))),
  );
  route(
    {
      method: 'POST',
      path: '/run',
      access: 'imports.run',
      summary: 'Read every article not yet read and propose the engagement it reports (a background job)',
      body: z.object({}).optional(),
      response: z.object({ queued: z.literal(true), unread: z.number().int() }),
    },
    async (c) => c.json(await queueProposalRun(c.var.scope), 202),
  );
  route(
    {
      method: 'POST',
      path: '/bulk',
      access: 'imports.run',
      summary: 'Reject many pending proposals, or reopen many rejected ones, at once',
      body: bulkProposalInputSchema,
      response: z.object({ changed: z.number().int(), skipped: z.number().int() }),
    },
    async (c) => c.json(await bulkProposals(c.var.scope, await readBody(c, bulkProposalInputSchema))),
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'imports.run',
      summary:
        'One proposal: the article text, each proposed value with its evidence span, and registry matches',
      response: proposalDetailSchema,
    },
    async (c) => c.json(await getProposal(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'POST',
      path: '/:id/confirm',
      access: 'imports.run',
      summary:
        'Confirm a proposal as edited: creates the engagement, new partners, people and their titles, and links the article, in one transaction',
      body: confirmProposalInputSchema,
      response: confirmProposalOutputSchema,
    },
    async (c) =>
      c.json(
        await confirmProposal(c.var.scope, readIdParam(c), await readBody(c, confirmProposalInputSchema)),
        201,
      ),
  );
  route(
    {
      method: 'POST',
      path: '/:id/reject',
      access: 'imports.run',
      summary: 'Reject a proposal (not cooperation, a duplicate, or wrong)',
      body: rejectProposalInputSchema,
      response: proposalListItemSchema,
    },
    async (c) =>
      c.json(await rejectProposal(c.var.scope, readIdParam(c), await readBody(c, rejectProposalInputSchema))),
  );
  route(
    {
      method: 'POST',
      path: '/:id/reopen',
      access: 'imports.run',
      summary: 'Put a rejected proposal back in the queue (undo a rejection)',
      body: z.object({ version: z.number().int().min(1) }),
      response: proposalListItemSchema,
    },
    async (c) => {
      const body = await readBody(c, z.object({ version: z.number().int().min(1) }));
      return c.json(await reopenProposal(c.var.scope, readIdParam(c), body.version));
    },
  );
});

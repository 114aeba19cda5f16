import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  bulkProposalInputSchema,
  confirmProposalInputSchema,
  proposalOperations as op,
  proposalListQuerySchema,
  rejectProposalInputSchema,
  reopenProposalInputSchema,
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
  route(op.list, async (c) =>
    c.json(await listProposals(c.var.scope, readQuery(c, proposalListQuerySchema))),
  );
  route(op.run, async (c) => c.json(await queueProposalRun(c.var.scope), 202));
  route(op.bulk, async (c) =>
    c.json(await bulkProposals(c.var.scope, await readBody(c, bulkProposalInputSchema))),
  );
  route(op.get, async (c) => c.json(await getProposal(c.var.scope, readIdParam(c))));
  route(op.confirm, async (c) =>
    c.json(
      await confirmProposal(c.var.scope, readIdParam(c), await readBody(c, confirmProposalInputSchema)),
      201,
    ),
  );
  route(op.reject, async (c) =>
    c.json(await rejectProposal(c.var.scope, readIdParam(c), await readBody(c, rejectProposalInputSchema))),
  );
  route(op.reopen, async (c) => {
    const body = await readBody(c, reopenProposalInputSchema);
    return c.json(await reopenProposal(c.var.scope, readIdParam(c), body.version));
  });
});

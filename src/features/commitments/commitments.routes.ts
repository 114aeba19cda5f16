import { AppError } from '../../platform/errors.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  boardQuerySchema,
  commitmentListQuerySchema,
  completeCommitmentInputSchema,
  createCommitmentInputSchema,
  commitmentOperations as op,
  reassignCommitmentInputSchema,
  updateCommitmentInputSchema,
  versionInputSchema,
} from './commitments.schema.ts';
import {
  completeCommitment,
  createCommitment,
  deleteCommitment,
  getCommitment,
  listCommitmentReminders,
  listCommitments,
  reassignCommitment,
  showCommitmentBoard,
  updateCommitment,
} from './commitments.service.ts';

export const commitmentsRoutes = defineRoutes('/api/commitments', 'commitments', (route) => {
  route(op.list, async (c) =>
    c.json(await listCommitments(c.var.scope, readQuery(c, commitmentListQuerySchema))),
  );
  route(op.create, async (c) =>
    c.json(await createCommitment(c.var.scope, await readBody(c, createCommitmentInputSchema)), 201),
  );
  route(op.board, async (c) =>
    c.json(await showCommitmentBoard(c.var.scope, readQuery(c, boardQuerySchema))),
  );
  route(op.reminders, async (c) => {
    const user = c.var.user;
    if (!user) throw new AppError('unauthenticated', 'Log in first');
    return c.json(await listCommitmentReminders(c.var.scope, user));
  });
  route(op.get, async (c) => c.json(await getCommitment(c.var.scope, readIdParam(c))));
  route(op.update, async (c) =>
    c.json(
      await updateCommitment(c.var.scope, readIdParam(c), await readBody(c, updateCommitmentInputSchema)),
    ),
  );
  route(op.remove, async (c) => {
    const { version } = readQuery(c, versionInputSchema);
    await deleteCommitment(c.var.scope, readIdParam(c), version);
    return c.body(null, 204);
  });
  route(op.complete, async (c) =>
    c.json(
      await completeCommitment(c.var.scope, readIdParam(c), await readBody(c, completeCommitmentInputSchema)),
    ),
  );
  route(op.reassign, async (c) =>
    c.json(
      await reassignCommitment(c.var.scope, readIdParam(c), await readBody(c, reassignCommitmentInputSchema)),
    ),
  );
});

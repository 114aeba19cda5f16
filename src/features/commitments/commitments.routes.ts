import { AppError } from '../../platform/errors.ts';
import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  boardOutputSchema,
  boardQuerySchema,
  commitmentListQuerySchema,
  commitmentOutputSchema,
  completeCommitmentInputSchema,
  createCommitmentInputSchema,
  reassignCommitmentInputSchema,
  remindersOutputSchema,
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
  route(
    {
      method: 'GET',
      path: '/',
      access: 'records.read',
      summary: 'List commitments (status=overdue is derived from the due date)',
      query: commitmentListQuerySchema,
      response: listResultSchema(commitmentOutputSchema),
    },
    async (c) => c.json(await listCommitments(c.var.scope, readQuery(c, commitmentListQuerySchema))),
  );
  route(
    {
      method: 'POST',
      path: '/',
      access: 'records.write',
      summary: 'Record a commitment',
      body: createCommitmentInputSchema,
      response: commitmentOutputSchema,
    },
    async (c) =>
      c.json(await createCommitment(c.var.scope, await readBody(c, createCommitmentInputSchema)), 201),
  );
  route(
    {
      method: 'GET',
      path: '/board',
      access: 'records.read',
      summary: 'Commitments in columns per owner or department',
      query: boardQuerySchema,
      response: boardOutputSchema,
    },
    async (c) => c.json(await showCommitmentBoard(c.var.scope, readQuery(c, boardQuerySchema))),
  );
  route(
    {
      method: 'GET',
      path: '/reminders',
      access: 'records.read',
      summary: "The caller's overdue commitments and those due within 7 days",
      response: remindersOutputSchema,
    },
    async (c) => {
      const user = c.var.user;
      if (!user) throw new AppError('unauthenticated', 'Log in first');
      return c.json(await listCommitmentReminders(c.var.scope, user));
    },
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'records.read',
      summary: 'Read a commitment',
      response: commitmentOutputSchema,
    },
    async (c) => c.json(await getCommitment(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'records.write',
      summary: 'Change a commitment',
      body: updateCommitmentInputSchema,
      response: commitmentOutputSchema,
    },
    async (c) =>
      c.json(
        await updateCommitment(c.var.scope, readIdParam(c), await readBody(c, updateCommitmentInputSchema)),
      ),
  );
  route(
    {
      method: 'DELETE',
      path: '/:id',
      access: 'records.write',
      summary: 'Delete a commitment (soft; ?version= required)',
      query: versionInputSchema,
    },
    async (c) => {
      const { version } = readQuery(c, versionInputSchema);
      await deleteCommitment(c.var.scope, readIdParam(c), version);
      return c.body(null, 204);
    },
  );
  route(
    {
      method: 'POST',
      path: '/:id/complete',
      access: 'records.write',
      summary: 'Complete a commitment with evidence (records who and when)',
      body: completeCommitmentInputSchema,
      response: commitmentOutputSchema,
    },
    async (c) =>
      c.json(
        await completeCommitment(
          c.var.scope,
          readIdParam(c),
          await readBody(c, completeCommitmentInputSchema),
        ),
      ),
  );
  route(
    {
      method: 'POST',
      path: '/:id/reassign',
      access: 'records.write',
      summary: 'Give a commitment to another owner or department',
      body: reassignCommitmentInputSchema,
      response: commitmentOutputSchema,
    },
    async (c) =>
      c.json(
        await reassignCommitment(
          c.var.scope,
          readIdParam(c),
          await readBody(c, reassignCommitmentInputSchema),
        ),
      ),
  );
});

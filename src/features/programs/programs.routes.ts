import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  createProgramInputSchema,
  factInputSchema,
  milestoneInputSchema,
  programListQuerySchema,
  programOutputSchema,
  updateMilestoneInputSchema,
  updateProgramInputSchema,
  versionInputSchema,
} from './programs.schema.ts';
import {
  addFact,
  addMilestone,
  createProgram,
  deleteProgram,
  getProgram,
  listPrograms,
  removeMilestone,
  updateMilestone,
  updateProgram,
} from './programs.service.ts';

export const programsRoutes = defineRoutes('/api/programs', 'programs', (route) => {
  route(
    {
      method: 'GET',
      path: '/',
      access: 'records.read',
      summary: 'List programs',
      query: programListQuerySchema,
      response: listResultSchema(programOutputSchema),
    },
    async (c) => c.json(await listPrograms(c.var.scope, readQuery(c, programListQuerySchema))),
  );
  route(
    {
      method: 'POST',
      path: '/',
      access: 'records.write',
      summary: 'Record a program',
      body: createProgramInputSchema,
      response: programOutputSchema,
    },
    async (c) => c.json(await createProgram(c.var.scope, await readBody(c, createProgramInputSchema)), 201),
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'records.read',
      summary: 'Read a program with milestones and facts',
      response: programOutputSchema,
    },
    async (c) => c.json(await getProgram(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'records.write',
      summary: 'Change a program',
      body: updateProgramInputSchema,
      response: programOutputSchema,
    },
    async (c) =>
      c.json(await updateProgram(c.var.scope, readIdParam(c), await readBody(c, updateProgramInputSchema))),
  );
  route(
    {
      method: 'DELETE',
      path: '/:id',
      access: 'records.write',
      summary: 'Delete a program (soft; ?version= required)',
      query: versionInputSchema,
    },
    async (c) => {
      const { version } = readQuery(c, versionInputSchema);
      await deleteProgram(c.var.scope, readIdParam(c), version);
      return c.body(null, 204);
    },
  );
  route(
    {
      method: 'POST',
      path: '/:id/milestones',
      access: 'records.write',
      summary: 'Add a milestone',
      body: milestoneInputSchema,
      response: programOutputSchema,
    },
    async (c) =>
      c.json(await addMilestone(c.var.scope, readIdParam(c), await readBody(c, milestoneInputSchema)), 201),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id/milestones/:mid',
      access: 'records.write',
      summary: 'Change a milestone (e.g. mark it done)',
      body: updateMilestoneInputSchema,
      response: programOutputSchema,
    },
    async (c) =>
      c.json(
        await updateMilestone(
          c.var.scope,
          readIdParam(c),
          readIdParam(c, 'mid'),
          await readBody(c, updateMilestoneInputSchema),
        ),
      ),
  );
  route(
    {
      method: 'DELETE',
      path: '/:id/milestones/:mid',
      access: 'records.write',
      summary: 'Remove a milestone',
    },
    async (c) => {
      await removeMilestone(c.var.scope, readIdParam(c), readIdParam(c, 'mid'));
      return c.body(null, 204);
    },
  );
  route(
    {
      method: 'POST',
      path: '/:id/facts',
      access: 'records.write',
      summary: 'Record a measurable result (fact) for a year',
      body: factInputSchema,
      response: programOutputSchema,
    },
    async (c) => c.json(await addFact(c.var.scope, readIdParam(c), await readBody(c, factInputSchema)), 201),
  );
});

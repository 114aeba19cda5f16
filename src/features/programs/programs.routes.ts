import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  createProgramInputSchema,
  factInputSchema,
  milestoneInputSchema,
  programOperations as op,
  programListQuerySchema,
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
  route(op.list, async (c) => c.json(await listPrograms(c.var.scope, readQuery(c, programListQuerySchema))));
  route(op.create, async (c) =>
    c.json(await createProgram(c.var.scope, await readBody(c, createProgramInputSchema)), 201),
  );
  route(op.get, async (c) => c.json(await getProgram(c.var.scope, readIdParam(c))));
  route(op.update, async (c) =>
    c.json(await updateProgram(c.var.scope, readIdParam(c), await readBody(c, updateProgramInputSchema))),
  );
  route(op.remove, async (c) => {
    const { version } = readQuery(c, versionInputSchema);
    await deleteProgram(c.var.scope, readIdParam(c), version);
    return c.body(null, 204);
  });
  route(op.addMilestone, async (c) =>
    c.json(await addMilestone(c.var.scope, readIdParam(c), await readBody(c, milestoneInputSchema)), 201),
  );
  route(op.updateMilestone, async (c) =>
    c.json(
      await updateMilestone(
        c.var.scope,
        readIdParam(c),
        readIdParam(c, 'mid'),
        await readBody(c, updateMilestoneInputSchema),
      ),
    ),
  );
  route(op.removeMilestone, async (c) => {
    await removeMilestone(c.var.scope, readIdParam(c), readIdParam(c, 'mid'));
    return c.body(null, 204);
  });
  route(op.addFact, async (c) =>
    c.json(await addFact(c.var.scope, readIdParam(c), await readBody(c, factInputSchema)), 201),
  );
});

import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  createAffiliationInputSchema,
  createPersonInputSchema,
  deletePersonInputSchema,
  personOperations as op,
  personListQuerySchema,
  updateAffiliationInputSchema,
  updatePersonInputSchema,
} from './people.schema.ts';
import {
  addAffiliation,
  createPerson,
  deletePerson,
  getPerson,
  listAffiliations,
  listPeople,
  removeAffiliation,
  updateAffiliation,
  updatePerson,
} from './people.service.ts';

export const peopleRoutes = defineRoutes('/api/people', 'people', (route) => {
  route(op.list, async (c) => c.json(await listPeople(c.var.scope, readQuery(c, personListQuerySchema))));
  route(op.create, async (c) =>
    c.json(await createPerson(c.var.scope, await readBody(c, createPersonInputSchema)), 201),
  );
  route(op.get, async (c) => c.json(await getPerson(c.var.scope, readIdParam(c))));
  route(op.update, async (c) =>
    c.json(await updatePerson(c.var.scope, readIdParam(c), await readBody(c, updatePersonInputSchema))),
  );
  route(op.remove, async (c) => {
    const { version } = readQuery(c, deletePersonInputSchema);
    await deletePerson(c.var.scope, readIdParam(c), version);
    return c.json({ deleted: true as const });
  });
  route(op.affiliations, async (c) => c.json({ items: await listAffiliations(c.var.scope, readIdParam(c)) }));
  route(op.addAffiliation, async (c) =>
    c.json(
      await addAffiliation(c.var.scope, readIdParam(c), await readBody(c, createAffiliationInputSchema)),
      201,
    ),
  );
  route(op.updateAffiliation, async (c) =>
    c.json(
      await updateAffiliation(
        c.var.scope,
        readIdParam(c),
        readIdParam(c, 'affId'),
        await readBody(c, updateAffiliationInputSchema),
      ),
    ),
  );
  route(op.removeAffiliation, async (c) => {
    const { version } = readQuery(c, deletePersonInputSchema);
    await removeAffiliation(c.var.scope, readIdParam(c), readIdParam(c, 'affId'), version);
    return c.json({ deleted: true as const });
  });
});

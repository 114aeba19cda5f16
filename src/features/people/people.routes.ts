import { z } from 'zod';
import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  affiliationOutputSchema,
  createAffiliationInputSchema,
  createPersonInputSchema,
  deletePersonInputSchema,
  personListItemSchema,
  personListQuerySchema,
  personOutputSchema,
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

const deletedSchema = z.object({ deleted: z.literal(true) });

export const peopleRoutes = defineRoutes('/api/people', 'people', (route) => {
  route(
    {
      method: 'GET',
      path: '/',
      access: 'records.read',
      summary: 'List people',
      query: personListQuerySchema,
      response: listResultSchema(personListItemSchema),
    },
    async (c) => c.json(await listPeople(c.var.scope, readQuery(c, personListQuerySchema))),
  );
  route(
    {
      method: 'POST',
      path: '/',
      access: 'records.write',
      summary: 'Add a person',
      body: createPersonInputSchema,
      response: personOutputSchema,
    },
    async (c) => c.json(await createPerson(c.var.scope, await readBody(c, createPersonInputSchema)), 201),
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'records.read',
      summary: 'Read a person',
      response: personOutputSchema,
    },
    async (c) => c.json(await getPerson(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'records.write',
      summary: "Change a person's names or contacts",
      body: updatePersonInputSchema,
      response: personOutputSchema,
    },
    async (c) =>
      c.json(await updatePerson(c.var.scope, readIdParam(c), await readBody(c, updatePersonInputSchema))),
  );
  route(
    {
      method: 'DELETE',
      path: '/:id',
      access: 'records.write',
      summary: 'Delete a person (soft)',
      query: deletePersonInputSchema,
      response: deletedSchema,
    },
    async (c) => {
      const { version } = readQuery(c, deletePersonInputSchema);
      await deletePerson(c.var.scope, readIdParam(c), version);
      return c.json({ deleted: true as const });
    },
  );
  route(
    {
      method: 'GET',
      path: '/:id/affiliations',
      access: 'records.read',
      summary: "A person's titles over time",
      response: z.object({ items: z.array(affiliationOutputSchema) }),
    },
    async (c) => c.json({ items: await listAffiliations(c.var.scope, readIdParam(c)) }),
  );
  route(
    {
      method: 'POST',
      path: '/:id/affiliations',
      access: 'records.write',
      summary: 'Record a title held at an organization or department',
      body: createAffiliationInputSchema,
      response: affiliationOutputSchema,
    },
    async (c) =>
      c.json(
        await addAffiliation(c.var.scope, readIdParam(c), await readBody(c, createAffiliationInputSchema)),
        201,
      ),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id/affiliations/:affId',
      access: 'records.write',
      summary: 'Correct an affiliation',
      body: updateAffiliationInputSchema,
      response: affiliationOutputSchema,
    },
    async (c) =>
      c.json(
        await updateAffiliation(
          c.var.scope,
          readIdParam(c),
          readIdParam(c, 'affId'),
          await readBody(c, updateAffiliationInputSchema),
        ),
      ),
  );
  route(
    {
      method: 'DELETE',
      path: '/:id/affiliations/:affId',
      access: 'records.write',
      summary: 'Remove an affiliation entered by mistake',
      query: deletePersonInputSchema,
      response: deletedSchema,
    },
    async (c) => {
      const { version } = readQuery(c, deletePersonInputSchema);
      await removeAffiliation(c.var.scope, readIdParam(c), readIdParam(c, 'affId'), version);
      return c.json({ deleted: true as const });
    },
  );
});

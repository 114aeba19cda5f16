import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readBody, readQuery } from '../../platform/routes.ts';
import {
  createUserInputSchema,
  resetPasswordInputSchema,
  updateUserInputSchema,
  userDirectoryEntrySchema,
  userDirectoryQuerySchema,
  userListQuerySchema,
  userOutputSchema,
} from './users.schema.ts';
import {
  createUser,
  getUser,
  getUserDirectoryEntry,
  listUserDirectory,
  listUsers,
  resetPassword,
  updateUser,
} from './users.service.ts';

const idSchema = z.uuid();

function readId(value: string | undefined): string {
  const parsed = idSchema.safeParse(value);
  if (!parsed.success) throw new AppError('not_found', 'No such user');
  return parsed.data;
}

export const usersRoutes = defineRoutes('/api/users', 'users', (route) => {
  route(
    {
      method: 'GET',
      path: '/',
      access: 'users.manage',
      summary: 'List users',
      query: userListQuerySchema,
      response: listResultSchema(userOutputSchema),
    },
    async (c) => c.json(await listUsers(c.var.scope, readQuery(c, userListQuerySchema))),
  );
  route(
    {
      method: 'POST',
      path: '/',
      access: 'users.manage',
      summary: 'Create a user',
      body: createUserInputSchema,
      response: userOutputSchema,
    },
    async (c) => c.json(await createUser(c.var.scope, await readBody(c, createUserInputSchema)), 201),
  );
  route(
    {
      method: 'GET',
      path: '/directory',
      access: 'records.read',
      summary: 'Colleagues by name (id and name), to choose and show owners',
      query: userDirectoryQuerySchema,
      response: listResultSchema(userDirectoryEntrySchema),
    },
    async (c) => c.json(await listUserDirectory(c.var.scope, readQuery(c, userDirectoryQuerySchema))),
  );
  route(
    {
      method: 'GET',
      path: '/directory/:id',
      access: 'records.read',
      summary: "A colleague's name",
      response: userDirectoryEntrySchema,
    },
    async (c) => c.json(await getUserDirectoryEntry(c.var.scope, readId(c.req.param('id')))),
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'users.manage',
      summary: 'Read a user',
      response: userOutputSchema,
    },
    async (c) => c.json(await getUser(c.var.scope, readId(c.req.param('id')))),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'users.manage',
      summary: 'Change name, roles, language or status (deactivate/reactivate)',
      body: updateUserInputSchema,
      response: userOutputSchema,
    },
    async (c) =>
      c.json(
        await updateUser(c.var.scope, readId(c.req.param('id')), await readBody(c, updateUserInputSchema)),
      ),
  );
  route(
    {
      method: 'POST',
      path: '/:id/password',
      access: 'users.manage',
      summary: "Reset a user's password; their sessions end",
      body: resetPasswordInputSchema,
      response: userOutputSchema,
    },
    async (c) =>
      c.json(
        await resetPassword(
          c.var.scope,
          readId(c.req.param('id')),
          await readBody(c, resetPasswordInputSchema),
        ),
      ),
  );
});

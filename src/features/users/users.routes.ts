import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { defineRoutes, readBody, readQuery } from '../../platform/routes.ts';
import {
  createUserInputSchema,
  userOperations as op,
  resetPasswordInputSchema,
  updateUserInputSchema,
  userDirectoryQuerySchema,
  userListQuerySchema,
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
  route(op.list, async (c) => c.json(await listUsers(c.var.scope, readQuery(c, userListQuerySchema))));
  route(op.create, async (c) =>
    c.json(await createUser(c.var.scope, await readBody(c, createUserInputSchema)), 201),
  );
  route(op.directory, async (c) =>
    c.json(await listUserDirectory(c.var.scope, readQuery(c, userDirectoryQuerySchema))),
  );
  route(op.directoryEntry, async (c) =>
    c.json(await getUserDirectoryEntry(c.var.scope, readId(c.req.param('id')))),
  );
  route(op.get, async (c) => c.json(await getUser(c.var.scope, readId(c.req.param('id')))));
  route(op.update, async (c) =>
    c.json(
      await updateUser(c.var.scope, readId(c.req.param('id')), await readBody(c, updateUserInputSchema)),
    ),
  );
  route(op.resetPassword, async (c) =>
    c.json(
      await resetPassword(
        c.var.scope,
        readId(c.req.param('id')),
        await readBody(c, resetPasswordInputSchema),
      ),
    ),
  );
});

import { z } from 'zod';
import { roles } from '../../platform/permissions.ts';

export const roleSchema = z.enum(roles);
export const localeSchema = z.enum(['zh-CN', 'en']);

/** At least 10 characters with letters and digits; the message key is `validation.password_weak`. */
export const passwordSchema = z
  .string()
  .max(200)
  .refine((v) => v.length >= 10 && /\p{L}/u.test(v) && /\p{N}/u.test(v), {
    message: 'Use at least 10 characters, with letters and digits',
    params: { code: 'password_weak' },
  });

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const createUserInputSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(100),
  password: passwordSchema,
  roles: z.array(roleSchema).min(1).max(roles.length),
  locale: localeSchema.default('zh-CN'),
  /** Departments a department liaison works for. */
  orgUnitIds: z.array(z.uuid()).max(50).default([]),
});
export type CreateUserInput = z.input<typeof createUserInputSchema>;

export const updateUserInputSchema = z.object({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(100).optional(),
  roles: z.array(roleSchema).min(1).max(roles.length).optional(),
  status: z.enum(['active', 'deactivated']).optional(),
  locale: localeSchema.optional(),
  orgUnitIds: z.array(z.uuid()).max(50).optional(),
});
export type UpdateUserInput = z.input<typeof updateUserInputSchema>;

export const resetPasswordInputSchema = z.object({ password: passwordSchema });
export const changePasswordInputSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});
export type ChangePasswordInput = z.input<typeof changePasswordInputSchema>;

export const updateMeInputSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  locale: localeSchema.optional(),
});

export const loginInputSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.input<typeof loginInputSchema>;

export const userListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z
    .enum(['name', '-name', 'email', '-email', 'createdAt', '-createdAt', 'lastLoginAt', '-lastLoginAt'])
    .optional(),
  status: z.enum(['active', 'deactivated']).optional(),
  role: roleSchema.optional(),
});
export type UserListQuery = z.input<typeof userListQuerySchema>;

/** `GET /api/users/directory`: colleagues by name, for anyone who reads records (owners, authors). */
export const userDirectoryQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type UserDirectoryQuery = z.input<typeof userDirectoryQuerySchema>;

/** A colleague as others see them: a name, nothing more. */
export const userDirectoryEntrySchema = z.object({ id: z.uuid(), name: z.string() });
export type UserDirectoryEntry = z.infer<typeof userDirectoryEntrySchema>;

export const userOutputSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  orgUnitIds: z.array(z.string()),
  locale: localeSchema,
  status: z.enum(['active', 'deactivated']),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type UserOutput = z.infer<typeof userOutputSchema>;

export const meOutputSchema = z.object({
  user: userOutputSchema.omit({ status: true, lastLoginAt: true }),
  tenant: z.object({ id: z.uuid(), slug: z.string(), nameZh: z.string(), nameEn: z.string() }),
  roles: z.array(roleSchema),
  permissions: z.array(z.string()),
});
export type MeOutput = z.infer<typeof meOutputSchema>;

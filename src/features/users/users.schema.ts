import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { listResultSchema } from '../../platform/list-query.ts';
import { roles } from '../../platform/permissions.ts';

export const roleSchema = z.enum(roles);
export const localeSchema = z.enum(['zh-CN', 'en']);

/** Words people build passwords on; with digits or symbols around them they are still guessed first. */
const commonWords = new Set([
  'password',
  'passw',
  'passwd',
  'pass',
  'pwd',
  'qwerty',
  'admin',
  'administrator',
  'root',
  'welcome',
  'iloveyou',
  'woaini',
  'letmein',
  'changeme',
  'login',
  'user',
  'test',
  'guest',
  'master',
  'secret',
  'dragon',
  'monkey',
  'football',
  'baseball',
  'basketball',
  'sunshine',
  'princess',
  'shadow',
  'superman',
  'michael',
  'jordan',
  'hello',
  'china',
  'beijing',
  'shanghai',
  'concord',
  'college',
  'school',
  'teacher',
  'student',
  'zhangwei',
  'wangwei',
  'liwei',
  'wangfang',
  'lijing',
  'qq',
  'aa',
  'abc',
  'abcd',
  'asd',
  'asdf',
  'zxc',
  'zxcv',
  'qwe',
  'qaz',
  'wsx',
  'a',
  'aa',
  'q',
  'z',
  'x',
]);
/** Keyboard rows and counting sequences, read in both directions. */
const sequences = [
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'abcdefghijklmnopqrstuvwxyz',
  '1234567890',
  '01234567890',
  '1qaz2wsx3edc4rfv5tgb6yhn',
  'qazwsxedcrfvtgbyhnujm',
];

function isSequence(run: string): boolean {
  if (run.length < 2) return true;
  if (new Set(run).size === 1) return true;
  const reversed = [...run].reverse().join('');
  return sequences.some((seq) => seq.includes(run) || seq.includes(reversed));
}

/**
 * Tells a password that is long enough but among the first an attacker tries: a common word with
 * digits or symbols around it (password2026!), keyboard rows and counting runs (qwerty123456,
 * 1qaz2wsx3edc), or one or two characters repeated.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 3) return true;
  const letters = lower.replace(/[^\p{L}]/gu, '');
  if (letters === '' || commonWords.has(letters) || commonWords.has(letters.replace(/0/g, 'o'))) return true;
  // Digits and symbols around a word, and digits standing in for letters (p@ssw0rd), hide nothing.
  const core = lower.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, '');
  const leet = core
    .replace(/@/g, 'a')
    .replace(/0/g, 'o')
    .replace(/1/g, 'l')
    .replace(/\$/g, 's')
    .replace(/3/g, 'e');
  if (commonWords.has(leet.replace(/[^\p{L}]/gu, ''))) return true;
  const runs = lower.match(/\p{L}+|\p{N}+/gu) ?? [];
  return runs.every(isSequence);
}

/**
 * At least 10 characters with letters and digits (`validation.password_weak`), and not among the
 * passwords guessed first (`validation.password_common`).
 */
export const passwordSchema = z
  .string()
  .max(200)
  .superRefine((v, ctx) => {
    if (!(v.length >= 10 && /\p{L}/u.test(v) && /\p{N}/u.test(v))) {
      ctx.addIssue({
        code: 'custom',
        message: 'Use at least 10 characters, with letters and digits',
        params: { code: 'password_weak' },
      });
    } else if (isCommonPassword(v)) {
      ctx.addIssue({
        code: 'custom',
        message: 'This password is among the first ones guessed; choose a less common one',
        params: { code: 'password_common' },
      });
    }
  })
  .meta({ examples: ['kiln-harbour-2024'] });

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email().max(254))
  .meta({ examples: ['li.ming@college.example.cn'] });

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

/** How a person gets e-mail reminders: each as it falls due, a weekly digest (Mondays), or none. */
export const reminderModeSchema = z.enum(['each', 'weekly', 'off']);

export const updateMeInputSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  locale: localeSchema.optional(),
  reminderMode: reminderModeSchema.optional(),
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
  reminderMode: reminderModeSchema,
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

/** One of the caller's own login sessions (its id is the start of the token's hash, never the token). */
export const ownSessionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type OwnSession = z.infer<typeof ownSessionSchema>;

// ---------------------------------------------------------------- operations

const usersBase = '/api/users';

/** The college's users, for user administrators, and the directory of colleagues for record readers. */
export const userOperations = {
  list: defineOperation({
    basePath: usersBase,
    method: 'GET',
    path: '/',
    access: 'users.manage',
    summary: 'List users',
    query: userListQuerySchema,
    response: listResultSchema(userOutputSchema),
  }),
  create: defineOperation({
    basePath: usersBase,
    method: 'POST',
    path: '/',
    access: 'users.manage',
    summary: 'Create a user',
    body: createUserInputSchema,
    response: userOutputSchema,
  }),
  directory: defineOperation({
    basePath: usersBase,
    method: 'GET',
    path: '/directory',
    access: 'records.read',
    summary: 'Colleagues by name (id and name), to choose and show owners',
    query: userDirectoryQuerySchema,
    response: listResultSchema(userDirectoryEntrySchema),
  }),
  directoryEntry: defineOperation({
    basePath: usersBase,
    method: 'GET',
    path: '/directory/:id',
    access: 'records.read',
    summary: "A colleague's name",
    response: userDirectoryEntrySchema,
  }),
  get: defineOperation({
    basePath: usersBase,
    method: 'GET',
    path: '/:id',
    access: 'users.manage',
    summary: 'Read a user',
    response: userOutputSchema,
  }),
  update: defineOperation({
    basePath: usersBase,
    method: 'PATCH',
    path: '/:id',
    access: 'users.manage',
    summary: 'Change name, roles, language or status (deactivate/reactivate)',
    body: updateUserInputSchema,
    response: userOutputSchema,
  }),
  resetPassword: defineOperation({
    basePath: usersBase,
    method: 'POST',
    path: '/:id/password',
    access: 'users.manage',
    summary: "Reset a user's password; their sessions end",
    body: resetPasswordInputSchema,
    response: userOutputSchema,
  }),
};

const authBase = '/api/auth';

/** Logging in and out, and what the logged-in caller does with their own account and sessions. */
export const authOperations = {
  login: defineOperation({
    basePath: authBase,
    method: 'POST',
    path: '/login',
    access: 'public',
    summary: 'Log in with email and password; sets the session cookie',
    body: loginInputSchema,
    response: z.object({ user: userOutputSchema }),
  }),
  logout: defineOperation({
    basePath: authBase,
    method: 'POST',
    path: '/logout',
    access: 'public',
    summary:
      "Log out: ends the session and clears the cookie; `redirectTo` is the identity service's logout page for a single sign-on session",
    response: z.object({ redirectTo: z.string().nullable() }),
  }),
  me: defineOperation({
    basePath: authBase,
    method: 'GET',
    path: '/me',
    access: 'authenticated',
    summary: 'The logged-in user, their college and roles',
    response: meOutputSchema,
  }),
  session: defineOperation({
    basePath: authBase,
    method: 'GET',
    path: '/session',
    access: 'public',
    summary: 'The logged-in user as /me gives it, or null: how the admin asks whether anyone is logged in',
    response: z.object({ me: meOutputSchema.nullable() }),
  }),
  updateMe: defineOperation({
    basePath: authBase,
    method: 'PATCH',
    path: '/me',
    access: 'authenticated',
    summary: 'Change one’s own name or admin language',
    body: updateMeInputSchema,
    response: userOutputSchema,
  }),
  changePassword: defineOperation({
    basePath: authBase,
    method: 'POST',
    path: '/password',
    access: 'authenticated',
    summary: 'Change one’s own password; other sessions end',
    body: changePasswordInputSchema,
  }),
  sessions: defineOperation({
    basePath: authBase,
    method: 'GET',
    path: '/sessions',
    access: 'authenticated',
    summary: 'Where one is logged in: one’s own live sessions (browser, address, last seen), this one marked',
    response: z.object({ items: z.array(ownSessionSchema) }),
  }),
  endOtherSessions: defineOperation({
    basePath: authBase,
    method: 'POST',
    path: '/sessions/end-others',
    access: 'authenticated',
    summary: 'Log out everywhere else: ends every session of one’s own but this one',
    response: z.object({ ended: z.number().int() }),
  }),
  endSession: defineOperation({
    basePath: authBase,
    method: 'DELETE',
    path: '/sessions/:id',
    access: 'authenticated',
    summary: 'End one of one’s own sessions (by the id the list gives)',
  }),
};

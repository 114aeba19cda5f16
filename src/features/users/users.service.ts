import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import { orderFromSort, type TenantScope } from '../../db/tenant-scope.ts';
import type { SessionUser } from '../../platform/context.ts';
import { AppError, fieldError, isUniqueViolation } from '../../platform/errors.ts';
import { decoyHash, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { parseInput } from '../../platform/validation.ts';
import { ssoSettings } from './sso.table.ts';
import {
  type ChangePasswordInput,
  type CreateUserInput,
  changePasswordInputSchema,
  createUserInputSchema,
  type LoginInput,
  loginInputSchema,
  type OwnSession,
  resetPasswordInputSchema,
  type UpdateUserInput,
  type UserDirectoryEntry,
  type UserDirectoryQuery,
  type UserListQuery,
  type UserOutput,
  updateUserInputSchema,
  userDirectoryQuerySchema,
  userListQuerySchema,
} from './users.schema.ts';
import { loginFailures, sessions, trustedDevices, users } from './users.table.ts';

type UserRow = typeof users.$inferSelect;

/** The public shape of a user (never the password hash). */
export function toUserOutput(row: UserRow): UserOutput {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles as UserOutput['roles'],
    orgUnitIds: row.orgUnitIds,
    locale: row.locale,
    reminderMode: row.reminderMode,
    status: row.status,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Only callers who manage tenants may grant or take away the platform administrator role. */
function assertMayGrant(scope: TenantScope, before: readonly string[], after: readonly string[]): void {
  const touchesPlatform = before.includes('platform_admin') !== after.includes('platform_admin');
  if (touchesPlatform && !scope.may('tenants.manage')) {
    throw new AppError('forbidden', 'Only a platform administrator may grant or remove that role', [
      {
        path: 'roles',
        code: 'invalid_value',
        message: 'Only a platform administrator may grant or remove this role',
      },
    ]);
  }
}

/** Creates a user of the scope's college. */
export async function createUser(scope: TenantScope, input: CreateUserInput): Promise<UserOutput> {
  const data = parseInput(createUserInputSchema, input);
  assertMayGrant(scope, [], data.roles);
  try {
    const row = await scope.create(users, 'user', {
      id: newId(),
      email: data.email,
      name: data.name,
      roles: [...new Set(data.roles)],
      orgUnitIds: data.orgUnitIds,
      locale: data.locale,
      passwordHash: await hashPassword(data.password),
    });
    return toUserOutput(row);
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('already_exists', `A user with email ${data.email} already exists`, [
        { path: 'email', code: 'already_exists', message: 'This email is already in use' },
      ]);
    }
    throw err;
  }
}

/** A page of the college's users, searchable by name or email. */
export async function listUsers(scope: TenantScope, query: UserListQuery) {
  const q = parseInput(userListQuerySchema, query);
  const conditions: SQL[] = [];
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    conditions.push(or(ilike(users.name, like), ilike(users.email, like))!);
  }
  if (q.status) conditions.push(eq(users.status, q.status));
  if (q.role) conditions.push(sql`${q.role} = any(${users.roles})`);
  const result = await scope.page(users, {
    where: conditions.length ? and(...conditions) : undefined,
    orderBy: orderFromSort(
      q.sort,
      { name: users.name, email: users.email, createdAt: users.createdAt, lastLoginAt: users.lastLoginAt },
      users.id,
    ),
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: result.items.map(toUserOutput), total: result.total };
}

/** Active colleagues by name (id and name only), for choosing and showing owners and authors. */
export async function listUserDirectory(
  scope: TenantScope,
  query: UserDirectoryQuery,
): Promise<{ items: UserDirectoryEntry[]; total: number }> {
  const q = parseInput(userDirectoryQuerySchema, query);
  const like = q.q ? `%${q.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%` : undefined;
  const result = await scope.page(users, {
    where: and(eq(users.status, 'active'), like ? ilike(users.name, like) : undefined),
    orderBy: orderFromSort(undefined, { name: users.name }, users.id),
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: result.items.map((u) => ({ id: u.id, name: u.name })), total: result.total };
}

/** A colleague's name (also of a deactivated account, so old records still say who). */
export async function getUserDirectoryEntry(scope: TenantScope, id: string): Promise<UserDirectoryEntry> {
  const row = await findUser(scope, id);
  return { id: row.id, name: row.name };
}

async function findUser(scope: TenantScope, id: string, forUpdate = false): Promise<UserRow> {
  const [row] = await scope.select(users, { where: eq(users.id, id), limit: 1, forUpdate });
  if (!row) throw new AppError('not_found', `User ${id} not found`);
  return row;
}

/** One user of the college. */
export async function getUser(scope: TenantScope, id: string): Promise<UserOutput> {
  return toUserOutput(await findUser(scope, id));
}

/**
 * Counts the other active administrators, locking their rows until the transaction ends, so two
 * administrators demoting each other at the same moment cannot both succeed.
 */
async function countOtherActiveAdmins(scope: TenantScope, exceptId: string): Promise<number> {
  const admins = await scope.select(users, {
    where: and(
      eq(users.status, 'active'),
      sql`${users.id} <> ${exceptId}`,
      sql`${users.roles} && array['college_admin', 'platform_admin']::text[]`,
    ),
    orderBy: [users.id],
    forUpdate: true,
  });
  return admins.length;
}

/** Changes a user's name, roles, language or status; deactivating ends their sessions. */
export async function updateUser(
  scope: TenantScope,
  id: string,
  input: UpdateUserInput,
): Promise<UserOutput> {
  const data = parseInput(updateUserInputSchema, input);
  return scope.transaction(async (tx) => {
    const before = await findUser(tx, id, true);
    // A platform administrator's account is managed by platform administrators only.
    if (before.roles.includes('platform_admin') && !tx.may('tenants.manage')) {
      throw new AppError('forbidden', 'Only a platform administrator may change this account');
    }
    if (data.roles) assertMayGrant(tx, before.roles, data.roles);
    const isAdmin = (r: readonly string[]) => r.includes('college_admin') || r.includes('platform_admin');
    const nextRoles = data.roles ? [...new Set(data.roles)] : before.roles;
    const nextStatus = data.status ?? before.status;
    if (data.status === 'deactivated' && id === tx.actor.id) {
      throw fieldError('status', 'self_deactivate', 'You cannot deactivate your own account');
    }
    const losesAdmin =
      isAdmin(before.roles) && before.status === 'active' && (!isAdmin(nextRoles) || nextStatus !== 'active');
    if (losesAdmin && (await countOtherActiveAdmins(tx, id)) === 0) {
      throw fieldError(
        data.roles ? 'roles' : 'status',
        'last_admin',
        'The college needs at least one active administrator',
      );
    }
    const row = await tx.change(users, 'user', id, data.version, {
      ...(data.name !== undefined ? { name: data.name } : {}),
      ...(data.roles ? { roles: nextRoles } : {}),
      ...(data.locale ? { locale: data.locale } : {}),
      ...(data.status ? { status: data.status } : {}),
      ...(data.orgUnitIds ? { orgUnitIds: data.orgUnitIds } : {}),
    });
    if (nextStatus === 'deactivated') await tx.deleteRaw(sessions, eq(sessions.userId, id));
    return toUserOutput(row);
  });
}

/** Sets a new password chosen by an administrator and ends all the user's sessions. */
export async function resetPassword(
  scope: TenantScope,
  id: string,
  input: { password: string },
): Promise<UserOutput> {
  const data = parseInput(resetPasswordInputSchema, input);
  const passwordHash = await hashPassword(data.password);
  return scope.transaction(async (tx) => {
    const target = await findUser(tx, id, true);
    if (target.roles.includes('platform_admin') && !tx.may('tenants.manage')) {
      throw new AppError('forbidden', 'Only a platform administrator may reset this password');
    }
    const row = await tx.change(
      users,
      'user',
      id,
      null,
      { passwordHash, passwordChangedAt: new Date() },
      'password_reset',
    );
    await tx.deleteRaw(sessions, eq(sessions.userId, id));
    return toUserOutput(row);
  });
}

/** Changes one's own password after checking the current one; every other session ends. */
export async function changeOwnPassword(
  scope: TenantScope,
  session: { userId: string; tokenHash: string },
  input: ChangePasswordInput,
): Promise<void> {
  const data = parseInput(changePasswordInputSchema, input);
  const user = await findUser(scope, session.userId);
  if (!(await verifyPassword(data.currentPassword, user.passwordHash))) {
    throw fieldError('currentPassword', 'password_wrong', 'The current password is not correct');
  }
  if (data.currentPassword === data.newPassword) {
    throw fieldError('newPassword', 'password_same', 'The new password must differ from the current one');
  }
  const passwordHash = await hashPassword(data.newPassword);
  await scope.transaction(async (tx) => {
    await tx.change(
      users,
      'user',
      user.id,
      null,
      { passwordHash, passwordChangedAt: new Date() },
      'password_changed',
    );
    await tx.deleteRaw(
      sessions,
      and(eq(sessions.userId, user.id), sql`${sessions.tokenHash} <> ${session.tokenHash}`)!,
    );
  });
}

/** Updates one's own display name, language or e-mail reminders. */
export async function updateMe(
  scope: TenantScope,
  userId: string,
  input: {
    name?: string | undefined;
    locale?: 'zh-CN' | 'en' | undefined;
    reminderMode?: UserRow['reminderMode'] | undefined;
  },
) {
  const row = await scope.change(users, 'user', userId, null, {
    ...(input.name ? { name: input.name } : {}),
    ...(input.locale ? { locale: input.locale } : {}),
    ...(input.reminderMode ? { reminderMode: input.reminderMode } : {}),
  });
  return toUserOutput(row);
}

/** Who may get e-mail reminders: the college's active people, with what routing them needs. */
export async function reminderRecipients(scope: TenantScope) {
  const rows = await scope.select(users, { where: eq(users.status, 'active') });
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    locale: r.locale,
    roles: r.roles,
    orgUnitIds: r.orgUnitIds,
    reminderMode: r.reminderMode,
  }));
}

/**
 * Login limits over a 15-minute window. Failures are counted per account and address together
 * (one guesser at one account), per account (guessing from many addresses) and per address
 * (guessing many accounts, or a campus NAT). Only the first limit holds for a browser the user has
 * logged in from before (a trusted device), so failures in someone's name from elsewhere can slow
 * the guessers but never lock the owner out.
 */
export const throttle = { windowMs: 15 * 60_000, perPair: 5, perAccount: 20, perAddress: 100 } as const;

/** Browsers kept as trusted per user (the most recently used). */
const devicesPerUser = 20;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SessionOptions {
  ttlHours: number;
  idleHours: number;
}

/**
 * Checks credentials and opens a session. Failures are counted per account and per address; past
 * the limits the login is refused (429) before the password is even checked.
 */
export async function logIn(
  scope: TenantScope,
  input: LoginInput,
  client: { ip: string; userAgent: string | null; deviceToken?: string | null },
  options: SessionOptions,
  /** Single sign-on set by the deployment for this college (`SSO_*`), which wins over the saved row. */
  ssoFromEnvironment: { enabled: boolean; passwordLogin: boolean } | null = null,
): Promise<{ token: string; user: UserOutput; expiresAt: Date; deviceToken: string }> {
  const data = parseInput(loginInputSchema, input);
  // The attempt is written down before anything is checked and counted with the others, so
  // parallel guesses cannot all read a low count before any failure is recorded.
  await scope.insertRaw(loginFailures, { email: data.email, ip: client.ip });
  const since = new Date(Date.now() - throttle.windowMs);
  const recent = gt(loginFailures.failedAt, since);
  const [byPair, byAccount, byAddress] = await Promise.all([
    scope.count(
      loginFailures,
      and(eq(loginFailures.email, data.email), eq(loginFailures.ip, client.ip), recent),
    ),
    scope.count(loginFailures, and(eq(loginFailures.email, data.email), recent)),
    scope.count(loginFailures, and(eq(loginFailures.ip, client.ip), recent)),
  ]);
  const user = await scope.first(users, sql`lower(${users.email}) = ${data.email}`);
  const device =
    user && client.deviceToken
      ? await scope.first(
          trustedDevices,
          and(
            eq(trustedDevices.tokenHash, hashToken(client.deviceToken)),
            eq(trustedDevices.userId, user.id),
          ),
        )
      : undefined;
  const limited =
    byPair > throttle.perPair ||
    (!device && (byAccount > throttle.perAccount || byAddress > throttle.perAddress));
  if (limited) {
    await scope.recordEvent({
      verb: 'user.login_throttled',
      subjectType: 'user',
      subjectId: user?.id ?? '00000000-0000-0000-0000-000000000000',
      diff: { email: { to: data.email }, ip: { to: client.ip }, trustedDevice: { to: Boolean(device) } },
    });
    throw new AppError('rate_limited', 'Too many failed logins', undefined, {
      'Retry-After': String(Math.ceil(throttle.windowMs / 1000)),
    });
  }
  const valid = await verifyPassword(data.password, user?.passwordHash ?? decoyHash);
  if (!user || !valid) {
    if (user) {
      await scope.recordEvent({
        verb: 'user.login_failed',
        subjectType: 'user',
        subjectId: user.id,
        diff: { ip: { to: client.ip } },
      });
    }
    throw new AppError('invalid_credentials', 'Wrong email or password');
  }
  if (user.status !== 'active') throw new AppError('account_disabled', 'This account is deactivated');
  // A college that logs in through its identity service may turn passwords off; platform
  // administrators keep theirs as the way back in.
  const sso = ssoFromEnvironment ?? (await scope.first(ssoSettings));
  if (sso?.enabled && !sso.passwordLogin && !user.roles.includes('platform_admin')) {
    throw new AppError('password_login_off', 'This college logs in through its identity service');
  }
  const deviceToken =
    device && client.deviceToken ? client.deviceToken : randomBytes(32).toString('base64url');
  const { token, expiresAt } = await scope.transaction(async (tx) => {
    const opened = await insertSession(tx, user.id, client, options);
    // The owner's own failures from this address are forgiven; guesses from elsewhere still count.
    await tx.deleteRaw(
      loginFailures,
      and(eq(loginFailures.email, data.email), eq(loginFailures.ip, client.ip))!,
    );
    if (device) {
      await tx.updateRaw(trustedDevices, eq(trustedDevices.tokenHash, device.tokenHash), {
        lastUsedAt: new Date(),
      });
    } else {
      await tx.insertRaw(trustedDevices, { tokenHash: hashToken(deviceToken), userId: user.id });
      const kept = await tx.select(trustedDevices, {
        where: eq(trustedDevices.userId, user.id),
        orderBy: [desc(trustedDevices.lastUsedAt)],
        offset: devicesPerUser,
        limit: 100,
      });
      for (const old of kept) await tx.deleteRaw(trustedDevices, eq(trustedDevices.tokenHash, old.tokenHash));
    }
    await tx.as({ id: user.id, name: user.name, requestId: scope.actor.requestId ?? null }).recordEvent({
      verb: 'user.logged_in',
      subjectType: 'user',
      subjectId: user.id,
      diff: { ip: { to: client.ip }, newDevice: { to: !device } },
    });
    return opened;
  });
  return { token, user: toUserOutput(user), expiresAt, deviceToken };
}

/** Opens a session for a user (a new random token; only its hash is kept) and notes the login time. */
/** What single logout needs of a session opened through the identity service. */
export interface SsoSessionLink {
  /** The OpenID Connect ID token (the hint for RP-initiated logout). */
  idToken?: string;
  /** The CAS service ticket (what a CAS logout request names as its SessionIndex); its hash once stored. */
  ticket?: string;
}

async function insertSession(
  tx: TenantScope,
  userId: string,
  client: { ip: string; userAgent: string | null },
  options: SessionOptions,
  sso: SsoSessionLink = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + options.ttlHours * 3_600_000);
  await tx.insertRaw(sessions, {
    tokenHash: hashToken(token),
    userId,
    expiresAt,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
    ssoIdToken: sso.idToken ?? null,
    // Kept hashed: a ticket shows in the callback address (logs, history), and it ends the session.
    ssoTicket: sso.ticket ? hashToken(sso.ticket) : null,
  });
  await tx.updateRaw(users, eq(users.id, userId), { lastLoginAt: new Date() });
  return { token, expiresAt };
}

/**
 * Logs in a person the college's identity service vouched for: found by e-mail or employee number,
 * or, where the college allows it, created as a viewer. Refused when unknown or deactivated. The
 * login is on the person's audit trail with the service that vouched for them.
 */
export async function logInThroughSso(
  scope: TenantScope,
  identity: { by: 'email' | 'employee_number'; value: string; email: string | null; name: string | null },
  policy: { createUsers: boolean; service: string },
  client: { ip: string; userAgent: string | null },
  options: SessionOptions,
  link: SsoSessionLink = {},
): Promise<{ token: string; expiresAt: Date; user: UserOutput }> {
  const value = identity.value.trim();
  const match =
    identity.by === 'email'
      ? sql`lower(${users.email}) = ${value.toLowerCase()}`
      : eq(users.employeeNumber, value);
  let user = value ? await scope.first(users, match) : undefined;
  if (!user) {
    if (!policy.createUsers || !identity.email)
      throw new AppError('sso_unknown_user', 'No Concord user for this identity');
    user = await scope.asSystem().create(users, 'user', {
      id: newId(),
      email: identity.email.toLowerCase(),
      name: identity.name?.trim() || identity.email,
      passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
      roles: ['viewer'],
      employeeNumber: identity.by === 'employee_number' ? value : null,
    });
  }
  if (user.status !== 'active') throw new AppError('account_disabled', 'This account is deactivated');
  const found = user;
  const opened = await scope.transaction(async (tx) => {
    const session = await insertSession(tx, found.id, client, options, link);
    await tx.as({ id: found.id, name: found.name, requestId: scope.actor.requestId ?? null }).recordEvent({
      verb: 'user.logged_in',
      subjectType: 'user',
      subjectId: found.id,
      diff: { ip: { to: client.ip }, through: { to: policy.service } },
    });
    return session;
  });
  return { ...opened, user: toUserOutput(found) };
}

/** The user behind a session token, if the session is valid; refreshes its last-seen time. */
export async function findSessionUser(
  scope: TenantScope,
  token: string,
  options: SessionOptions,
): Promise<SessionUser | null> {
  const tokenHash = hashToken(token);
  const session = await scope.first(sessions, eq(sessions.tokenHash, tokenHash));
  if (!session) return null;
  const now = Date.now();
  if (
    session.expiresAt.getTime() <= now ||
    session.lastSeenAt.getTime() + options.idleHours * 3_600_000 <= now
  ) {
    await scope.deleteRaw(sessions, eq(sessions.tokenHash, tokenHash));
    return null;
  }
  const user = await scope.first(users, eq(users.id, session.userId));
  if (user?.status !== 'active') return null;
  if (now - session.lastSeenAt.getTime() > 60_000) {
    await scope.updateRaw(sessions, eq(sessions.tokenHash, tokenHash), { lastSeenAt: new Date(now) });
  }
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    orgUnitIds: user.orgUnitIds,
    locale: user.locale,
    tokenHash,
  };
}

/** The caller's own live sessions, the most recently used first. */
export async function listOwnSessions(
  scope: TenantScope,
  own: { id: string; tokenHash: string },
): Promise<OwnSession[]> {
  const rows = await scope.select(sessions, {
    where: and(eq(sessions.userId, own.id), gt(sessions.expiresAt, new Date())),
    orderBy: [desc(sessions.lastSeenAt)],
    limit: 100,
  });
  return rows.map((r) => ({
    id: r.tokenHash.slice(0, 16),
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    ip: r.ip,
    userAgent: r.userAgent,
    current: r.tokenHash === own.tokenHash,
  }));
}

/**
 * Ends sessions of one's own, either one (by its id) or every one but the current ("log out everywhere
 * else"). Returns how many ended; the audit log records it.
 */
export async function endOwnSessions(
  scope: TenantScope,
  own: { id: string; tokenHash: string },
  which: { id: string } | 'others',
): Promise<number> {
  const ended = await scope.deleteRaw(
    sessions,
    and(
      eq(sessions.userId, own.id),
      which === 'others'
        ? sql`${sessions.tokenHash} <> ${own.tokenHash}`
        : sql`left(${sessions.tokenHash}, 16) = ${which.id}`,
    )!,
  );
  if (which !== 'others' && ended === 0) throw new AppError('not_found', 'No such session');
  await scope.recordEvent({
    verb: 'user.sessions_ended',
    subjectType: 'user',
    subjectId: own.id,
    diff: { sessions: { to: ended }, which: { to: which === 'others' ? 'others' : 'one' } },
  });
  return ended;
}

/** Ends one session. */
/** Ends a session; answers what single logout needs of it (nothing for a password login). */
export async function logOut(scope: TenantScope, tokenHash: string): Promise<SsoSessionLink> {
  const session = await scope.first(sessions, eq(sessions.tokenHash, tokenHash));
  await scope.deleteRaw(sessions, eq(sessions.tokenHash, tokenHash));
  return { idToken: session?.ssoIdToken ?? undefined, ticket: session?.ssoTicket ?? undefined };
}

/** Ends the sessions a CAS login opened with this service ticket (a CAS logout request); answers how many. */
export async function endSessionsOfTicket(scope: TenantScope, ticket: string): Promise<number> {
  return scope.deleteRaw(sessions, eq(sessions.ssoTicket, hashToken(ticket)));
}

/** Removes expired sessions and old login failures of a tenant (a periodic job). */
export async function purgeExpiredSessions(scope: TenantScope): Promise<number> {
  const removed = await scope.deleteRaw(sessions, lt(sessions.expiresAt, new Date()));
  await scope.deleteRaw(loginFailures, lt(loginFailures.failedAt, new Date(Date.now() - throttle.windowMs)));
  return removed;
}

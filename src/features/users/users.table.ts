import { sql } from 'drizzle-orm';
import {
  bigserial,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { tenants } from '../tenants/tenants.table.ts';

/** A person who logs in to the admin; roles are granted per tenant. */
export const users = pgTable(
  'users',
  {
    ...recordColumns(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    /** The departments a department liaison works for; their records are the only ones they see. */
    orgUnitIds: uuid('org_unit_ids').array().notNull().default(sql`'{}'::uuid[]`),
    locale: text('locale', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    status: text('status', { enum: ['active', 'deactivated'] })
      .notNull()
      .default('active'),
    /** The employee number (工号) the college's identity service knows the person by. */
    employeeNumber: text('employee_number'),
    /** E-mail reminders: each as it falls due, a weekly digest, or none. */
    reminderMode: text('reminder_mode', { enum: ['each', 'weekly', 'off'] })
      .notNull()
      .default('each'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex('users_tenant_email_key').on(t.tenantId, sql`lower(${t.email})`),
    uniqueIndex('users_employee_number_uq')
      .on(t.tenantId, t.employeeNumber)
      .where(sql`employee_number is not null`),
  ],
);

/** A login session; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tenantId: uuid('tenant_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** For single logout: the ID token of an OpenID Connect login (its hint at the identity service). */
    ssoIdToken: text('sso_id_token'),
    /** For single logout: the service ticket of a CAS login (what a CAS logout request names). */
    ssoTicket: text('sso_ticket'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.tokenHash] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete(
      'cascade',
    ),
    index('sessions_user_idx').on(t.tenantId, t.userId),
    index('sessions_expires_idx').on(t.expiresAt),
    index('sessions_sso_ticket_idx').on(t.tenantId, t.ssoTicket),
  ],
);

/** Failed logins, counted per account and per address to throttle guessing. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    tenantId: uuid('tenant_id').notNull(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Keyed by college first, as every tenant table (see docs/decisions/0005-sharding-on-citus.md).
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('login_failures_account_idx').on(t.tenantId, t.email, t.failedAt),
    index('login_failures_ip_idx').on(t.tenantId, t.ip, t.failedAt),
  ],
);

/**
 * A browser a user has logged in from: its cookie holds a random token, the table its SHA-256. A
 * known browser is not held back by the limits that guessing from elsewhere sets off, so nobody can
 * lock the owner out by failing logins in their name.
 */
export const trustedDevices = pgTable(
  'trusted_devices',
  {
    tenantId: uuid('tenant_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.tokenHash] }),
    index('trusted_devices_user_idx').on(t.tenantId, t.userId, t.lastUsedAt),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete(
      'cascade',
    ),
  ],
);

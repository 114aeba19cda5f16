import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';

/**
 * A college's single sign-on through its unified identity service (统一身份认证), one row per
 * college: OpenID Connect (issuer, client) or CAS (server, version); how people are matched to Concord users; whether
 * an unknown identity becomes a viewer; whether the password form stays.
 */
export const ssoSettings = pgTable(
  'sso_settings',
  {
    ...recordColumns(),
    enabled: boolean('enabled').notNull().default(false),
    protocol: text('protocol', { enum: ['oidc', 'cas'] })
      .notNull()
      .default('oidc'),
    /** The button's words: "Log in with <name>". */
    nameZh: text('name_zh').notNull().default('统一身份认证'),
    nameEn: text('name_en').notNull().default('the college identity service'),
    issuer: text('issuer').notNull().default(''),
    clientId: text('client_id').notNull().default(''),
    clientSecret: text('client_secret').notNull().default(''),
    /** CAS: the server's base address (`…/cas`), and the protocol version (3 adds attributes). */
    casServerUrl: text('cas_server_url').notNull().default(''),
    casVersion: text('cas_version', { enum: ['2', '3'] })
      .notNull()
      .default('3'),
    /** Which claim identifies a person: their e-mail, or their employee number (工号). */
    matchBy: text('match_by', { enum: ['email', 'employee_number'] })
      .notNull()
      .default('email'),
    /** The claim holding the employee number, where `matchBy` is `employee_number`. */
    employeeNumberClaim: text('employee_number_claim').notNull().default('employee_number'),
    createUsers: boolean('create_users').notNull().default(false),
    passwordLogin: boolean('password_login').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('sso_settings_tenant_uq').on(t.tenantId)],
);

/** A login on its way through the identity service: checked once when it comes back, then gone. */
export const ssoLogins = pgTable(
  'sso_logins',
  {
    ...recordColumns(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    /** Where to go after the login: an admin path only. */
    next: text('next').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('sso_logins_state_uq').on(t.tenantId, t.state),
    index('sso_logins_expiry_idx').on(t.tenantId, t.expiresAt),
  ],
);

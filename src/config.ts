import { z } from 'zod';

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    /**
     * A streaming replica of `DATABASE_URL` for anonymous public reads (pages, feeds, sitemaps, search);
     * the admin, every logged-in person and every write use the primary.
     */
    DATABASE_READ_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    /** Beyond this lag behind the primary, public reads go to the primary until the replica catches up. */
    READ_MAX_LAG_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
    /** Memory for rendered public pages, in MB (0: render every request, e.g. to measure). */
    PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PUBLIC_URL: z.url().optional(),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24 * 7),
    SESSION_IDLE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    TRUST_PROXY: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    /** Where the server writes its scheduled backups; none are taken when unset. */
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_EVERY_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    /** How many scheduled backups are kept (the oldest go). */
    BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
    /** The mail server reminders go through (`smtps://user:pass@host:465` or `smtp://host:587`); none are sent when unset. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    /** For `smtp://`: refuse to send unless the server upgrades the connection to TLS (STARTTLS). */
    SMTP_REQUIRE_TLS: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
    /** The sender of reminders, e.g. `Concord <concord@college.edu.cn>`. */
    MAIL_FROM: z.string().min(3).default('Concord <concord@localhost>'),
    /**
     * Single sign-on for the default college, set by the deployment instead of its administrator:
     * `oidc` or `cas` turns it on (the settings screen then shows it, read-only).
     */
    SSO_PROTOCOL: z.enum(['oidc', 'cas']).optional(),
    SSO_NAME_ZH: z.string().trim().min(1).max(100).default('统一身份认证'),
    SSO_NAME_EN: z.string().trim().min(1).max(100).default('the college identity service'),
    SSO_OIDC_ISSUER: z.url().max(500).optional(),
    SSO_OIDC_CLIENT_ID: z.string().trim().min(1).max(200).optional(),
    SSO_OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
    SSO_CAS_URL: z.url().max(500).optional(),
    SSO_CAS_VERSION: z.enum(['2', '3']).default('3'),
    SSO_MATCH_BY: z.enum(['email', 'employee_number']).default('email'),
    SSO_EMPLOYEE_NUMBER_CLAIM: z
      .string()
      .regex(/^[A-Za-z0-9_:.-]{1,100}$/)
      .default('employee_number'),
    SSO_CREATE_USERS: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    SSO_PASSWORD_LOGIN: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
    JOBS: z
      .enum(['on', 'off'])
      .default('on')
      .transform((v) => v === 'on'),
  })
  .superRefine((v, ctx) => {
    if (v.DATABASE_READ_URL && !v.DATABASE_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_READ_URL'],
        message: 'needs DATABASE_URL (the primary)',
      });
    if (v.SSO_PROTOCOL === 'oidc') {
      for (const key of ['SSO_OIDC_ISSUER', 'SSO_OIDC_CLIENT_ID', 'SSO_OIDC_CLIENT_SECRET'] as const)
        if (!v[key])
          ctx.addIssue({ code: 'custom', path: [key], message: 'required when SSO_PROTOCOL=oidc' });
    }
    if (v.SSO_PROTOCOL === 'cas' && !v.SSO_CAS_URL)
      ctx.addIssue({ code: 'custom', path: ['SSO_CAS_URL'], message: 'required when SSO_PROTOCOL=cas' });
  });

export type Config = Readonly<z.infer<typeof configSchema>>;

/** Raised when the environment holds a value Concord cannot start with. */
export class ConfigError extends Error {}

/** Parses the environment once into a frozen, typed configuration; a wrong value names itself. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = i.path.join('.');
      const raw = env[name];
      // Never print credentials: a connection string loses its user and password.
      const value = /SECRET/.test(name) ? '***' : raw?.replace(/\/\/[^@/]*@/, '//***@');
      return `  ${name}=${JSON.stringify(value)}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}

import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';

/** What a college administrator sets for single sign-on; the secret, when left out, is kept. */
export const ssoSettingsInputSchema = z
  .object({
    /** Required once the settings were saved: the version read, for conflicts. */
    version: z.number().int().min(1).optional(),
    enabled: z.boolean(),
    protocol: z.enum(['oidc', 'cas']).default('oidc'),
    nameZh: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().min(1).max(100),
    issuer: z.union([z.literal(''), z.url().max(500)]),
    clientId: z.string().trim().max(200),
    clientSecret: z.string().max(500).optional(),
    casServerUrl: z.union([z.literal(''), z.url().max(500)]).default(''),
    casVersion: z.enum(['2', '3']).default('3'),
    matchBy: z.enum(['email', 'employee_number']),
    employeeNumberClaim: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_:.-]{1,100}$/)
      .meta({ examples: ['employee_number'] }),
    createUsers: z.boolean(),
    passwordLogin: z.boolean(),
  })
  .refine((v) => !v.enabled || v.protocol !== 'oidc' || (v.issuer !== '' && v.clientId !== ''), {
    message: 'An identity service needs its issuer and client id',
    path: ['issuer'],
  })
  .refine((v) => !v.enabled || v.protocol !== 'cas' || v.casServerUrl !== '', {
    message: 'A CAS server needs its address',
    path: ['casServerUrl'],
  })
  .refine((v) => v.passwordLogin || v.enabled, {
    message: 'Keep the password form while single sign-on is off',
    path: ['passwordLogin'],
  })
  .meta({
    examples: [
      {
        enabled: true,
        protocol: 'oidc',
        nameZh: '统一身份认证',
        nameEn: 'the college identity service',
        issuer: 'https://ids.college.edu.cn/oidc',
        clientId: 'concord',
        clientSecret: 'the-secret-the-identity-service-gave',
        casServerUrl: '',
        casVersion: '3',
        matchBy: 'employee_number',
        employeeNumberClaim: 'employee_number',
        createUsers: false,
        passwordLogin: true,
      },
    ],
  });
export type SsoSettingsInput = z.input<typeof ssoSettingsInputSchema>;

export const ssoSettingsOutputSchema = z.object({
  version: z.number().int(),
  enabled: z.boolean(),
  protocol: z.enum(['oidc', 'cas']),
  nameZh: z.string(),
  nameEn: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  /** Whether a client secret is stored (it is never sent back). */
  hasClientSecret: z.boolean(),
  casServerUrl: z.string(),
  casVersion: z.enum(['2', '3']),
  matchBy: z.enum(['email', 'employee_number']),
  employeeNumberClaim: z.string(),
  createUsers: z.boolean(),
  passwordLogin: z.boolean(),
  /** The address to register at the identity service as this college's redirect URI. */
  redirectPath: z.string(),
  /** Set by the deployment (`SSO_*` in the environment) for the default college: read-only here. */
  fromEnvironment: z.boolean(),
});
export type SsoSettingsOutput = z.infer<typeof ssoSettingsOutputSchema>;

/** What the login page shows: the identity service's button, and whether the password form stays. */
export const loginOptionsSchema = z.object({
  sso: z.object({ nameZh: z.string(), nameEn: z.string() }).nullable(),
  passwordLogin: z.boolean(),
});

const base = '/api/sso';

/** Single sign-on through the college's identity service. */
export const ssoOperations = {
  options: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/options',
    access: 'public',
    summary: "How the college's login page offers to log in (its identity service, the password form)",
    response: loginOptionsSchema,
  }),
  getSettings: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/settings',
    access: 'settings.manage',
    summary: "The college's single sign-on settings (never the client secret)",
    response: ssoSettingsOutputSchema,
  }),
  updateSettings: defineOperation({
    basePath: base,
    method: 'PATCH',
    path: '/settings',
    access: 'settings.manage',
    summary: "Change the college's single sign-on (send the version read once saved)",
    body: ssoSettingsInputSchema,
    response: ssoSettingsOutputSchema,
  }),
  login: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/login',
    access: 'public',
    summary:
      "Start a login at the college's identity service (a redirect; `next` is an admin path to return to)",
    query: z.object({ next: z.string().max(500).optional() }),
  }),
  callback: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/callback',
    access: 'public',
    summary:
      'Where the identity service returns: the code is redeemed once and the ID token checked; then a session',
  }),
  casLogout: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/callback',
    access: 'public',
    summary:
      'A CAS logout request (form field `logoutRequest`, posted by the CAS server): ends the sessions its ticket opened',
  }),
};

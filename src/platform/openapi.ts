import { z } from 'zod';
import { sampleOf } from './openapi-examples.ts';
import type { RouteSpec } from './routes.ts';

function toSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * A stable operation id from the method and path: `GET /api/engagements/:id/history` →
 * `getEngagementsByIdHistory`. Clients generated from the document keep their names across releases.
 */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/?/, '')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => (segment.startsWith(':') ? ['by', segment.slice(1)] : segment.split(/[-.]/)));
  const camel = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return `${method.toLowerCase()}${camel || 'Root'}`;
}

/** What each group of operations is about, for readers of the document. */
const tagDescriptions: Record<string, string> = {
  docs: 'This description of the API',
  agreements: 'Cooperation agreements: parties, status, files and expiry',
  articles: 'News articles: drafts, review, publication, revisions and search',
  audit: 'The audit log of every change and security event',
  auth: 'Logging in and out, one’s own account and sessions',
  channels: 'Channels of the public news site',
  colleges: 'The colleges of this deployment (platform administrators)',
  commitments: 'Follow-up commitments: owners, due dates, the board and reminders',
  engagements: 'Visits, meetings and other engagements with partners, and their outcomes',
  facilities: 'Training bases and other facilities',
  imports: 'News archive and spreadsheet imports',
  majors: 'The majors of the college',
  media: 'Images and their renditions',
  'org-units': 'Schools, departments and offices of the college',
  organizations: 'The partner registry: enterprises, government bodies and schools',
  people: 'People of partners and of the college, with their posts',
  programs: 'Cooperation programs, milestones and yearly figures',
  proposals: 'Engagements proposed from news articles, for review',
  reports: 'Dashboard, yearly figures, ledgers and exports',
  users: 'Staff accounts and roles',
};

const errorRef = { $ref: '#/components/responses/Error' };

/** The error answers a route can give, each with the one error shape. */
function errorResponses(spec: RouteSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const writes = spec.method !== 'GET';
  if (spec.body || spec.query || writes) out['400'] = errorRef;
  if (spec.access !== 'public') out['401'] = errorRef;
  if (spec.access !== 'public' && spec.access !== 'authenticated') out['403'] = errorRef;
  if (spec.path.includes('/:')) out['404'] = errorRef;
  if (writes) {
    out['409'] = errorRef;
    out['413'] = errorRef;
  }
  if (spec.path === '/api/auth/login') out['429'] = errorRef;
  // Any request can be refused for headers or an address too long to read.
  if (Object.keys(out).length === 0) out['431'] = errorRef;
  return out;
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable code, e.g. validation_failed, not_found, conflict' },
        message: { type: 'string', description: "In the caller's language (Accept-Language)" },
        details: {
          description: 'Per-field problems of a validation error, or the request id of an internal one',
          oneOf: [
            {
              type: 'array',
              items: {
                type: 'object',
                required: ['path', 'code', 'message'],
                properties: {
                  path: { type: 'string' },
                  code: { type: 'string' },
                  message: { type: 'string' },
                },
              },
            },
            { type: 'object', properties: { requestId: { type: 'string' } } },
            { type: 'null' },
          ],
        },
      },
    },
  },
};

/** Builds the OpenAPI 3.1 document from the declared routes and their zod schemas. */
export function buildOpenApi(specs: readonly RouteSpec[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    const params = [...spec.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = spec.query ? toSchema(spec.query, 'input') : undefined;
    const queryExample = (query ? sampleOf(query) : undefined) as Record<string, unknown> | undefined;
    const queryParams = Object.entries((query?.properties as Record<string, unknown>) ?? {}).map(
      ([name, schema]) => ({
        name,
        in: 'query',
        required: ((query?.required as string[]) ?? []).includes(name),
        schema,
        ...(queryExample?.[name] !== undefined ? { example: queryExample[name] } : {}),
      }),
    );
    const body = spec.body ? toSchema(spec.body, 'input') : undefined;
    const response = spec.response ? toSchema(spec.response, 'output') : undefined;
    const bodyExample = body ? sampleOf(body) : undefined;
    const responseExample = response ? sampleOf(response) : undefined;
    paths[path] ??= {};
    paths[path][spec.method.toLowerCase()] = {
      operationId: operationIdOf(spec.method, spec.path),
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.access === 'public' ? { security: [] } : {}),
      'x-access': spec.access,
      parameters: [...params, ...queryParams],
      ...(body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: body,
                  ...(bodyExample !== undefined ? { example: bodyExample } : {}),
                },
              },
            },
          }
        : {}),
      responses: {
        '200': {
          description: 'OK',
          ...(response
            ? {
                content: {
                  'application/json': {
                    schema: response,
                    ...(responseExample !== undefined ? { example: responseExample } : {}),
                  },
                },
              }
            : {}),
        },
        ...errorResponses(spec),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Concord API',
      version: '1',
      description:
        "A college's cooperation records and news desk. Log in with POST /api/auth/login (the session is a cookie); send Accept-Language for messages in Chinese (zh-CN) or English (en). Writes from a browser need an Origin of the college's own host.",
      license: { name: 'UNLICENSED', identifier: 'LicenseRef-Concord' },
    },
    servers: [{ url: '/', description: "This deployment, at the college's host name" }],
    tags: [...new Set(specs.map((s) => s.tag))]
      .sort()
      .map((name) => ({ name, description: tagDescriptions[name] ?? name })),
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'concord_session' } },
      schemas: { Error: errorSchema },
      responses: {
        Error: {
          description: 'Refused: `{ "error": { "code", "message", "details" } }`',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
    security: [{ session: [] }],
    paths,
  };
}

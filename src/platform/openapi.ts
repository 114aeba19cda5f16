import { z } from 'zod';
import type { RouteSpec } from './routes.ts';

function toSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return {};
  }
}

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
    const queryParams = Object.entries((query?.properties as Record<string, unknown>) ?? {}).map(
      ([name, schema]) => ({
        name,
        in: 'query',
        required: ((query?.required as string[]) ?? []).includes(name),
        schema,
      }),
    );
    paths[path] ??= {};
    paths[path][spec.method.toLowerCase()] = {
      summary: spec.summary,
      tags: [spec.tag],
      'x-access': spec.access,
      parameters: [...params, ...queryParams],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(spec.body, 'input') } },
            },
          }
        : {}),
      responses: {
        '200': {
          description: 'OK',
          ...(spec.response
            ? { content: { 'application/json': { schema: toSchema(spec.response, 'output') } } }
            : {}),
        },
        default: { description: 'Error: `{ "error": { "code", "message", "details" } }`' },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Concord API', version: '1' },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'concord_session' } },
    },
    security: [{ session: [] }],
    paths,
  };
}

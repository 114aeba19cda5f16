import type { Context } from 'hono';
import { Hono } from 'hono';
import type { z } from 'zod';
import type { Access, Method } from './api-operation.ts';
import type { AppEnv } from './context.ts';
import { AppError } from './errors.ts';
import { can } from './permissions.ts';
import { parseInput } from './validation.ts';

export type { Access, Method };

/** What a route declares about itself; also the source of the OpenAPI document. */
export interface RouteSpec {
  method: Method;
  path: string;
  access: Access;
  summary: string;
  tag: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The shape of a JSON answer, for documentation. */
  response?: z.ZodType;
}

type Handler = (c: Context<AppEnv>) => Response | Promise<Response>;

/** A feature's routes: a Hono sub-app plus the declared specs, mounted by `app.ts`. */
export interface RouteGroup {
  basePath: string;
  app: Hono<AppEnv>;
  specs: RouteSpec[];
}

/** Refuses the request unless the caller may access the route. */
export function assertAccess(c: Context<AppEnv>, access: Access): void {
  if (access === 'public') return;
  const user = c.get('user');
  if (!user) throw new AppError('unauthenticated', 'Log in first');
  if (access === 'authenticated') return;
  if (!can(user.roles, access)) throw new AppError('forbidden', `Requires ${access}`);
}

/**
 * Declares a feature's routes. A route can only be added with its access rule, so no route
 * without a declared permission can exist; a test enumerates the app's routes against the specs.
 */
export function defineRoutes(
  basePath: string,
  tag: string,
  build: (
    route: (
      spec: Omit<RouteSpec, 'path' | 'tag'> & { path: string; basePath?: string },
      handler: Handler,
    ) => void,
  ) => void,
): RouteGroup {
  const app = new Hono<AppEnv>();
  const specs: RouteSpec[] = [];
  build(({ basePath: declared, ...spec }, handler) => {
    // An operation declared beside the schemas names its base path: it must be this group's.
    if (declared !== undefined && declared !== basePath)
      throw new Error(`${spec.method} ${declared}${spec.path} served under ${basePath}`);
    const full: RouteSpec = { ...spec, tag, path: `${basePath}${spec.path === '/' ? '' : spec.path}` };
    specs.push(full);
    app.on(spec.method, spec.path, async (c) => {
      assertAccess(c, spec.access);
      return handler(c);
    });
  });
  return { basePath, app, specs };
}

/** Reads and validates the JSON body; a body that is not JSON is a validation error, not a crash. */
export async function readBody<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new AppError('bad_request', 'The body must be JSON', [
      { path: '', code: 'invalid_type', message: 'Expected a JSON body' },
    ]);
  }
  refuseNulCharacters(raw, '');
  return parseInput(schema, raw);
}

/** JSON nested deeper than this is refused: no input of the API needs more, and deeper walks cost stack. */
const maxDepth = 64;

/**
 * Refuses text carrying a NUL character (U+0000) with a field error: no field means one, and the
 * database cannot store it in text (it answered such input with a 500 before). Walks without
 * recursion and refuses nesting deeper than any input needs, so hostile JSON cannot exhaust the stack.
 */
function refuseNulCharacters(input: unknown, root: string): void {
  const stack: [unknown, string, number][] = [[input, root, 0]];
  while (stack.length) {
    const [value, path, depth] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        const message = 'Text must not contain the NUL character';
        throw new AppError('validation_failed', message, [{ path, code: 'invalid_characters', message }]);
      }
    } else if (value && typeof value === 'object') {
      if (depth >= maxDepth) {
        const message = `Nested deeper than ${maxDepth} levels`;
        throw new AppError('validation_failed', message, [{ path, code: 'invalid_value', message }]);
      }
      for (const [key, item] of Object.entries(value)) {
        stack.push([key, path, depth + 1]);
        stack.push([item, path ? `${path}.${key}` : key, depth + 1]);
      }
    }
  }
}

/** Reads and validates the query string. */
export function readQuery<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.output<S> {
  const query = c.req.query();
  refuseNulCharacters(query, '');
  return parseInput(schema, query);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a uuid path parameter; anything else is simply not found. */
export function readIdParam(c: Context<AppEnv>, name = 'id'): string {
  const value = c.req.param(name);
  if (!value || !uuidPattern.test(value)) throw new AppError('not_found', `No record ${value ?? ''}`);
  return value.toLowerCase();
}

import type { Context } from 'hono';
import { Hono } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from './context.ts';
import { AppError } from './errors.ts';
import { can, type Permission } from './permissions.ts';
import { parseInput } from './validation.ts';

/** Who may call a route: anyone, any logged-in user, or holders of a permission. */
export type Access = 'public' | 'authenticated' | Permission;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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
    route: (spec: Omit<RouteSpec, 'path' | 'tag'> & { path: string }, handler: Handler) => void,
  ) => void,
): RouteGroup {
  const app = new Hono<AppEnv>();
  const specs: RouteSpec[] = [];
  build((spec, handler) => {
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
  return parseInput(schema, raw);
}

/** Reads and validates the query string. */
export function readQuery<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.output<S> {
  return parseInput(schema, c.req.query());
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a uuid path parameter; anything else is simply not found. */
export function readIdParam(c: Context<AppEnv>, name = 'id'): string {
  const value = c.req.param(name);
  if (!value || !uuidPattern.test(value)) throw new AppError('not_found', `No record ${value ?? ''}`);
  return value.toLowerCase();
}

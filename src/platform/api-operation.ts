import type { z } from 'zod';
import type { Permission } from './permissions.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Who may call an operation: anyone, any logged-in user of the college, or a permission. */
export type Access = 'public' | 'authenticated' | Permission;

/**
 * One API operation as the server serves it and the admin calls it: where it is, who may call it,
 * and the zod schemas of its query, body and answer. Declared once, beside the schemas (in a
 * feature's `*.schema.ts`, which the browser may import); the feature's routes serve it
 * (`route(operation, handler)`) and the admin's typed client calls it (`src/admin/api.ts`), so the
 * answer type the admin reads is the schema the server documents.
 */
export interface Operation {
  basePath: string;
  method: Method;
  /** After the base path: `/`, `/:id`, `/:id/history`. */
  path: string;
  access: Access;
  summary: string;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
}

/** Declares an operation, keeping its exact schema types for the typed client. */
export function defineOperation<const O extends Operation>(operation: O): O {
  return operation;
}

/** The names of an operation path's parameters: `/:id/files/:fileId` → `'id' | 'fileId'`. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

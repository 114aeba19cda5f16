import type { z } from 'zod';
import type { Operation, PathParams } from '../platform/api-operation.ts';
import { callApi, withQuery } from './api-client.ts';

/** `GET /api/organizations/:id/history`: an operation's method and full path, as the typed client names it. */
type KeyOf<O extends Operation> = `${O['method']} ${O['basePath']}${O['path'] extends '/' ? '' : O['path']}`;
/** A group of operations keyed by method and path. */
export type OperationMap<Ops extends Record<string, Operation>> = {
  [K in keyof Ops as KeyOf<Ops[K]>]: Ops[K];
};

/**
 * Each feature registers its declared operations here from its admin folder (`admin/<feature>.api.ts`,
 * `declare module` on this file), importing their types only: the schemas stay on the server side
 * of the bundle, so a screen does not load zod to call the API.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each feature's declaration
export interface OperationRegistry {}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** Every registered operation, by its method and path. */
export type Operations = UnionToIntersection<OperationRegistry[keyof OperationRegistry]>;
export type OperationKey = keyof Operations & string;

/** What an operation answers, read from the schema the server documents it with. */
export type AnswerOf<K extends OperationKey> = Operations[K] extends { response: infer R extends z.ZodType }
  ? z.output<R>
  : unknown;

type Parts<K extends OperationKey> = Operations[K];
type ParamsOf<O extends Operation> = [PathParams<O['path']>] extends [never]
  ? { params?: undefined }
  : { params: Record<PathParams<O['path']>, string> };
type QueryOf<O extends Operation> = O['query'] extends z.ZodType
  ? { query?: z.input<O['query']> }
  : { query?: undefined };
type BodyOf<O extends Operation> = O['body'] extends z.ZodType
  ? { body: z.input<O['body']> }
  : { body?: undefined };

/** The path parameters, query and body of a call, each typed by the operation's schemas. */
export type CallInput<K extends OperationKey> = ParamsOf<Parts<K>> & QueryOf<Parts<K>> & BodyOf<Parts<K>>;

type NeedsInput<K extends OperationKey> = [PathParams<Parts<K>['path']>] extends [never]
  ? Parts<K> extends { body: z.ZodType }
    ? true
    : false
  : true;

/**
 * Calls an API operation declared beside the schemas (`defineOperation`) by its method and path:
 * the path parameters, query and body checked by the compiler against the operation's input
 * schemas, the answer typed by its response schema. No answer type is asserted by hand.
 */
export function api<K extends OperationKey>(
  key: K,
  ...[input]: NeedsInput<K> extends true ? [input: CallInput<K>] : [input?: CallInput<K>]
): Promise<AnswerOf<K>> {
  const [method, template] = key.split(' ') as [Operation['method'], string];
  const params = (input?.params ?? {}) as Record<string, string>;
  const path = template.replace(/^\/api/, '').replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const query = input?.query as Record<string, string | number | null | undefined> | undefined;
  return callApi<AnswerOf<K>>(method, query ? withQuery(path, query) : path, input?.body);
}

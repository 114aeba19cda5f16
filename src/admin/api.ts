import type { z } from 'zod';
import type { organizationOperations } from '../features/organizations/organizations.schema.ts';
import type { partnerOperations } from '../features/partnerships/partnerships.schema.ts';
import type { Operation, PathParams } from '../platform/api-operation.ts';
import { callApi, withQuery } from './api-client.ts';

/** `GET /api/organizations/:id/history`: an operation's method and full path, as the typed client names it. */
type KeyOf<O extends Operation> = `${O['method']} ${O['basePath']}${O['path'] extends '/' ? '' : O['path']}`;
type OperationMap<Ops extends Record<string, Operation>> = { [K in keyof Ops as KeyOf<Ops[K]>]: Ops[K] };

/**
 * The operations the admin calls through the typed client, by their method and path. Only their
 * types are imported: the schemas stay on the server side of the bundle, so a screen does not load
 * zod to call the API. A feature whose routes serve declared operations is added here.
 */
export type Operations =
  // One line per declared group of operations (keep this list in step with test/architecture.test.ts).
  OperationMap<typeof organizationOperations> & OperationMap<typeof partnerOperations>;
export type OperationKey = keyof Operations;

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

/**
 * Examples for the OpenAPI document, written from each operation's JSON Schema (which the zod
 * schemas produce): a schema's own `examples` or `default` first, else a value of its type that
 * keeps its bounds, formats and patterns. The route tests parse every example with the zod schema
 * it documents, so an example that a request or answer could not really be is a failing test.
 */

type JsonSchema = Record<string, unknown>;

const sampleUuid = '0190f5c2-6b1e-7c3a-9d4f-2a8b6c1e5f70';

/** Strings tried, in order, for a `pattern` without an example: the shapes Concord's codes take. */
const patternCandidates = [
  'C26',
  '2024',
  '2024-05',
  '2024-05-11',
  '14:00',
  '14:00:00',
  'covestro-visit',
  '91310116MA1J8CQ20X',
  '#0b5cad',
  'zh-CN',
  'en',
  'Covestro',
  'ABC-2024-001',
  '1',
];

const formats: Record<string, string> = {
  uuid: sampleUuid,
  guid: sampleUuid,
  email: 'officer@college.example.cn',
  uri: 'https://www.example.cn/',
  url: 'https://www.example.cn/',
  date: '2024-05-11',
  'date-time': '2024-05-11T06:30:00.000Z',
  time: '14:00:00',
  duration: 'P1D',
  ipv4: '192.0.2.10',
  ipv6: '2001:db8::10',
  hostname: 'news.college.example.cn',
};

function sampleString(schema: JsonSchema): string | undefined {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  const fits = (value: string) => value.length >= min && value.length <= max;
  const format = typeof schema.format === 'string' ? formats[schema.format] : undefined;
  if (format && fits(format)) return format;
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern, 'u');
    return patternCandidates.find((candidate) => pattern.test(candidate) && fits(candidate));
  }
  const word = 'Covestro';
  if (fits(word)) return word;
  return 'x'.repeat(Math.max(min, 1)).slice(0, max);
}

function sampleNumber(schema: JsonSchema, integer: boolean): number {
  const low =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum + (integer ? 1 : 0.5)
        : undefined;
  const high =
    typeof schema.maximum === 'number'
      ? schema.maximum
      : typeof schema.exclusiveMaximum === 'number'
        ? schema.exclusiveMaximum - (integer ? 1 : 0.5)
        : undefined;
  let value = Math.max(low ?? 1, 1);
  if (high !== undefined && value > high) value = low ?? high;
  return integer ? Math.ceil(value) : value;
}

/** An example value for a JSON Schema, or undefined when none can be made. */
export function sampleOf(schema: unknown, depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > 12) return undefined;
  const s = schema as JsonSchema;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if ('const' in s) return s.const;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = s[key];
    if (Array.isArray(options)) {
      // The first option that is not null: an example shows a value where one may be given.
      const chosen = options.find((o) => (o as JsonSchema)?.type !== 'null') ?? options[0];
      return sampleOf(chosen, depth + 1);
    }
  }
  if (Array.isArray(s.allOf)) {
    const parts = s.allOf.map((part) => sampleOf(part, depth + 1));
    return parts.every((p) => p && typeof p === 'object' && !Array.isArray(p))
      ? Object.assign({}, ...parts)
      : parts[0];
  }
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? s.type[0]) : s.type;
  switch (type) {
    case 'string':
      return sampleString(s);
    case 'integer':
      return sampleNumber(s, true);
    case 'number':
      return sampleNumber(s, false);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      const min = typeof s.minItems === 'number' ? s.minItems : 0;
      const item = sampleOf(s.items, depth + 1);
      if (item === undefined) return min === 0 ? [] : undefined;
      return Array.from({ length: Math.max(min, 1) }, () => item);
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = (s.properties as Record<string, unknown> | undefined) ?? {};
      for (const [name, property] of Object.entries(properties)) {
        const value = sampleOf(property, depth + 1);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    default:
      return undefined;
  }
}

// A small JSON Schema validator for the GeoReport v2 schemas beside it. It knows exactly the
// keywords those schemas use and throws on any other, so a schema can never lean on a keyword
// that is silently ignored. (The ajv that resolves from here is a hoisted dependency of the
// linter, not of the server, so it is not something to build on.)

export type Schema = boolean | { [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'examples']);
const KEYWORDS = new Set([
  '$ref', '$defs', 'type', 'enum', 'const', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum',
  'properties', 'patternProperties', 'additionalProperties', 'required', 'dependentRequired',
  'items', 'minItems', 'maxItems', 'anyOf', 'oneOf', 'not',
]);

export interface SchemaError {
  /** JSON Pointer of the value that failed. */
  path: string;
  message: string;
}

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;
const typeMatches = (want: string, v: unknown) => {
  const t = typeOf(v);
  return want === t || (want === 'number' && t === 'integer');
};
const pointer = (path: string, key: string | number) => `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
// Characters, not UTF-16 units, as JSON Schema counts string length.
const length = (s: string) => [...s].length;

/** Every way `value` fails `schema` (an empty list when it is valid). `$ref` resolves within `root`. */
export function validate(schema: Schema, value: unknown, root: Schema = schema, path = ''): SchemaError[] {
  if (schema === true) return [];
  if (schema === false) return [{ path, message: 'no value is allowed here' }];
  const errors: SchemaError[] = [];
  const fail = (message: string, at = path) => errors.push({ path: at, message });
  const sub = (s: unknown, v: unknown, at: string) => validate(s as Schema, v, root, at);

  for (const k of Object.keys(schema)) if (!KEYWORDS.has(k) && !ANNOTATIONS.has(k)) throw new Error(`unsupported schema keyword ${k} at ${path || '/'}`);
  const s = schema as Record<string, unknown>;

  if (typeof s.$ref === 'string') errors.push(...sub(resolve(root, s.$ref), value, path));
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => typeMatches(t, value))) {
      fail(`must be ${types.join(' or ')}, is ${typeOf(value)}`);
      return errors; // the other keywords would only repeat the mismatch
    }
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => e === value)) fail(`must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  if ('const' in s && s.const !== value) fail(`must be ${JSON.stringify(s.const)}`);

  if (typeof value === 'string') {
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) fail(`must match ${s.pattern}`);
    if (typeof s.minLength === 'number' && length(value) < s.minLength) fail(`must have at least ${s.minLength} characters`);
    if (typeof s.maxLength === 'number' && length(value) > s.maxLength) fail(`must have at most ${s.maxLength} characters`);
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) fail(`must be ≥ ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum) fail(`must be ≤ ${s.maximum}`);
  }

  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, unknown>;
    const patterns = Object.entries((s.patternProperties ?? {}) as Record<string, unknown>).map(([p, ps]) => [new RegExp(p, 'u'), ps] as const);
    for (const name of (s.required ?? []) as string[]) if (!(name in obj)) fail(`${name} is required`);
    for (const [name, needs] of Object.entries((s.dependentRequired ?? {}) as Record<string, string[]>)) {
      if (name in obj) for (const n of needs) if (!(n in obj)) fail(`${n} is required when ${name} is present`);
    }
    for (const [name, v] of Object.entries(obj)) {
      const at = pointer(path, name);
      let known = false;
      if (name in props) {
        known = true;
        errors.push(...sub(props[name], v, at));
      }
      for (const [re, ps] of patterns) {
        if (re.test(name)) {
          known = true;
          errors.push(...sub(ps, v, at));
        }
      }
      if (!known && s.additionalProperties !== undefined) errors.push(...sub(s.additionalProperties, v, at).map((e) => (s.additionalProperties === false ? { path: at, message: `${name} is not allowed` } : e)));
    }
  }

  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) fail(`must have at least ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) fail(`must have at most ${s.maxItems} items`);
    if (s.items !== undefined) value.forEach((v, i) => errors.push(...sub(s.items, v, pointer(path, i))));
  }

  if (Array.isArray(s.anyOf) && !s.anyOf.some((alt) => sub(alt, value, path).length === 0)) fail(`must match at least one of ${s.anyOf.length} alternatives`);
  if (Array.isArray(s.oneOf)) {
    const n = s.oneOf.filter((alt) => sub(alt, value, path).length === 0).length;
    if (n !== 1) fail(`must match exactly one of ${s.oneOf.length} alternatives, matches ${n}`);
  }
  if (s.not !== undefined && sub(s.not, value, path).length === 0) fail('must not match the excluded shape');
  return errors;
}

/** A local reference: `#/$defs/name` (or any JSON Pointer into the root schema). */
export function resolve(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#')) throw new Error(`only local $ref is supported, got ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  if (node === undefined) throw new Error(`$ref ${ref} does not resolve`);
  return node as Schema;
}

import fc from 'fast-check';

/**
 * A small JSON Schema (2020-12 / OpenAPI 3.1 subset) → fast-check arbitrary, for fuzzing the API
 * from its live OpenAPI document. It covers what zod's `toJSONSchema` emits for our contracts:
 * object (properties, required, additionalProperties, propertyNames), string (min/maxLength,
 * pattern, format email/date/date-time/uuid), enum/const, integer/number (min/max, exclusive
 * bounds), boolean, null, array (items, prefixItems, min/maxItems), anyOf/oneOf/allOf, type lists,
 * OpenAPI 3.0 `nullable` and `$ref`.
 *
 * With `junk > 0` every node is, now and then, replaced by a junk value of any type, and objects
 * sometimes lose a required key or gain an unknown one: so one arbitrary yields both valid-looking
 * and invalid inputs.
 */

export type JsonSchema = boolean | JsonSchemaObject;

export interface JsonSchemaObject {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
}

export interface SchemaArbitraryOptions {
  /** Resolves a `$ref` such as `#/components/schemas/X`. */
  resolveRef?: (ref: string) => JsonSchema | undefined;
  /** Weight, out of 20, of replacing any node by junk. 0 gives only schema-conforming values. */
  junk?: number;
  /**
   * Extra values for a named property, mixed in 3 to 1 with the schema's own: e.g. ids or versions
   * seen in responses for `userId` or `version`, so that requests reach real records.
   */
  propertyHint?: (name: string, schema: JsonSchemaObject) => fc.Arbitrary<unknown> | undefined;
  /** Nesting beyond this depth yields `null`. */
  maxDepth?: number;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Strings that have broken servers before: NUL, lone surrogates, SQL/path tricks, huge sizes. */
export const nastyStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '😀',
  '跟单',
  'null',
  'undefined',
  'NaN',
  '0',
  '-1',
  '1e999',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '..',
  '../../../etc/passwd',
  '%00',
  '%',
  '%ZZ',
  "'; drop table users; --",
  "' OR '1'='1",
  '"',
  '\\',
  '\r\n',
  '<script>alert(1)</script>',
  '${7*7}',
  'x'.repeat(257),
  'é'.repeat(5000),
  '0000-00-00',
  '9999-99-99',
  '2024-02-30',
  '-000001-01-01',
];

/** Numbers around the edges of int32, int64, double and JSON. */
export const nastyNumbers: readonly number[] = [
  0,
  -0,
  -1,
  1.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  -(2 ** 53),
  MAX_SAFE,
  1e21,
  1e308,
  -1e308,
  5e-324,
];

/**
 * One character per unit of a schema-conforming string: mostly printable ASCII, sometimes CJK,
 * emoji, quotes or any grapheme; never U+0000, which the API rejects everywhere (junk has it).
 */
const textUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
      .filter((c) => !c.includes('\u0000')),
  },
  { weight: 1, arbitrary: fc.constantFrom('😀', '单', '跟', 'é', '\n', '%', "'", '"', '\\', '\u200b') },
);

/** One character per unit of a junk string: also NUL, lone surrogates and any code point. */
const junkUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: textUnit },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\r', '\t', '\u001b') },
);

/** A wholly random value of any type. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 2 }) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(...nastyStrings) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(...nastyNumbers) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { '': null }) },
  { weight: 1, arbitrary: fc.string({ unit: junkUnit, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }) },
);

/** Whether a property name looks like it holds an id of some record. */
export function looksLikeIdName(name: string): boolean {
  return name === 'id' || /[a-z0-9]Id$/.test(name) || /_id$/.test(name);
}

function typeList(s: JsonSchemaObject): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (typeof s.type === 'string') return [s.type];
  if (s.properties || s.additionalProperties !== undefined || s.propertyNames) return ['object'];
  if (s.items !== undefined || s.prefixItems) return ['array'];
  if (s.pattern !== undefined || s.minLength !== undefined || s.maxLength !== undefined || s.format) {
    return ['string'];
  }
  if (s.minimum !== undefined || s.maximum !== undefined) return ['number'];
  return [];
}

function lengthOk(s: JsonSchemaObject, v: string): boolean {
  return v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity);
}

function tryRegex(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

const dateArb = (min: string, max: string) =>
  fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true });

/**
 * Realistic values that many string schemas mean, though their pattern does not say it: a
 * `^\d{4}-\d{2}-\d{2}$` field wants a real calendar date, a `^[A-Z]{3}$` currency a real ISO code.
 * A kind is offered for a schema when all its probes pass the schema's own pattern and lengths, or
 * when the property's name says so.
 */
const SEMANTIC_KINDS: { probes: string[]; format?: string; name?: RegExp; arb: fc.Arbitrary<string> }[] = [
  {
    probes: ['2024-02-29', '2031-12-01'],
    format: 'date',
    name: /(^date$|Date$|^(valid)?(From|To|Until)$|On$)/,
    arb: dateArb('2000-01-01', '2099-12-31').map((d) => d.toISOString().slice(0, 10)),
  },
  {
    probes: ['2024-02-29T08:30:00.000Z'],
    format: 'date-time',
    name: /At$/,
    arb: dateArb('2000-01-01', '2099-12-31').map((d) => d.toISOString()),
  },
  {
    probes: ['CNY', 'USD'],
    name: /^currency$/i,
    arb: fc.constantFrom('CNY', 'USD', 'EUR', 'JPY', 'HKD', 'GBP'),
  },
  {
    probes: ['Asia/Shanghai', 'UTC'],
    name: /timeZone$/i,
    arb: fc.constantFrom('Asia/Shanghai', 'UTC', 'Europe/Berlin', 'America/New_York'),
  },
  {
    probes: ['a.b@example.com'],
    format: 'email',
    name: /email$/i,
    arb: fc.constantFrom('ops@example.com', 'zhang.san@example.cn', 'a+b@x.io'),
  },
  { probes: ['01890a5d-ac96-774b-bcce-b302099a8057'], format: 'uuid', arb: fc.uuid() },
];

function semanticArbs(s: JsonSchemaObject, name: string | undefined): fc.Arbitrary<string>[] {
  const re = s.pattern !== undefined ? tryRegex(s.pattern) : undefined;
  if (s.pattern !== undefined && !re) return [];
  return SEMANTIC_KINDS.filter((k) => {
    if (!k.probes.every((p) => lengthOk(s, p))) return false;
    if (re) return k.probes.every((p) => re.test(p));
    // Without a pattern, the format or else the property's name tells what the string means.
    if (s.format !== undefined) return k.format === s.format;
    return k.name !== undefined && name !== undefined && k.name.test(name);
  }).map((k) => k.arb.filter((v) => lengthOk(s, v) && (!re || re.test(v))));
}

function stringArb(s: JsonSchemaObject, loose = false, name?: string): fc.Arbitrary<string> {
  const base = rawStringArb(s, loose);
  const semantic = semanticArbs(s, name);
  return semantic.length
    ? fc.oneof({ weight: 9, arbitrary: fc.oneof(...semantic) }, { weight: 1, arbitrary: base })
    : base;
}

function rawStringArb(s: JsonSchemaObject, loose: boolean): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = Math.max(minLength, s.maxLength ?? Math.max(minLength, 40));
  if (s.pattern !== undefined) {
    const re = tryRegex(s.pattern);
    if (re) {
      try {
        const matching = fc.stringMatching(re);
        if (s.minLength === undefined && s.maxLength === undefined) return matching;
        // A pattern plus length bounds: keep the matching strings that also fit (loosely: mostly).
        const fitting = matching.filter((v) => lengthOk(s, v));
        return loose
          ? fc.oneof({ weight: 4, arbitrary: fitting }, { weight: 1, arbitrary: matching })
          : fitting;
      } catch {
        // fc.stringMatching does not support every construct; fall through to the format/length.
      }
    }
  }
  switch (s.format) {
    case 'email':
      return fc.emailAddress().filter((v) => lengthOk(s, v));
    case 'date':
      return dateArb('1900-01-01', '2199-12-31').map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return dateArb('1900-01-01', '2199-12-31').map((d) => d.toISOString());
    case 'uuid':
      return fc.uuid();
  }
  const longest = Math.min(maxLength, minLength + 40);
  return fc.oneof(
    // Word-like: a letter, digit or CJK first (a schema that trims would reject blank strings).
    {
      weight: 4,
      arbitrary:
        longest < 1
          ? fc.constant('')
          : fc
              .tuple(
                fc.constantFrom(...'abcxyzABCXYZ0123456789单跟订'.split('')),
                fc.string({ unit: textUnit, minLength: Math.max(0, minLength - 1), maxLength: longest - 1 }),
              )
              .map(([a, b]) => a + b),
    },
    { weight: 2, arbitrary: fc.string({ unit: textUnit, minLength, maxLength: longest }) },
    // The very edges: exactly the longest allowed string, in ASCII and in CJK.
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(maxLength), '单'.repeat(maxLength)) },
  );
}

/** `null` three times out of four, else a value of `arb`. */
function sometimes<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
}

function bound(v: number | boolean | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function integerArb(s: JsonSchemaObject): fc.Arbitrary<number> {
  const exMin = bound(s.exclusiveMinimum);
  const exMax = bound(s.exclusiveMaximum);
  let lo = Math.max(
    -MAX_SAFE,
    Math.ceil(s.minimum ?? -MAX_SAFE),
    exMin === undefined ? -MAX_SAFE : Math.floor(exMin) + 1,
  );
  let hi = Math.min(
    MAX_SAFE,
    Math.floor(s.maximum ?? MAX_SAFE),
    exMax === undefined ? MAX_SAFE : Math.ceil(exMax) - 1,
  );
  if (s.exclusiveMinimum === true && s.minimum !== undefined) lo = Math.ceil(s.minimum) + 1;
  if (s.exclusiveMaximum === true && s.maximum !== undefined) hi = Math.floor(s.maximum) - 1;
  if (lo > hi) return fc.constant(lo);
  const arbs: fc.WeightedArbitrary<number>[] = [
    { weight: 2, arbitrary: fc.bigInt({ min: BigInt(lo), max: BigInt(hi) }).map(Number) },
    { weight: 1, arbitrary: fc.constantFrom(lo, hi) },
  ];
  // Small values, where versions, page numbers and quantities usually are.
  const smallLo = Math.max(lo, -10);
  const smallHi = Math.min(hi, 10);
  if (smallLo <= smallHi) arbs.push({ weight: 5, arbitrary: fc.integer({ min: smallLo, max: smallHi }) });
  return fc.oneof(...arbs);
}

function numberArb(s: JsonSchemaObject): fc.Arbitrary<number> {
  const min = s.minimum ?? bound(s.exclusiveMinimum) ?? -1e15;
  const max = s.maximum ?? bound(s.exclusiveMaximum) ?? 1e15;
  if (min > max) return fc.constant(min);
  const inRange = (v: number) =>
    v >= min &&
    v <= max &&
    (typeof s.exclusiveMinimum !== 'number' || v > s.exclusiveMinimum) &&
    (typeof s.exclusiveMaximum !== 'number' || v < s.exclusiveMaximum);
  const any = fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  // Mostly "nice" numbers (whole, or two decimals: prices, percentages), as people type them.
  const nice = any.map(
    (v) => Math.round(v * (Math.abs(v) < 1e12 ? 100 : 1)) / (Math.abs(v) < 1e12 ? 100 : 1),
  );
  const small = fc.integer({ min: 0, max: 100 }).map((v) => v / (v % 3 === 0 ? 1 : 4));
  return fc
    .oneof({ weight: 3, arbitrary: small }, { weight: 3, arbitrary: nice }, { weight: 2, arbitrary: any })
    .filter(inRange);
}

function mergeAllOf(parts: JsonSchemaObject[]): JsonSchemaObject {
  const merged: JsonSchemaObject = {};
  for (const p of parts) {
    Object.assign(merged, p, {
      properties: { ...merged.properties, ...p.properties },
      required: [...(merged.required ?? []), ...(p.required ?? [])],
    });
  }
  delete merged.allOf;
  return merged;
}

/** Builds a fast-check arbitrary for values of `schema` (see the module comment). */
export function arbitraryFromSchema(
  schema: JsonSchema,
  opts: SchemaArbitraryOptions = {},
): fc.Arbitrary<unknown> {
  const junk = opts.junk ?? 0;
  const maxDepth = opts.maxDepth ?? 6;

  const withJunk = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
    junk > 0 ? fc.oneof({ weight: 20 - junk, arbitrary: arb }, { weight: junk, arbitrary: junkValue }) : arb;

  const build = (
    node: JsonSchema,
    depth: number,
    name: string | undefined,
    seen: Set<string>,
  ): fc.Arbitrary<unknown> => {
    if (node === true) return fc.jsonValue({ maxDepth: 2 });
    if (node === false) return junkValue;
    if (depth > maxDepth) return fc.constant(null);
    let s = node;
    if (s.$ref !== undefined) {
      const target = seen.has(s.$ref) ? undefined : opts.resolveRef?.(s.$ref);
      if (target === undefined) return fc.constant(null);
      return build(target, depth, name, new Set([...seen, s.$ref]));
    }
    if (s.allOf?.length) {
      s = mergeAllOf(s.allOf.filter((x): x is JsonSchemaObject => typeof x === 'object').concat([s]));
    }
    let arb = buildTyped(s, depth, name, seen);
    const hint = name !== undefined ? opts.propertyHint?.(name, s) : undefined;
    if (hint) arb = fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: arb });
    if (s.nullable)
      arb = fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) });
    return withJunk(arb);
  };

  const buildTyped = (
    s: JsonSchemaObject,
    depth: number,
    name: string | undefined,
    seen: Set<string>,
  ): fc.Arbitrary<unknown> => {
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    const branches = s.anyOf ?? s.oneOf;
    if (branches?.length) {
      // The keywords next to anyOf (e.g. a description) do not restrict here; each branch alone.
      return fc.oneof(...branches.map((b) => build(b, depth + 1, name, seen)));
    }
    const types = typeList(s);
    if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
    if (types.length > 1) {
      return fc.oneof(...types.map((t) => buildTyped({ ...s, type: t }, depth, name, seen)));
    }
    switch (types[0]) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return integerArb(s);
      case 'number':
        return numberArb(s);
      case 'string':
        return stringArb(s, junk > 0, name);
      case 'array': {
        const minItems = s.minItems ?? 0;
        const maxItems = Math.min(s.maxItems ?? minItems + 4, minItems + 4);
        if (s.prefixItems?.length) {
          return fc.tuple(...s.prefixItems.map((p) => build(p, depth + 1, name, seen)));
        }
        const items = Array.isArray(s.items) ? s.items[0] : s.items;
        return fc.array(build(items ?? true, depth + 1, name, seen), {
          minLength: minItems,
          maxLength: maxItems,
        });
      }
      case 'object':
        return objectArb(s, depth, seen);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  };

  const objectArb = (
    s: JsonSchemaObject,
    depth: number,
    seen: Set<string>,
  ): fc.Arbitrary<Record<string, unknown>> => {
    const props = s.properties ?? {};
    const required = (s.required ?? []).filter((k) => k in props);
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [k, v] of Object.entries(props)) model[k] = build(v, depth + 1, k, seen);
    const known: fc.Arbitrary<Record<string, unknown>> = fc.record(model, { requiredKeys: required });
    const extra =
      s.additionalProperties !== undefined && s.additionalProperties !== false
        ? fc.dictionary(
            s.propertyNames && typeof s.propertyNames === 'object'
              ? Array.isArray(s.propertyNames.enum) && s.propertyNames.enum.length > 0
                ? fc.constantFrom(...s.propertyNames.enum.map(String))
                : stringArb({ ...s.propertyNames, type: 'string' })
              : fc.string({ maxLength: 12 }),
            build(s.additionalProperties, depth + 1, undefined, seen),
            { maxKeys: 4 },
          )
        : fc.constant<Record<string, unknown>>({});
    const valid = fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...a }));
    if (junk === 0) return valid;
    // Invalid shapes, now and then: a required key missing, an unknown key added.
    return fc
      .tuple(
        valid,
        sometimes(fc.constantFrom(...(required.length ? required : ['-']))),
        sometimes(
          fc.tuple(
            fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'id', '')),
            junkValue,
          ),
        ),
      )
      .map(([obj, drop, add]) => {
        const out: Record<string, unknown> = { ...obj };
        if (drop !== null) delete out[drop];
        if (add !== null)
          Object.defineProperty(out, add[0], {
            value: add[1],
            enumerable: true,
            configurable: true,
            writable: true,
          });
        return out;
      });
  };

  return build(schema, 0, undefined, new Set());
}

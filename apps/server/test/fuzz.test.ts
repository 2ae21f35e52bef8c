import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { ADMIN_PASSWORD, forEachDialect, type TestContext } from './helpers';
import {
  arbitraryFromSchema,
  junkValue,
  looksLikeIdName,
  type JsonSchema,
  type JsonSchemaObject,
} from './schema-arbitrary';

/**
 * API fuzzing from the live OpenAPI document: every operation it lists (so routes added later are
 * covered without editing this file) gets requests whose path params, query and body are generated
 * from its JSON schemas, mixed with junk (wrong types, unknown fields, nasty strings, garbage
 * multipart), sent with the admin's session. No response may be a 5xx.
 *
 * FUZZ_RUNS (default 30) sets the most runs per operation; FUZZ_BUDGET_S (default 20) the seconds
 * per dialect the run may take, over which the runs per operation shrink (to no fewer than 8; the
 * malformed-body property gets a quarter of the budget): so the file stays fast as routes are
 * added. FUZZ_BUDGET_S=0 lifts the budget (e.g. FUZZ_RUNS=300 FUZZ_BUDGET_S=0 for a deep run).
 * FUZZ_SEED replays a run; FUZZ_VERBOSE=1 prints the statuses, runs and time per operation. A
 * failure names the request (method, url, headers, body), the response and the server's logged
 * error.
 */

const RUNS = Math.max(2, Number(process.env.FUZZ_RUNS ?? 30));
const RAW_RUNS = Math.max(2, Math.round(RUNS * 0.6));
const BUDGET_MS = Math.max(0, Number(process.env.FUZZ_BUDGET_S ?? 20)) * 1000;
const MIN_RUNS = 8;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const VERBOSE = process.env.FUZZ_VERBOSE === '1';

/**
 * Operations never called: they end the admin's session, and the rest of the run would then be
 * unauthenticated. (A mutation of the admin user itself is avoided by never putting its id in the
 * path of a mutating request; should a session still be lost, the fuzzer logs in again and says so.)
 */
const EXCLUDED = new Set(['POST /api/auth/logout', 'POST /api/auth/password']);

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

interface OpenApiDocument {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], OpenApiOperation>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface Operation {
  key: string;
  method: string;
  path: string;
  op: OpenApiOperation;
}

/** A generated request, before the session is attached. */
interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** How it authenticates: the admin's session, none, or a junk cookie or bearer token. */
  auth: { kind: 'admin' } | { kind: 'none' } | { kind: 'cookie' | 'bearer'; value: string };
}

/** What the fuzzer keeps between requests: the session, and ids seen in responses. */
interface FuzzState {
  cookie: string;
  adminId: string;
  ids: string[];
  /** The same ids by the kind of record they name (`customer`, `order`…; see `entityOf`). */
  idsByEntity: Map<string, string[]>;
  /** `version` numbers seen in responses (optimistic locking: an update must send the current one). */
  versions: number[];
  /** Requests after which the admin's session was found gone. */
  sessionLost: string[];
  /** The last error the server logged (the logger is silenced; see `captureServerErrors`). */
  lastServerError: string | null;
  statuses: Map<string, Map<number, number>>;
  /** Runs and milliseconds spent per operation. */
  effort: Map<string, { runs: number; ms: number }>;
}

/**
 * Spreads a time budget over the operations still to run: each gets what the budget affords at
 * the pace measured so far, between a floor and its full number of runs.
 */
class RunBudget {
  private spentMs = 0;
  private runsDone = 0;
  reduced = 0;

  constructor(
    private readonly budgetMs: number,
    private slotsLeft: number,
    private readonly floor: number,
  ) {}

  runsFor(max: number): number {
    if (this.budgetMs <= 0) return max;
    const msPerRun = this.runsDone > 0 ? this.spentMs / this.runsDone : 5;
    const affordable = Math.floor((this.budgetMs - this.spentMs) / (msPerRun * Math.max(1, this.slotsLeft)));
    const runs = Math.min(max, Math.max(this.floor, affordable));
    if (runs < max) this.reduced++;
    return runs;
  }

  record(runs: number, ms: number): void {
    this.spentMs += ms;
    this.runsDone += runs;
    this.slotsLeft--;
  }
}

// Request parts

/** Printable ASCII only: anything else never reaches Fastify through Node's HTTP parser. */
const headerValue = fc.string({ unit: 'grapheme-ascii', maxLength: 80 });

const pathJunk = fc.constantFrom(
  '%',
  '%ZZ',
  '%00',
  '..',
  '%2e%2e',
  '%C0%AF',
  '%ED%A0%80',
  ';',
  '*',
  '~',
  '%20',
);

function encodeSegment(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80'; // a lone surrogate: an invalid UTF-8 sequence on the wire
  }
}

function stringify(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return 'undefined';
  return JSON.stringify(v) ?? typeof v;
}

function toQueryString(q: unknown): string {
  if (q === undefined) return '';
  const params = new URLSearchParams();
  if (q !== null && typeof q === 'object' && !Array.isArray(q)) {
    for (const [k, v] of Object.entries(q)) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const x of v) params.append(k, stringify(x));
      else params.append(k, stringify(v));
    }
  } else {
    params.append(stringify(q).slice(0, 40), '1');
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Magic bytes of file types an upload may claim to be, or pretend to be. */
const fileHeads = [
  '%PDF-1.7\n',
  '\x89PNG\r\n\x1a\n',
  '\xff\xd8\xff\xe0',
  'PK\x03\x04',
  'MZ\x90\x00',
  '\x7fELF',
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  '<!doctype html><script>alert(1)</script>',
  'Date,Qty\n2024-01-01,1\n',
  'From: a@b.c\r\nSubject: x\r\n\r\nbody',
  '',
];

const fileBytes: fc.Arbitrary<Buffer> = fc
  .tuple(fc.constantFrom(...fileHeads), fc.uint8Array({ maxLength: 300 }))
  .map(([head, rest]) => Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(rest)]));

const filename = fc.oneof(
  fc.constantFrom(
    'a.pdf',
    'scan.PNG',
    '合同.docx',
    '../../etc/passwd',
    '..\\..\\boot.ini',
    'a"b.txt',
    'x\r\nContent-Type: text/html',
    '.',
    '',
    'a'.repeat(300) + '.pdf',
    'con.txt',
    'a.pdf.exe',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
);

interface MultipartPart {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

function multipartPayload(
  parts: MultipartPart[],
  variant: 'ok' | 'truncated' | 'no-boundary' | 'wrong-boundary' | 'no-final',
): { contentType: string; payload: Buffer } {
  const boundary = '----gendanfuzz7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition =
      `Content-Disposition: form-data; name="${p.name}"` +
      (p.filename !== undefined ? `; filename="${p.filename}"` : '');
    const head =
      `--${boundary}\r\n${disposition}\r\n` +
      (p.contentType ? `Content-Type: ${p.contentType}\r\n` : '') +
      '\r\n';
    chunks.push(
      Buffer.from(head, 'utf8'),
      Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value, 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  if (variant !== 'no-final') chunks.push(Buffer.from(`--${boundary}--\r\n`));
  let payload = Buffer.concat(chunks);
  if (variant === 'truncated') payload = payload.subarray(0, Math.floor(payload.length / 2));
  const contentType =
    variant === 'no-boundary'
      ? 'multipart/form-data'
      : variant === 'wrong-boundary'
        ? 'multipart/form-data; boundary=somethingelse'
        : `multipart/form-data; boundary=${boundary}`;
  return { contentType, payload };
}

function schemaObject(s: JsonSchema | undefined): JsonSchemaObject | undefined {
  return s !== undefined && typeof s === 'object' ? s : undefined;
}

function jsonBodySchema(op: OpenApiOperation): JsonSchema | undefined {
  const content = op.requestBody?.content ?? {};
  const key = Object.keys(content).find((k) => /json/i.test(k));
  return key ? (content[key]?.schema ?? true) : undefined;
}

/** A multipart operation: it says so in its request body, or (with no body schema) in its text. */
function isMultipart(op: OpenApiOperation): boolean {
  const content = op.requestBody?.content ?? {};
  if (Object.keys(content).some((k) => k.startsWith('multipart/'))) return true;
  return /multipart/i.test(`${op.summary ?? ''} ${op.description ?? ''}`);
}

/**
 * The text fields to fill in a multipart body: the multipart schema's properties if the document
 * gives them; else the string properties of the success response (an upload echoes its fields).
 */
function multipartFieldNames(op: OpenApiOperation): string[] {
  const content = op.requestBody?.content ?? {};
  const mp = Object.entries(content).find(([k]) => k.startsWith('multipart/'))?.[1]?.schema;
  const fromRequest = schemaObject(mp)?.properties;
  if (fromRequest) return Object.keys(fromRequest);
  const names = new Set<string>();
  for (const [status, res] of Object.entries(op.responses ?? {})) {
    if (!status.startsWith('2')) continue;
    for (const c of Object.values(res.content ?? {})) {
      for (const [k, v] of Object.entries(schemaObject(c.schema)?.properties ?? {})) {
        const t = schemaObject(v)?.type;
        if (k !== 'id' && (t === 'string' || t === 'boolean')) names.add(k);
      }
    }
  }
  return [...names];
}

// The generator of one operation's requests

function requestArbitrary(o: Operation, doc: OpenApiDocument, state: FuzzState): fc.Arbitrary<FuzzRequest> {
  const resolveRef = (ref: string): JsonSchema | undefined =>
    ref.startsWith('#/components/schemas/') ? doc.components?.schemas?.[ref.slice(21)] : undefined;
  const mutating = MUTATING.has(o.method);
  // Real ids seen so far, of the kind of record the name asks for when there are any (a
  // `customerId` gets customers' ids), else of any kind. The pools are read when a value is drawn.
  const realId = (entity: string | null, notAdmin = false) =>
    fc.nat().map((i) => {
      const own = entity ? (state.idsByEntity.get(entity) ?? []) : [];
      const pool = (own.length ? own : state.ids).filter((x) => !notAdmin || x !== state.adminId);
      return pool.length ? pool[i % pool.length]! : 'no-ids-yet';
    });
  const realVersion = fc.nat().map((i) => state.versions[i % state.versions.length] ?? 1);
  const propertyHint = (name: string, s: JsonSchemaObject): fc.Arbitrary<unknown> | undefined => {
    if (s.type === 'string' && !s.pattern && !s.format && looksLikeIdName(name))
      return realId(entityOf(name));
    if (s.type === 'integer' && name === 'version') return realVersion;
    return undefined;
  };
  const valid = (s: JsonSchema) => arbitraryFromSchema(s, { resolveRef, propertyHint });
  const mixed = (s: JsonSchema) => arbitraryFromSchema(s, { resolveRef, propertyHint, junk: 3 });

  const params = o.op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');

  // Path: each {param} is a real id, a schema value, a nasty string, or raw junk left unencoded.
  // A mutating request never targets the admin user itself (its session must survive).
  const pathArb = fc
    .tuple(
      ...pathParams.map((p) =>
        fc.oneof(
          { weight: 5, arbitrary: realId(pathParamEntity(o.path, p.name), mutating).map(encodeSegment) },
          {
            weight: 3,
            arbitrary: valid(p.schema ?? { type: 'string' }).map((v) => encodeSegment(stringify(v))),
          },
          { weight: 2, arbitrary: junkValue.map((v) => encodeSegment(stringify(v))) },
          { weight: 1, arbitrary: pathJunk },
        ),
      ),
    )
    .map((values) => {
      let path = o.path;
      pathParams.forEach((p, i) => {
        path = path.replace(`{${p.name}}`, values[i] ?? '');
      });
      return path;
    });

  // Query: the parameters as one object schema, so that required ones come and unknown ones may.
  const querySchema: JsonSchemaObject = {
    type: 'object',
    properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema ?? { type: 'string' }])),
    required: queryParams.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false,
  };
  const queryArb: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: valid(querySchema).map(toQueryString) },
    { weight: 3, arbitrary: mixed(querySchema).map(toQueryString) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '?page=%',
        '?%ZZ=1',
        '?page=1&page=2',
        '?a[b][c]=1',
        '?=&&=',
        '?page=1e999',
        '?sort=-',
        '?q=%00',
      ),
    },
    { weight: 1, arbitrary: fc.constant('') },
  );

  // Body.
  const bodySchema = jsonBodySchema(o.op);
  const json = (v: unknown) => ({
    contentType: 'application/json',
    payload: JSON.stringify(v) as string | undefined,
  });
  const noBody = fc.constant({
    contentType: undefined as string | undefined,
    payload: undefined as string | Buffer | undefined,
  });
  const fieldNames = multipartFieldNames(o.op);
  const fieldValue = fc.oneof(
    { weight: 3, arbitrary: realId(null) },
    { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z_]{0,12}$/) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'user',
        'order',
        'customer',
        'shipment',
        'contract',
        'true',
        'false',
        '1',
        '0',
      ),
    },
    { weight: 1, arbitrary: junkValue.map(stringify) },
  );
  const multipartArb = fc
    .tuple(
      fc.record(Object.fromEntries(fieldNames.map((n) => [n, fieldValue])), { requiredKeys: [] }),
      fc.array(
        fc.tuple(fc.oneof(fc.constantFrom(...fieldNames, 'x', ''), fc.string({ maxLength: 8 })), fieldValue),
        { maxLength: 2 },
      ),
      fc.array(
        fc.record({
          name: fc.oneof(
            { weight: 5, arbitrary: fc.constant('file') },
            { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 8 }) },
          ),
          filename,
          contentType: fc.constantFrom(
            'application/pdf',
            'image/png',
            'text/html',
            'application/octet-stream',
            'x/y',
            '',
          ),
          value: fileBytes,
        }),
        { maxLength: 2 },
      ),
      fc.constantFrom(
        'ok',
        'ok',
        'ok',
        'ok',
        'truncated',
        'no-boundary',
        'wrong-boundary',
        'no-final' as const,
      ),
      fc.boolean(),
    )
    .map(([fields, extra, files, variant, filesFirst]) => {
      const textParts: MultipartPart[] = [...Object.entries(fields), ...extra].flatMap(([name, value]) =>
        value === undefined ? [] : [{ name: name.replace(/"/g, ''), value }],
      );
      const fileParts: MultipartPart[] = files.map((f) => ({
        ...f,
        filename: f.filename.replace(/[\r\n"]/g, '_'),
      }));
      return multipartPayload(
        filesFirst ? [...fileParts, ...textParts] : [...textParts, ...fileParts],
        variant,
      );
    });

  const bodyArbs: fc.WeightedArbitrary<{
    contentType: string | undefined;
    payload: string | Buffer | undefined;
  }>[] = [];
  if (bodySchema !== undefined) {
    bodyArbs.push(
      { weight: 6, arbitrary: valid(bodySchema).map(json) },
      { weight: 5, arbitrary: mixed(bodySchema).map(json) },
      { weight: 1, arbitrary: junkValue.map(json) },
      { weight: 1, arbitrary: noBody },
    );
  } else if (isMultipart(o.op)) {
    bodyArbs.push(
      { weight: 10, arbitrary: multipartArb },
      { weight: 1, arbitrary: junkValue.map(json) },
      { weight: 1, arbitrary: noBody },
    );
  } else {
    bodyArbs.push({ weight: 10, arbitrary: noBody }, { weight: 1, arbitrary: junkValue.map(json) });
  }
  if (mutating && !isMultipart(o.op)) bodyArbs.push({ weight: 1, arbitrary: multipartArb });

  // Headers the API gives meaning to, now and then, with valid-looking or junk values.
  const sometimes = <T>(a: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
  const headersArb = fc
    .record({
      'idempotency-key': sometimes(fc.oneof(fc.uuid(), headerValue, fc.constant('k'.repeat(300)))),
      'if-match': sometimes(
        fc.oneof(
          realVersion.map(String),
          realVersion.map((v) => `"${v}"`),
          fc.constant('W/"1"'),
          headerValue,
        ),
      ),
      'accept-language': sometimes(
        fc.oneof(fc.constantFrom('en', 'zh-CN', 'en;q=0.1, zh;q=x', '*', ''), headerValue),
      ),
      'x-request-id': sometimes(headerValue),
      'x-forwarded-for': sometimes(fc.constantFrom('1.2.3.4', 'not-an-ip', '::1, 10.0.0.1', '')),
      accept: sometimes(fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml', '')),
    })
    .map((h) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = v;
      return out;
    });

  const authArb: fc.Arbitrary<FuzzRequest['auth']> = fc.oneof(
    { weight: 20, arbitrary: fc.constant({ kind: 'admin' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constantFrom('cookie' as const, 'bearer' as const),
        value: fc.oneof(headerValue, fc.constantFrom('%ZZ', '%00', 'gdn_x_y', '', ' ', 'a'.repeat(5000))),
      }),
    },
  );

  return fc
    .record({
      path: pathArb,
      query: queryArb,
      body: fc.oneof(...bodyArbs),
      headers: headersArb,
      auth: authArb,
    })
    .map(({ path, query, body, headers, auth }): FuzzRequest => ({
      method: o.method,
      url: path + query,
      headers: body.contentType ? { ...headers, 'content-type': body.contentType } : headers,
      ...(body.payload !== undefined ? { payload: body.payload } : {}),
      auth,
    }));
}

/** Bodies no client should send: random bytes, malformed JSON, wrong or broken content types. */
function rawBodyArbitrary(o: Operation, doc: OpenApiDocument, state: FuzzState): fc.Arbitrary<FuzzRequest> {
  const bodySchema = jsonBodySchema(o.op) ?? { type: 'object' };
  const resolveRef = (ref: string): JsonSchema | undefined =>
    ref.startsWith('#/components/schemas/') ? doc.components?.schemas?.[ref.slice(21)] : undefined;
  const validJson = arbitraryFromSchema(bodySchema, { resolveRef }).map((v) => JSON.stringify(v) ?? '');
  const contentType = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'APPLICATION/JSON',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'application/json;;',
        'application/vnd.api+json',
        'application/merge-patch+json',
        'text/plain',
        'text/html',
        'application/xml',
        'application/x-www-form-urlencoded',
        'application/octet-stream',
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'multipart/form-data; boundary=x',
        '*/*',
        '',
        ';',
      ),
    },
    { weight: 1, arbitrary: headerValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const malformed = fc.constantFrom(
    '',
    '{',
    '[',
    '{"a":',
    '{"version":1,}',
    "{'a':1}",
    'null',
    'NaN',
    'undefined',
    '1e999',
    '"\\u0000"',
    '"\\ud800"',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    '\uFEFF{}',
    '['.repeat(5000),
    '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
    '{"a":1,"a":2}',
    '{"version":1e400}',
    '{"version":-0}',
    '{"version":"1"}',
    '{"version":1.0000000000000002}',
    'a=1&b=2',
    '<xml/>',
  );
  const bodyArb: fc.Arbitrary<string | Buffer> = fc.oneof(
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)) },
    { weight: 3, arbitrary: malformed },
    { weight: 2, arbitrary: fc.tuple(validJson, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))) },
    {
      weight: 1,
      // Valid JSON with bytes that are not UTF-8 inside a string.
      arbitrary: fc
        .tuple(validJson, fc.uint8Array({ minLength: 1, maxLength: 8 }))
        .map(([s, bad]) =>
          Buffer.concat([
            Buffer.from(s.replace(/"([^"]*)"\s*}$/, '"'), 'utf8'),
            Buffer.from(bad).map((x) => x | 0x80),
            Buffer.from('"}'),
          ]),
        ),
    },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );
  // Path params: the newest real id of the right kind (never the admin's), so the body is parsed.
  const idFor = (param: string) => {
    const entity = pathParamEntity(o.path, param);
    const own = (entity && state.idsByEntity.get(entity)) || state.ids;
    return [...own].reverse().find((x) => x !== state.adminId) ?? 'x';
  };
  return fc.record({ contentType, payload: bodyArb }).map(({ contentType: ct, payload }): FuzzRequest => ({
    method: o.method,
    url: o.path.replace(/\{([^}]+)\}/g, (_m, param: string) => encodeSegment(idFor(param))),
    headers: ct === undefined ? {} : { 'content-type': ct },
    payload,
    auth: { kind: 'admin' },
  }));
}

// Sending, and what to report

function shorten(s: string, max = 1500): string {
  return s.length > max ? `${s.slice(0, max)}… (${s.length} chars)` : s;
}

function describeRequest(req: FuzzRequest): string {
  const payload =
    req.payload === undefined
      ? '(none)'
      : Buffer.isBuffer(req.payload)
        ? `base64:${shorten(req.payload.toString('base64'), 800)} | as text: ${JSON.stringify(shorten(req.payload.toString('latin1'), 600))}`
        : shorten(JSON.stringify(req.payload));
  const auth =
    req.auth.kind === 'admin' || req.auth.kind === 'none'
      ? req.auth.kind
      : `${req.auth.kind} ${JSON.stringify(shorten(req.auth.value, 80))}`;
  return `${req.method} ${shorten(req.url, 500)}\n    auth: ${auth}\n    headers: ${JSON.stringify(req.headers)}\n    body: ${payload}`;
}

/** A naive singular: customers → customer, addresses → address, categories → category. */
function singular(word: string): string {
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * The kind of record a name refers to, normalized: `customerId`, `customer_id`, `customers` and
 * `/api/customers` all give `customer`; `priceListId` and `price-lists` give `pricelist`.
 */
function entityOf(name: string): string | null {
  const base = name.replace(/(_id|Id|IDs?|Ids)$/, '');
  if (!base || base === 'id') return null;
  // People are users, whatever their part: clerkId, salesRepId, ownerId, approvedBy…
  if (base !== name && PERSON.test(base)) return 'user';
  return singular(base.replace(/[-_]/g, '').toLowerCase());
}

const PERSON = /(user|clerk|rep|owner|assignee|manager|approver|inspector|buyer|author|creator|actor|By)$/i;

/** `{id}` in /api/customers/{id} is a customer's; `{findingId}` a finding's. */
function pathParamEntity(path: string, param: string): string | null {
  if (param !== 'id') return entityOf(param);
  const before = path.split(`/{${param}}`)[0]?.split('/').pop();
  return before ? entityOf(before) : null;
}

function remember(state: FuzzState, entity: string | null, id: string): void {
  if (!state.ids.includes(id)) {
    state.ids.push(id);
    if (state.ids.length > 400) state.ids.splice(1, 1); // keep the first (the admin) and the newest
  }
  if (!entity) return;
  const pool = state.idsByEntity.get(entity) ?? [];
  if (!pool.includes(id)) pool.push(id);
  if (pool.length > 100) pool.shift();
  state.idsByEntity.set(entity, pool);
}

/**
 * Collects ids and versions from a response body, for later requests to reach real records. An
 * object's `id` is of the kind its context says: the route's collection at the top
 * (`/api/orders/…` → order), the key holding it below (`lines: [{ id }]` → line).
 */
function harvest(value: unknown, state: FuzzState, entity: string | null, depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) harvest(v, state, entity, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && looksLikeIdName(k) && v.length > 0 && v.length <= 64) {
      remember(state, k === 'id' ? entity : entityOf(k), v);
    } else if (k === 'version' && typeof v === 'number') {
      if (!state.versions.includes(v)) state.versions.push(v);
    } else {
      // `items` (a page) holds records of the same kind as the page itself.
      harvest(v, state, k === 'items' ? entity : entityOf(k), depth + 1);
    }
  }
}

/**
 * The kind of record a response is about: the collection after /api (`/api/orders/…` → order);
 * but a list under a record (`/api/shipments/<id>/events`) holds records of the sub-collection.
 */
function routeEntity(url: string, body: unknown): string | null {
  const [first, , sub] = url.split('?')[0]!.split('/').filter(Boolean).slice(1); // after "api"
  const isList = Array.isArray(body) || (body !== null && typeof body === 'object' && 'items' in body);
  return entityOf((isList && sub) || first || '');
}

async function send(ctx: TestContext, state: FuzzState, req: FuzzRequest): Promise<LightMyRequestResponse> {
  const inject = (cookie: string) => {
    const headers: Record<string, string> = { ...req.headers };
    if (req.auth.kind === 'admin') headers.cookie = cookie;
    else if (req.auth.kind === 'cookie') headers.cookie = `gendan_sid=${req.auth.value}`;
    else if (req.auth.kind === 'bearer') headers.authorization = `Bearer ${req.auth.value}`;
    return ctx.app.inject({
      method: req.method as 'GET',
      url: req.url,
      headers,
      ...(req.payload !== undefined ? { payload: req.payload } : {}),
    });
  };
  state.lastServerError = null;
  let res = await inject(state.cookie);
  if (res.statusCode === 401 && req.auth.kind === 'admin') {
    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: state.cookie },
    });
    if (me.statusCode === 401) {
      state.sessionLost.push(describeRequest(req));
      state.cookie = (await ctx.login('admin', ADMIN_PASSWORD)).cookie;
      state.lastServerError = null;
      res = await inject(state.cookie);
    }
  }
  if (res.statusCode < 300 && (res.headers['content-type'] ?? '').toString().includes('json')) {
    try {
      const body = JSON.parse(res.body) as unknown;
      harvest(body, state, routeEntity(req.url, body));
    } catch {
      // not JSON after all: nothing to harvest
    }
  }
  return res;
}

/**
 * The app is built with `logger: false`, whose logger is one shared no-op object (every request
 * logger is that same object): wrapping its `error` lets a failure report the server's own error.
 */
function captureServerErrors(ctx: TestContext, state: FuzzState): () => void {
  const log = ctx.app.log as unknown as { error: (...args: unknown[]) => void };
  const original = log.error;
  log.error = (...args: unknown[]) => {
    const parts = args.map((a) => {
      if (a instanceof Error) return a.stack ?? a.message;
      if (a && typeof a === 'object') {
        const { err, ...rest } = a as { err?: unknown };
        const errText =
          err instanceof Error
            ? `${err.stack ?? err.message}${err.cause ? `\ncause: ${JSON.stringify(err.cause)}` : ''}`
            : '';
        return `${JSON.stringify(rest)} ${errText}`;
      }
      return stringify(a);
    });
    state.lastServerError = shorten(parts.join(' '), 3000);
  };
  return () => {
    log.error = original;
  };
}

function listOperations(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const key = `${m.toUpperCase()} ${path}`;
      if (!EXCLUDED.has(key)) ops.push({ key, method: m.toUpperCase(), path, op });
    }
  }
  return ops;
}

async function runOperation(
  ctx: TestContext,
  state: FuzzState,
  o: Operation,
  arb: fc.Arbitrary<FuzzRequest>,
  maxRuns: number,
  budget: RunBudget,
  failures: string[],
): Promise<void> {
  const numRuns = budget.runsFor(maxRuns);
  const started = performance.now();
  let last = '';
  const counts = state.statuses.get(o.key) ?? new Map<number, number>();
  state.statuses.set(o.key, counts);
  const details = await fc.check(
    fc.asyncProperty(arb, async (req) => {
      const res = await send(ctx, state, req);
      counts.set(res.statusCode, (counts.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500) {
        last =
          `  request:  ${describeRequest(req)}\n` +
          `  response: ${res.statusCode} ${shorten(res.body, 600)}\n` +
          `  server:   ${state.lastServerError ?? '(nothing logged)'}`;
        throw new Error(`${res.statusCode} from ${req.method} ${req.url}`);
      }
    }),
    { numRuns, ...(SEED !== undefined ? { seed: SEED } : {}) },
  );
  const ms = performance.now() - started;
  budget.record(details.numRuns, ms);
  const effort = state.effort.get(o.key) ?? { runs: 0, ms: 0 };
  state.effort.set(o.key, { runs: effort.runs + details.numRuns, ms: effort.ms + ms });
  if (details.failed) {
    failures.push(
      `${o.key}: 5xx after ${details.numRuns} runs (seed ${details.seed}, path ${details.counterexamplePath ?? '-'}; ` +
        `replay with FUZZ_SEED=${details.seed})\n${last || String(details.errorInstance)}`,
    );
  }
}

forEachDialect('API fuzzing from the OpenAPI document', (ctx) => {
  let doc: OpenApiDocument;
  let state: FuzzState;

  async function setUp(): Promise<void> {
    if (state) return;
    const res = await ctx.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json<OpenApiDocument>();
    const cookie = await ctx.adminCookie();
    const me = await ctx.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const adminId = me.json<{ id: string }>().id;
    // A second user, so that mutations have a real target other than the admin.
    const other = await ctx.createUser({ roles: ['clerk'] });
    state = {
      cookie,
      adminId,
      ids: [adminId, other.id],
      idsByEntity: new Map([['user', [adminId, other.id]]]),
      versions: [1],
      sessionLost: [],
      lastServerError: null,
      statuses: new Map(),
      effort: new Map(),
    };
  }

  async function adminIsIntact(): Promise<void> {
    const me = await ctx.app.inject({ url: '/api/auth/me', headers: { cookie: state.cookie } });
    expect(me.statusCode, 'the admin session survives the run').toBe(200);
    expect(me.json<{ roles: string[] }>().roles, 'the admin keeps its role').toContain('admin');
  }

  it('no operation answers a generated request with a 5xx', { timeout: 180_000 }, async () => {
    await setUp();
    const ops = listOperations(doc);
    expect(ops.length).toBeGreaterThan(10);
    const restore = captureServerErrors(ctx, state);
    const failures: string[] = [];
    // Two passes, so that ids created by operations late in the document feed the early ones.
    const passes = [Math.ceil(RUNS / 2), Math.floor(RUNS / 2)];
    const budget = new RunBudget(BUDGET_MS, ops.length * passes.length, MIN_RUNS / 2);
    try {
      for (const runs of passes) {
        for (const o of ops) {
          if (failures.some((f) => f.startsWith(`${o.key}:`))) continue;
          await runOperation(ctx, state, o, requestArbitrary(o, doc, state), runs, budget, failures);
        }
      }
    } finally {
      restore();
    }
    if (budget.reduced > 0) {
      const runs = [...state.effort.values()].map((e) => e.runs);
      console.log(
        `[${ctx.dialect}] time budget (FUZZ_BUDGET_S=${BUDGET_MS / 1000}): ${ops.length} operations got ` +
          `${Math.min(...runs)}–${Math.max(...runs)} runs each instead of ${RUNS}`,
      );
    }
    if (VERBOSE || state.sessionLost.length) {
      const lines = [...state.statuses].map(([k, m]) => {
        const e = state.effort.get(k);
        const statuses = [...m]
          .sort((a, b) => a[0] - b[0])
          .map(([s, n]) => `${s}×${n}`)
          .join(' ');
        return `  ${k.padEnd(40)} ${statuses}${e ? `  (${e.runs} runs, ${Math.round(e.ms)} ms)` : ''}`;
      });
      console.log(`[${ctx.dialect}] statuses per operation:\n${lines.join('\n')}`);
      if (state.sessionLost.length) {
        console.log(
          `[${ctx.dialect}] the admin session was lost (and renewed) after:\n${state.sessionLost.join('\n')}`,
        );
      }
    }
    expect(failures, `requests that got a 5xx:\n\n${failures.join('\n\n')}`).toEqual([]);
    await adminIsIntact();
  });

  it(
    'no body-taking operation answers bytes, malformed JSON or a wrong content type with a 5xx',
    { timeout: 120_000 },
    async () => {
      await setUp();
      const ops = listOperations(doc).filter((o) => ['POST', 'PUT', 'PATCH'].includes(o.method));
      expect(ops.length).toBeGreaterThan(3);
      const restore = captureServerErrors(ctx, state);
      const failures: string[] = [];
      const budget = new RunBudget(BUDGET_MS / 4, ops.length, Math.min(RAW_RUNS, MIN_RUNS));
      try {
        for (const o of ops) {
          await runOperation(ctx, state, o, rawBodyArbitrary(o, doc, state), RAW_RUNS, budget, failures);
        }
      } finally {
        restore();
      }
      expect(failures, `requests that got a 5xx:\n\n${failures.join('\n\n')}`).toEqual([]);
      await adminIsIntact();
    },
  );
});

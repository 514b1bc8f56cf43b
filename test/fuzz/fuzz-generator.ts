import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { UUID } from './fuzz-world';

/**
 * A seeded generator of valid, malformed and hostile requests for every operation of the
 * served OpenAPI document, and the checks applied to each answer (no 5xx, no SQL in error
 * bodies, no row written by a rejected write). Used by test/fuzz/api-fuzz.spec.ts and
 * scripts/fuzz.ts.
 */

// ---------- seeded randomness ----------

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  /** mulberry32 */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  uuid(): string {
    const hex = (n: number) =>
      Array.from({ length: n }, () => this.int(0, 15).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${this.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  }
}

// ---------- OpenAPI ----------

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  operationId: string;
  parameters: Parameter[];
  body?: Schema;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, Schema> };
}

/**
 * The operations of the served document. Under ts-jest the Swagger CLI plugin does not run,
 * so DTO classes without @ApiProperty have no properties in the served schema; those are
 * filled in from the committed openapi.json (written from a built server) when it has them.
 */
export function operationsOf(served: OpenApiDocument): {
  operations: Operation[];
  schemas: Record<string, Schema>;
} {
  let committed: OpenApiDocument | null;
  try {
    committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
  } catch {
    committed = null;
  }
  const schemas: Record<string, Schema> = { ...(served.components?.schemas ?? {}) };
  for (const [name, schema] of Object.entries(committed?.components?.schemas ?? {})) {
    const own = schemas[name];
    if (
      !own ||
      Object.keys(own.properties ?? {}).length < Object.keys(schema.properties ?? {}).length
    )
      schemas[name] = schema;
  }
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(served.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const op = raw as {
        operationId?: string;
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      };
      operations.push({
        method: method as Operation['method'],
        path,
        operationId: op.operationId ?? `${method} ${path}`,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return { operations, schemas };
}

// ---------- values ----------

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'x\uD800y';
const HOSTILE_STRINGS = [
  NUL,
  '\u0000',
  LONE_SURROGATE,
  '\uDC00',
  "Robert'); DROP TABLE students;--",
  "' OR '1'='1",
  '"; SELECT pg_sleep(0); --',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '{{constructor.constructor}}',
  '%00',
  '',
  ' ',
  '\n',
  'ÅÄÖ åäö § 😀',
  '9999-99-99',
  '2024-02-30',
  '0000-01-01',
  '1e400',
  '-1',
  'NaN',
  'null',
  'true',
  '99999999999999999999999',
];
const HOSTILE_NUMBERS = [
  -1,
  0,
  1.5,
  -0.0001,
  2147483647,
  2147483648,
  -2147483649,
  9007199254740991,
  2 ** 53 + 2,
  1e20,
  -1e20,
  1e308,
  Number.MAX_VALUE,
];

/** Nesting `depth` levels deep ([{"a":[{"a":…}]}]), kept as a marker so that it is serialised without recursion. */
export class Deep {
  constructor(readonly depth: number) {}
}

function deep(depth: number): Deep {
  return new Deep(depth);
}

/** JSON.stringify that writes Deep markers iteratively. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Deep ? `\u0001DEEP${v.depth}\u0001` : v,
  ).replace(/"\\u0001DEEP(\d+)\\u0001"/g, (_m, d: string) => {
    const n = Number(d);
    let open = '';
    let close = '';
    for (let i = 0; i < n; i++) {
      open += i % 2 ? '{"a":' : '[';
      close = (i % 2 ? '}' : ']') + close;
    }
    return `${open}1${close}`;
  });
}

/** The kind of record a field or path segment names: chairPersonId → person, grant-applications → application. */
export function kindOf(name: string): string | null {
  const word = name
    .replace(/Ids?$/, '')
    .split(/[-_/]|(?=[A-Z])/)
    .filter(Boolean)
    .pop()
    ?.toLowerCase();
  if (!word || word === 'id' || word.startsWith('{')) return null;
  if (word === 'people') return 'person';
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ses')) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

export class ValueGenerator {
  readonly ids: string[];
  readonly cursors: string[] = [];
  private readonly typed = new Map<string, string[]>();

  constructor(
    private readonly rng: Rng,
    private readonly schemas: Record<string, Schema>,
    ids: string[],
  ) {
    this.ids = [...ids];
  }

  resolve(schema: Schema | undefined): Schema {
    let s = schema ?? {};
    for (let i = 0; i < 10 && s.$ref; i++) {
      s = this.schemas[s.$ref.replace('#/components/schemas/', '')] ?? {};
    }
    if (s.allOf?.length) s = Object.assign({}, ...s.allOf.map((x) => this.resolve(x)));
    if (s.oneOf?.length) s = this.resolve(this.rng.pick(s.oneOf));
    if (s.anyOf?.length) s = this.resolve(this.rng.pick(s.anyOf));
    return s;
  }

  id(kind: string | null = null): string {
    const typed = kind ? this.typed.get(kind) : undefined;
    if (typed?.length && this.rng.chance(0.75)) return this.rng.pick(typed);
    return this.ids.length && this.rng.chance(0.8) ? this.rng.pick(this.ids) : this.rng.uuid();
  }

  private remember(id: string, kind: string | null): void {
    if (!this.ids.includes(id)) {
      this.ids.push(id);
      if (this.ids.length > 400) this.ids.splice(this.rng.int(0, 399), 1);
    }
    if (!kind) return;
    const list = this.typed.get(kind) ?? [];
    if (!list.includes(id)) {
      list.push(id);
      if (list.length > 50) list.splice(this.rng.int(0, 49), 1);
    }
    this.typed.set(kind, list);
  }

  date(): string {
    const y = this.rng.int(2019, 2027);
    const m = String(this.rng.int(1, 12)).padStart(2, '0');
    const d = String(this.rng.int(1, 28)).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }

  hostile(): unknown {
    switch (this.rng.int(0, 11)) {
      case 0:
      case 1:
      case 2:
        return this.rng.pick(HOSTILE_STRINGS);
      case 3:
      case 4:
        return this.rng.pick(HOSTILE_NUMBERS);
      case 5:
        return null;
      case 6:
        return this.rng.pick([true, false, [], {}, [null], { a: null }, ['x'], 'x'.repeat(10)]);
      case 7:
        return deep(this.rng.pick([10, 40, 200, 5000]));
      case 8:
        return 'å'.repeat(this.rng.pick([501, 20_001, 100_001, 300_000]));
      case 9:
        return this.rng.uuid();
      case 10:
        return this.rng.pick(this.ids.length ? this.ids : [this.rng.uuid()]);
      default:
        return this.rng.pick(['1999-01-01', '2999-12-31', '2024-13-01', '20240101']);
    }
  }

  /** A value for a schema: valid most of the time, hostile with probability `hostility`. */
  value(schema: Schema | undefined, name: string, hostility: number, depth = 0): unknown {
    if (this.rng.chance(hostility)) return this.hostile();
    const s = this.resolve(schema);
    if (s.enum?.length) return this.rng.pick(s.enum);
    const type = s.type ?? (s.properties ? 'object' : undefined);
    const lower = name.toLowerCase();
    switch (type) {
      case 'string': {
        if (s.format === 'uuid' || lower.endsWith('id')) return this.id(kindOf(name));
        if (
          s.format === 'date' ||
          /(on|date|from|to|due|deadline)$/.test(lower) ||
          lower.endsWith('dat')
        )
          return this.date();
        if (s.format === 'date-time' || lower.endsWith('at')) return `${this.date()}T12:00:00Z`;
        if (lower.includes('email')) return `fuzz${this.rng.int(0, 999)}@example.se`;
        if (lower === 'cursor') return this.cursor();
        const min = s.minLength ?? 1;
        const max = Math.min(s.maxLength ?? 40, 60);
        const words = ['Regionstyrelsen', 'beslutar', 'att', 'bevilja', 'medel', 'för', 'vård'];
        let text = '';
        while (text.length < min) text += `${this.rng.pick(words)} `;
        text = text.trim().slice(0, Math.max(min, this.rng.int(min, max)));
        return text.length >= min ? text : 'x'.repeat(min);
      }
      case 'integer':
      case 'number': {
        const min = s.minimum ?? 0;
        const max = s.maximum ?? Math.max(min + 100, 100);
        return this.rng.int(min, Math.min(max, min + 1_000_000));
      }
      case 'boolean':
        return this.rng.chance(0.5);
      case 'array': {
        const n = this.rng.int(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3));
        return Array.from({ length: n }, () =>
          this.value(s.items, name.replace(/s$/, ''), hostility / 2, depth + 1),
        );
      }
      case 'object':
      default: {
        if (depth > 4 || !s.properties) return {};
        const out: Record<string, unknown> = {};
        for (const [prop, sub] of Object.entries(s.properties)) {
          if (s.required?.includes(prop) || this.rng.chance(0.5))
            out[prop] = this.value(sub, prop, hostility / 2, depth + 1);
        }
        return out;
      }
    }
  }

  /** Harvested, random, malformed, or decoding to overflowing or hostile values. */
  cursor(): string {
    if (this.cursors.length && this.rng.chance(0.3)) return this.rng.pick(this.cursors);
    const raw = (json: string) => Buffer.from(json).toString('base64url');
    const enc = (v: unknown) => Buffer.from(toJson(v)).toString('base64url');
    return this.rng.pick([
      'not-a-cursor',
      '',
      '%00',
      enc([1e30, '1']),
      raw('[99999999999999999999, "99999999999999999999"]'),
      enc([-1, this.rng.uuid()]),
      enc(['2024-01-01', this.rng.uuid()]),
      enc(['2024-01-01T00:00:00Z', this.rng.uuid()]),
      enc(['2024-13-45', 'x']),
      enc([NUL, NUL]),
      enc([LONE_SURROGATE, this.rng.uuid()]),
      raw('["a", "b", 1e400]'),
      enc([1.5, 'x', 2147483648]),
      raw('["x", "y", 9007199254740993]'),
      raw('[1e400, "x"]'),
      enc(deep(3000)),
      enc({ a: 1 }),
      enc(null),
      Buffer.from('\u0000\uD800').toString('base64url'),
      'x'.repeat(5000),
    ]);
  }

  /** Ids (typed by the key or the path they came from) and cursors of a 2xx answer. */
  harvest(body: unknown, pathKind: string | null): void {
    const walk = (value: unknown, kind: string | null, depth: number): void => {
      if (depth > 6 || value === null || typeof value !== 'object') return;
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v === 'string') {
          if (key === 'id' && UUID.test(v)) this.remember(v, kind);
          else if (key.endsWith('Id') && UUID.test(v)) this.remember(v, kindOf(key));
          if (key === 'nextCursor' && this.cursors.length < 100) this.cursors.push(v);
        } else if (key === 'items' && Array.isArray(v)) {
          walk(v, kind, depth + 1);
        } else {
          walk(v, /^\d+$/.test(key) ? kind : kindOf(key), depth + 1);
        }
      }
    };
    walk(body, pathKind, 0);
  }
}

// ---------- requests ----------

export type Actor = 'anonymous' | 'registrar' | 'admin' | 'bad-token';

export interface FuzzRequest {
  operationId: string;
  method: Operation['method'];
  url: string;
  actor: Actor;
  headers: Record<string, string>;
  /** undefined: no body; a string: sent raw with the content type in headers. */
  body?: unknown;
  raw?: boolean;
}

function hostilePathSegment(rng: Rng): string {
  return rng.pick([
    '%00',
    'a%00b',
    '%ED%A0%80',
    '%E0%A4%A',
    '%',
    'x'.repeat(3000),
    "Robert'%29%3B%20DROP%20TABLE%20students%3B--",
    '1e400',
    '99999999999999999999',
    '-1',
    '..%2F..%2Fetc',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '%F0%9F%98%80',
  ]);
}

function hostileQueryValue(rng: Rng): string {
  return rng.pick([
    '%00',
    '%ED%A0%80',
    '%',
    '1e400',
    '99999999999999999999',
    '-5',
    '2.5',
    'abc',
    "x'%20OR%201%3D1--",
    'x'.repeat(5000),
    '2024-02-30',
    '',
    '%F0%9F%98%80',
  ]);
}

/** The kind of record a path names at a parameter (/api/bodies/{id} → body) or at its end. */
export function pathKindOf(path: string, param?: string): string | null {
  const segments = path.split('/').filter(Boolean);
  const at = param ? segments.indexOf(param) : segments.length;
  for (let i = at - 1; i >= 0; i--) {
    if (!segments[i].startsWith('{')) return kindOf(segments[i]);
  }
  return null;
}

export function generateRequest(rng: Rng, values: ValueGenerator, op: Operation): FuzzRequest {
  const actor: Actor = rng.pick([
    'anonymous',
    'registrar',
    'registrar',
    'registrar',
    'admin',
    'admin',
    'admin',
    rng.chance(0.5) ? 'bad-token' : 'anonymous',
  ]);
  const hostility = rng.pick([0, 0, 0.05, 0.2, 0.5]);
  let url = op.path;
  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    let seg: string;
    if (rng.chance(hostility || 0.05)) seg = hostilePathSegment(rng);
    else if (p.name === 'id') seg = values.id(pathKindOf(op.path, `{${p.name}}`));
    else seg = encodeURIComponent(String(values.value(p.schema, p.name, 0)));
    url = url.replace(`{${p.name}}`, seg);
  }
  const query: string[] = [];
  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    if (!p.required && !rng.chance(0.4)) continue;
    let v: string;
    if (rng.chance(hostility)) v = hostileQueryValue(rng);
    else if (p.name === 'cursor') v = encodeURIComponent(values.cursor());
    else {
      const raw = values.value(p.schema, p.name, 0);
      v = encodeURIComponent(typeof raw === 'string' ? raw : toJson(raw));
    }
    query.push(`${encodeURIComponent(p.name)}=${v}`);
  }
  if (rng.chance(hostility / 3)) query.push(`unknownParam=${hostileQueryValue(rng)}`);
  if (rng.chance(hostility / 4)) query.push('cursor=a&cursor=b');
  if (query.length) url += `?${query.join('&')}`;

  const headers: Record<string, string> = {};
  if (rng.chance(0.05)) headers['X-Request-Id'] = rng.pick(['x'.repeat(500), 'a b', 'ok-1']);
  const req: FuzzRequest = { operationId: op.operationId, method: op.method, url, actor, headers };
  if (op.method === 'get' || op.method === 'delete') {
    if (op.method === 'delete' && rng.chance(0.1)) req.body = { unexpected: true };
    return req;
  }
  const roll = rng.next();
  if (roll < 0.06) {
    req.raw = true;
    headers['Content-Type'] = rng.pick(['application/json', 'text/plain', 'application/xml']);
    req.body = rng.pick([
      '{"title": ',
      '{"a":1,}',
      "{'a':1}",
      '[',
      'null',
      '123',
      '"x"',
      '<xml/>',
      `${'['.repeat(100000)}${']'.repeat(100000)}`,
      '{"title":"\\ud800"}',
      '{"title":"\\u0000"}',
      '{"__proto__":{"polluted":1}}',
      '{"constructor":{"prototype":{"polluted":1}}}',
      '\u0000',
    ]);
    return req;
  }
  if (roll < 0.1) {
    req.body = rng.pick([deep(rng.pick([33, 100, 5000])), [], [1, 2], {}, 'x']);
    return req;
  }
  const body = values.value(op.body, 'body', 0);
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    const keys = Object.keys(record);
    const s = values.resolve(op.body);
    const allKeys = Object.keys(s.properties ?? {});
    if (rng.chance(hostility * 2) && allKeys.length) {
      // One field hostile, null, missing or of the wrong type.
      const key = rng.pick(allKeys);
      const what = rng.int(0, 3);
      if (what === 0) delete record[key];
      else if (what === 1) record[key] = null;
      else record[key] = values.hostile();
    }
    if (rng.chance(hostility) && keys.length) record[rng.pick(keys)] = values.hostile();
    if (rng.chance(hostility / 2))
      record[rng.pick(['unknownField', 'id', 'createdAt', 'status'])] = values.hostile();
  }
  req.body = body;
  return req;
}

// ---------- checks ----------

export interface Verdict {
  status: number;
  serverError: boolean;
  leak: string | null;
  rejectedWrite: string | null;
}

const SQL_PHRASES = [
  'violates',
  'relation "',
  'syntax error',
  'duplicate key',
  'null value in column',
  'invalid input syntax',
  'out of range for type',
  'current transaction is aborted',
  'queryfailederror',
  'stack depth',
  'pg_',
  'insert into',
  'delete from',
  'key (',
  'constraint "',
];

export class LeakDetector {
  private readonly names: RegExp | null;
  constructor(tableNames: string[], columnNames: string[] = []) {
    // Snake-case table names are never words of an error message; single words such as
    // "meeting" are the API's own entity names and only count after "table".
    const snake = tableNames.filter((n) => n.includes('_'));
    const plain = tableNames.filter((n) => !n.includes('_'));
    // Snake-case column names (the API speaks camelCase) count too.
    const columns = columnNames.filter((n) => n.includes('_') && !snake.includes(n));
    const parts = [
      ...snake.map((n) => `\\b${n}\\b`),
      ...columns.map((n) => `\\b${n}\\b`),
      ...plain.map((n) => `table \\\\?"?${n}\\b`),
    ];
    this.names = parts.length ? new RegExp(parts.join('|'), 'i') : null;
  }

  find(text: string): string | null {
    const lower = text.toLowerCase();
    const phrase = SQL_PHRASES.find((p) => lower.includes(p));
    if (phrase) return phrase;
    const m = this.names?.exec(text);
    return m ? m[0] : null;
  }
}

export const WATCHED_TABLES = [
  'organisation',
  'body',
  'person',
  'membership',
  'meeting',
  'paragraph',
  'paragraph_clause',
  'motion',
  'motion_event',
  'certified_extract',
  'grant_application',
  'grant_applicant',
  'app_user',
];

/** max(audit_event.id) and row counts of a few tables, to see that a refused write changed nothing. */
export async function snapshot(dataSource: DataSource, tables: string[]): Promise<string> {
  const parts = tables.map((t) => `(SELECT count(*) FROM ${t})::text`);
  const [row] = await dataSource.query(
    `SELECT concat_ws(',', (SELECT coalesce(max(id), 0) FROM audit_event)::text, ${parts.join(', ')}) AS s`,
  );
  return row.s as string;
}

// ---------- the run ----------

export interface FuzzTarget {
  /** Sends one request; status and raw body text of the answer. */
  send(req: FuzzRequest, token: string | null): Promise<{ status: number; text: string }>;
  dataSource: DataSource;
  tokens: { registrar: string; admin: string };
  ids: string[];
  openapi: OpenApiDocument;
}

export interface FuzzFinding {
  kind: '5xx' | 'leak' | 'rejected-write';
  request: FuzzRequest;
  status: number;
  detail: string;
}

export interface FuzzSummary {
  requests: number;
  serverErrors: number;
  leaks: number;
  rejectedWrites: number;
  seed: number;
  findings: FuzzFinding[];
  operations: number;
  /** How many answers had each status. */
  statuses: Record<number, number>;
}

function describe(req: FuzzRequest): FuzzRequest {
  const body =
    typeof req.body === 'string' ? req.body.slice(0, 300) : toJson(req.body ?? null).slice(0, 300);
  return { ...req, url: req.url.slice(0, 300), body };
}

export async function runFuzz(
  target: FuzzTarget,
  options: { seed: number; requests: number; onProgress?: (done: number) => void },
): Promise<FuzzSummary> {
  const rng = new Rng(options.seed);
  const { operations, schemas } = operationsOf(target.openapi);
  const tables: { tablename: string }[] = await target.dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
  );
  const columns: { column_name: string }[] = await target.dataSource.query(
    `SELECT DISTINCT column_name FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  // Enum values of the API (e.g. working_committee) are words of the API, not column names.
  const enumValues = new Set(
    (JSON.stringify(target.openapi).match(/"[a-z]+(?:_[a-z]+)+"/g) ?? []).map((v) =>
      v.slice(1, -1),
    ),
  );
  const leaks = new LeakDetector(
    tables.map((t) => t.tablename),
    columns.map((c) => c.column_name).filter((c) => !enumValues.has(c)),
  );
  const watched = WATCHED_TABLES.filter((t) => tables.some((x) => x.tablename === t));
  const values = new ValueGenerator(rng, schemas, target.ids);
  const summary: FuzzSummary = {
    requests: 0,
    serverErrors: 0,
    leaks: 0,
    rejectedWrites: 0,
    seed: options.seed,
    findings: [],
    operations: operations.length,
    statuses: {},
  };
  for (let i = 0; i < options.requests; i++) {
    // Every operation in turn, then at random, so that each is driven in every run.
    const op = i < operations.length ? operations[i] : rng.pick(operations);
    const req = generateRequest(rng, values, op);
    const token =
      req.actor === 'anonymous'
        ? null
        : req.actor === 'bad-token'
          ? rng.pick(['garbage', 'x'.repeat(600), `${target.tokens.admin}x`])
          : target.tokens[req.actor];
    const write = req.method !== 'get';
    const before = write ? await snapshot(target.dataSource, watched) : '';
    const res = await target.send(req, token);
    summary.requests += 1;
    summary.statuses[res.status] = (summary.statuses[res.status] ?? 0) + 1;
    if (res.status >= 500) {
      summary.serverErrors += 1;
      summary.findings.push({
        kind: '5xx',
        request: describe(req),
        status: res.status,
        detail: res.text.slice(0, 300),
      });
    }
    if (res.status >= 400) {
      const leak = leaks.find(res.text);
      if (leak) {
        summary.leaks += 1;
        summary.findings.push({
          kind: 'leak',
          request: describe(req),
          status: res.status,
          detail: `${leak}: ${res.text.slice(0, 300)}`,
        });
      }
      if (write && res.status < 500) {
        const after = await snapshot(target.dataSource, watched);
        if (after !== before) {
          summary.rejectedWrites += 1;
          summary.findings.push({
            kind: 'rejected-write',
            request: describe(req),
            status: res.status,
            detail: `${before} -> ${after}`,
          });
        }
      }
    } else if (res.status < 300) {
      try {
        // A list or create answers with records of the path's last resource; GET /x/{id} with that one.
        const kind = op.path.endsWith('}')
          ? pathKindOf(op.path, op.path.slice(op.path.lastIndexOf('/') + 1))
          : pathKindOf(op.path);
        values.harvest(JSON.parse(res.text), kind);
      } catch {
        // not JSON (HTML minutes, Atom feeds)
      }
    }
    options.onProgress?.(summary.requests);
  }
  return summary;
}

export function summaryLine(s: FuzzSummary): string {
  return `fuzz: ${s.requests} requests, ${s.serverErrors} 5xx, ${s.leaks} leaks, ${s.rejectedWrites} rejected writes, seed ${s.seed}`;
}

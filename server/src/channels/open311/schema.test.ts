import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client } from '../../testing/http.ts';
import { validate, type Schema } from './schemas/validate.ts';
import { readXml } from './schemas/xml.ts';
import { formBody } from './testing.ts';

// Our Open311 endpoint checked against JSON Schemas of GeoReport v2 written from the
// specification (./schemas): what clients send (the POST form, the GET arguments) and every
// document we answer, in JSON and — read by the Spark convention with the same schema — in XML.

const NAMES = ['discovery', 'services', 'service-definition', 'post-request', 'post-response', 'requests', 'requests-query', 'token', 'errors'] as const;
type Name = (typeof NAMES)[number];
const S = Object.fromEntries(NAMES.map((n) => [n, JSON.parse(readFileSync(new URL(`./schemas/${n}.json`, import.meta.url), 'utf8')) as Schema])) as Record<Name, Schema>;
const ROOTS: Record<Name, string> = {
  discovery: 'discovery', services: 'services', 'service-definition': 'service_definition', 'post-request': '', 'post-response': 'service_requests',
  requests: 'service_requests', 'requests-query': '', token: 'service_requests', errors: 'errors',
};

const problems = (name: Name, value: unknown) => validate(S[name], value).map((e) => `${e.path || '/'} ${e.message}`);
const isValid = (name: Name, value: unknown) => problems(name, value).length === 0;

const JSON_TYPE = 'application/json; charset=utf-8';
const XML_TYPE = 'text/xml; charset=utf-8';
const KEY = 'open311-schema-test-key-01';
const BASE = '/open311/v2';

describe('the schema validator', () => {
  const schema: Schema = {
    type: 'object',
    required: ['id'],
    properties: { id: { $ref: '#/$defs/id' }, kind: { enum: ['a', 'b'] }, note: { type: ['string', 'null'], maxLength: 3 }, n: { type: 'integer', minimum: 1 } },
    additionalProperties: false,
    dependentRequired: { kind: ['n'] },
    not: { required: ['note', 'n'] },
    $defs: { id: { type: 'string', pattern: '^\\d{3}$' } },
  };
  it('reports each failure with its JSON Pointer and passes what conforms', () => {
    expect(validate(schema, { id: '123', kind: 'a', n: 2 })).toEqual([]);
    expect(validate(schema, { id: '123', note: '三个字' })).toEqual([]); // length counts characters
    expect(validate(schema, { id: 12 })).toEqual([{ path: '/id', message: 'must be string, is integer' }]);
    expect(validate(schema, { id: '12' })).toEqual([{ path: '/id', message: 'must match ^\\d{3}$' }]);
    expect(validate(schema, {})).toEqual([{ path: '', message: 'id is required' }]);
    expect(validate(schema, { id: '123', kind: 'c', n: 1.5 }).map((e) => e.path)).toEqual(['/kind', '/n']);
    expect(validate(schema, { id: '123', kind: 'a' })).toEqual([{ path: '', message: 'n is required when kind is present' }]);
    expect(validate(schema, { id: '123', extra: 1 })).toEqual([{ path: '/extra', message: 'extra is not allowed' }]);
    expect(validate(schema, { id: '123', note: 'x', n: 1 })).toEqual([{ path: '', message: 'must not match the excluded shape' }]);
    expect(validate(schema, { id: '123', note: '四个汉字' })).toEqual([{ path: '/note', message: 'must have at most 3 characters' }]);
    expect(validate({ oneOf: [{ type: 'number' }, { type: 'integer' }] }, 3)).toEqual([{ path: '', message: 'must match exactly one of 2 alternatives, matches 2' }]);
    expect(validate({ anyOf: [{ type: 'string' }, { type: 'null' }] }, null)).toEqual([]);
  });

  it('refuses a schema with a keyword it does not implement, rather than ignoring it', () => {
    expect(() => validate({ type: 'string', format: 'date-time' }, 'x')).toThrow('unsupported schema keyword format');
    expect(() => validate({ $ref: '#/$defs/missing' }, 'x')).toThrow('does not resolve');
  });
});

describe('the GeoReport v2 schemas hold the specification’s rules', () => {
  const request = {
    service_request_id: '2026112300001', status: 'open', service_name: '路灯', service_code: 'x1', description: '路灯不亮',
    requested_datetime: '2026-11-23T09:00:00+08:00', updated_datetime: '2026-11-23T09:00:00+08:00', address: null, address_id: null, zipcode: null,
    lat: 28.2, long: 112.9, media_url: null,
  };
  it('service requests: status open or closed, w3 times with a zone, descriptions up to 4,000 characters', () => {
    expect(isValid('requests', [request])).toBe(true);
    expect(isValid('requests', [{ ...request, status: 'pending' }])).toBe(false);
    expect(isValid('requests', [{ ...request, requested_datetime: '2026-11-23T09:00:00' }])).toBe(false);
    expect(isValid('requests', [{ ...request, requested_datetime: '2026-11-23 09:00:00Z' }])).toBe(false);
    expect(isValid('requests', [{ ...request, description: '字'.repeat(4001) }])).toBe(false);
    expect(isValid('requests', [{ ...request, lat: 91 }])).toBe(false);
    const { service_code: _, ...noCode } = request;
    expect(isValid('requests', [noCode])).toBe(false);
    expect(isValid('requests', [{ ...request, citizen_phone: '13800000000' }])).toBe(false);
  });

  it('POST answers carry the request id or a token, never both; errors are a non-empty list of {code, description}', () => {
    expect(isValid('post-response', [{ service_request_id: '1', service_notice: null, account_id: null }])).toBe(true);
    expect(isValid('post-response', [{ token: 'abc', service_notice: '稍后可查' }])).toBe(true);
    expect(isValid('post-response', [{ service_notice: 'blackbox' }])).toBe(true);
    expect(isValid('post-response', [{ service_request_id: '1', token: 'abc' }])).toBe(false);
    expect(isValid('errors', [{ code: 400, description: 'service_code was not provided' }])).toBe(true);
    expect(isValid('errors', [])).toBe(false);
    expect(isValid('errors', [{ code: 200, description: 'ok' }])).toBe(false);
    expect(isValid('errors', [{ code: '400', description: 'x' }])).toBe(false);
  });

  it('the POST form needs an api_key, a service_code and a location (lat and long together, or an address)', () => {
    const form = { api_key: 'k', service_code: 's', lat: '28.19', long: '112.98' };
    expect(isValid('post-request', form)).toBe(true);
    expect(isValid('post-request', { api_key: 'k', service_code: 's', address_string: '人民路1号', 'attribute[kinds][]': ['noise', 'dust'], 'attribute[floors]': '3' })).toBe(true);
    expect(isValid('post-request', { api_key: 'k', service_code: 's' })).toBe(false);
    expect(isValid('post-request', { api_key: 'k', service_code: 's', lat: '28.19' })).toBe(false);
    expect(isValid('post-request', { ...form, lat: '91' })).toBe(false);
    expect(isValid('post-request', { ...form, media_url: 'ftp://x' })).toBe(false);
    expect(isValid('post-request', { ...form, nickname: 'x' })).toBe(false);
    const { api_key: _, ...keyless } = form;
    expect(isValid('post-request', keyless)).toBe(false);
  });

  it('services, definitions and discovery: booleans are booleans, list datatypes offer values, endpoint types are production or test', () => {
    const service = { service_code: '001', service_name: '路灯', metadata: true, type: 'realtime' };
    expect(isValid('services', [service, { ...service, service_code: 2 }])).toBe(true);
    expect(isValid('services', [{ ...service, metadata: 'true' }])).toBe(false);
    expect(isValid('services', [{ ...service, type: 'instant' }])).toBe(false);
    const attr = { variable: true, code: 'c', datatype: 'singlevaluelist', required: false, order: 1, description: 'd', values: [{ key: 'a', name: 'A' }] };
    expect(isValid('service-definition', { service_code: '1', attributes: [attr, { ...attr, datatype: 'text', values: [], order: 2 }] })).toBe(true);
    expect(isValid('service-definition', { service_code: '1', attributes: [{ ...attr, values: [] }] })).toBe(false);
    expect(isValid('service-definition', { service_code: '1', attributes: [{ ...attr, order: 0 }] })).toBe(false);
    const endpoint = { specification: 'http://wiki.open311.org/GeoReport_v2', url: 'https://a.example/open311/v2', changeset: '2026-01-01T00:00:00Z', type: 'production', formats: ['text/xml'] };
    expect(isValid('discovery', { changeset: '2026-01-01T00:00:00Z', contact: 'c', endpoints: [endpoint] })).toBe(true);
    expect(isValid('discovery', { changeset: '2026-01-01', contact: 'c', endpoints: [endpoint] })).toBe(false);
    expect(isValid('discovery', { changeset: '2026-01-01T00:00:00Z', contact: 'c', endpoints: [{ ...endpoint, type: 'staging' }] })).toBe(false);
  });

  it('the XML reading refuses what the specification’s plain XML does not have: attributes, foreign list items, no declaration', () => {
    const decl = '<?xml version="1.0" encoding="utf-8"?>\n';
    const ok = readXml(`${decl}<errors><error><code>400</code><description>x</description></error></errors>`, S.errors, 'errors');
    expect(ok).toEqual({ value: [{ code: 400, description: 'x' }], problems: [] });
    expect(readXml(`${decl}<errors xmlns="urn:x"><error><code>400</code><description>x</description></error></errors>`, S.errors, 'errors').problems).toEqual([
      '/errors: attribute xmlns (the specification\'s XML has no attributes or namespaces)',
    ]);
    expect(readXml(`${decl}<errors><problem/></errors>`, S.errors, 'errors').problems).toEqual(['/errors: <problem> inside <errors>, which holds only <error>']);
    expect(readXml('<errors></errors>', S.errors, 'errors').problems).toEqual(['the document must start with <?xml version="1.0" encoding="utf-8"?>']);
    expect(readXml(`${decl}<errors><error></errors>`, S.errors, 'errors').problems[0]).toMatch(/^not well-formed XML/);
    expect(readXml(`${decl}<error_list/>`, S.errors, 'errors').problems).toContain('the root element must be <errors>, found <error_list>');
  });
});

/** JSON with null and empty text taken as the same, which is all XML can say. */
const loose = (v: unknown): unknown =>
  v === null || v === '' ? '' : Array.isArray(v) ? v.map(loose) : typeof v === 'object' ? Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, loose(x)])) : v;

describe('our Open311 endpoint, in JSON and XML, against the schemas', () => {
  let p: TestPlatform;
  let service: { id: string; name: string };
  let subcategory: string;

  /** One answer checked in the format it was asked for; returns the document (XML read back by the schema). */
  function check(res: { statusCode: number; headers: Record<string, unknown>; body: string }, format: 'json' | 'xml', name: Name, status = 200): unknown {
    expect([res.statusCode, res.headers['content-type']]).toEqual([status, format === 'json' ? JSON_TYPE : XML_TYPE]);
    if (format === 'json') {
      const doc = JSON.parse(res.body) as unknown;
      expect(problems(name, doc)).toEqual([]);
      return doc;
    }
    const reading = readXml(res.body, S[name], ROOTS[name]);
    expect(reading.problems).toEqual([]);
    expect(problems(name, reading.value)).toEqual([]);
    return reading.value;
  }

  /** GET in both formats; both valid, and the same document. */
  async function getBoth(path: string, name: Name, query = '', status = 200): Promise<unknown> {
    const q = query ? `?${query}` : '';
    const json = check(await p.app.inject({ url: `${BASE}/${path}.json${q}` }), 'json', name, status);
    const xml = check(await p.app.inject({ url: `${BASE}/${path}.xml${q}` }), 'xml', name, status);
    expect(loose(xml)).toEqual(loose(json));
    return json;
  }

  const post = (format: 'json' | 'xml', fields: Record<string, string | string[]>) =>
    p.app.inject({ method: 'POST', url: `${BASE}/requests.${format}`, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, payload: formBody(fields) });

  beforeAll(async () => {
    p = await createTestPlatform({ env: { OPEN311_API_KEY: KEY, PUBLIC_URL: 'https://hotline.example.gov.cn' } });
    const admin = client(p.app, await p.login('admin'));
    const cats = (await admin.get('/api/v1/categories')).body as { id: string; parentId: string | null; name: string; level: number }[];
    service = cats.find((c) => c.level === 2 && cats.some((x) => x.parentId === c.id))!;
    subcategory = cats.find((c) => c.parentId === service.id)!.id;
    // Administrators' questions of every datatype, so the definition shows them all.
    const add = (x: object) => admin.post('/api/v1/open311/attributes', { categoryId: service.id, ...x });
    expect((await add({ code: 'floors', datatype: 'number', description: '涉及楼层数', sort: 1 })).status).toBe(201);
    expect((await add({ code: 'since', datatype: 'datetime', description: '问题开始时间', sort: 2 })).status).toBe(201);
    expect((await add({ code: 'kinds', datatype: 'multivaluelist', description: '现象', sort: 3, values: [{ key: 'noise', name: '噪声' }, { key: 'dust', name: '扬尘' }] })).status).toBe(201);
  });
  afterAll(() => p?.close());

  it('discovery, the service list and a service definition are valid documents in both formats', async () => {
    const discovery = (await getBoth('discovery', 'discovery')) as { endpoints: { formats: string[] }[] };
    expect(discovery.endpoints[0]!.formats).toContain('text/xml'); // XML is the required format
    const services = (await getBoth('services', 'services')) as { service_code: string }[];
    expect(services.map((s) => s.service_code)).toContain(service.id);
    const def = (await getBoth(`services/${service.id}`, 'service-definition')) as { attributes: { code: string; datatype: string }[] };
    expect(def.attributes.map((a) => [a.code, a.datatype])).toEqual(
      expect.arrayContaining([['subcategory', 'singlevaluelist'], ['appeal_type', 'singlevaluelist'], ['floors', 'number'], ['since', 'datetime'], ['kinds', 'multivaluelist']]),
    );
  });

  it('POST forms that conform are accepted in both formats with a valid answer naming the new request', async () => {
    const forms: Record<string, string | string[]>[] = [
      { api_key: KEY, jurisdiction_id: 'a.gov.cn', service_code: service.id, lat: '28.1941', long: '112.9823', description: '路口信号灯不亮，晚高峰车辆拥堵。', 'attribute[subcategory]': subcategory },
      { api_key: KEY, service_code: service.id, address_string: '人民路18号小区北门', first_name: '明', last_name: '王', phone: '13812340000', email: 'wang@example.com', account_id: 'acct-9', media_url: 'https://img.example.com/a.jpg' },
      { api_key: KEY, service_code: service.id, address_string: '解放西路工地', description: '夜间施工', 'attribute[kinds][]': ['noise', 'dust'], 'attribute[floors]': '6', 'attribute[since]': '2026-11-20T22:00:00+08:00', 'attribute[appeal_type]': 'complaint' },
    ];
    for (const form of forms) {
      expect(problems('post-request', form)).toEqual([]);
      for (const format of ['json', 'xml'] as const) {
        const [answer] = check(await post(format, form), format, 'post-response') as { service_request_id?: string; token?: string }[];
        // Our services are realtime: the id comes back at once, no token.
        expect(answer!.service_request_id).toMatch(/^\d{13}$/);
        expect(answer).not.toHaveProperty('token');
      }
    }
  });

  it('GET requests with the specification’s arguments, one request, and a token answer valid documents as the order moves on', async () => {
    const res = await post('json', { api_key: KEY, service_code: service.id, lat: '28.2', long: '112.9', description: '小区路灯整排不亮。' });
    const id = (JSON.parse(res.body) as { service_request_id: string }[])[0]!.service_request_id;
    const queries = ['', 'status=open', `service_code=${service.id}`, 'start_date=2026-11-01T00:00:00Z&end_date=2026-11-30T00:00:00%2B08:00', `service_request_id=${id}`, 'status=open,closed'];
    for (const query of queries) {
      expect(problems('requests-query', Object.fromEntries(new URLSearchParams(query)))).toEqual([]);
      expect(((await getBoth('requests', 'requests', query)) as unknown[]).length).toBeGreaterThan(0);
    }

    // Dispatched, handled and closed: agency_responsible, expected_datetime, status closed.
    const [{ id: orderId }] = (await p.ctx.db.query<{ id: string }>('SELECT id FROM work_orders WHERE tracking_number = $1', [id])) as [{ id: string }];
    const dispatcher = client(p.app, await p.login('dispatcher'));
    const handler = client(p.app, await p.login('handler'));
    expect((await dispatcher.act(orderId, 'dispatch', { leadDepartmentId: p.ids.departments.get('A市住房和城乡建设局')! })).status).toBe(200);
    const [open] = (await getBoth(`requests/${id}`, 'requests')) as Record<string, unknown>[];
    expect(open).toMatchObject({ status: 'open', agency_responsible: 'A市住房和城乡建设局', expected_datetime: expect.any(String) });
    expect((await handler.act(orderId, 'accept')).status).toBe(200);
    expect((await handler.act(orderId, 'reply', { content: '已更换路灯控制器，恢复照明。' })).status).toBe(200);
    expect((await client(p.app, await p.login('dept_leader')).act(orderId, 'review', { approve: true })).status).toBe(200);
    expect((await dispatcher.act(orderId, 'close')).status).toBe(200);
    const [closed] = (await getBoth(`requests/${id}`, 'requests')) as Record<string, unknown>[];
    expect(closed).toMatchObject({ status: 'closed', expected_datetime: null });
    expect(((await getBoth('requests', 'requests', 'status=closed')) as { service_request_id: string }[]).map((r) => r.service_request_id)).toContain(id);

    const [{ token }] = (await p.ctx.db.query<{ token: string }>('SELECT r.token FROM open311_requests r WHERE r.work_order_id = $1', [orderId])) as [{ token: string }];
    expect(await getBoth(`tokens/${token}`, 'token')).toEqual([{ service_request_id: id, token }]);
  });

  it('what the request schemas refuse, the endpoint refuses too, with a valid error document in both formats', async () => {
    const base = { api_key: KEY, service_code: service.id };
    const refused: [Record<string, string>, number][] = [
      [{ api_key: KEY, lat: '28.2', long: '112.9' }, 400], // no service_code
      [base, 400], // no location
      [{ ...base, lat: '28.2' }, 400], // lat without long
      [{ ...base, lat: '95', long: '112.9' }, 400],
      [{ ...base, address_string: '人民路', description: '长'.repeat(4001) }, 400],
      [{ ...base, address_string: '人民路', media_url: 'javascript:alert(1)' }, 400],
      [{ service_code: service.id, address_string: '人民路' }, 403], // no api_key
    ];
    for (const [form, status] of refused) {
      expect(isValid('post-request', form)).toBe(false);
      for (const format of ['json', 'xml'] as const) {
        const errors = check(await post(format, form), format, 'errors', status) as { code: number }[];
        expect(errors.every((e) => e.code === status)).toBe(true);
      }
    }
    // A conforming form the endpoint still refuses for what only it knows: a key it never issued, a service it does not offer.
    for (const [form, status] of [[{ ...base, api_key: 'not-a-key-we-issued', address_string: '人民路' }, 403], [{ ...base, service_code: '00000000-0000-4000-8000-000000000000', address_string: '人民路' }, 404]] as const) {
      expect(isValid('post-request', form)).toBe(true);
      for (const format of ['json', 'xml'] as const) check(await post(format, form), format, 'errors', status);
    }
    expect(isValid('requests-query', { status: 'pending' })).toBe(false);
    await getBoth('requests', 'errors', 'status=pending', 400);
    await getBoth('requests', 'errors', 'start_date=2026-11-01', 400);
    await getBoth('requests/9999999999999', 'errors', '', 404);
    await getBoth('services/00000000-0000-4000-8000-000000000000', 'errors', '', 404);
  });
});

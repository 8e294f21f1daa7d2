import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client } from '../../testing/http.ts';
import { postRequest, sparkFromXml } from './testing.ts';

const KEY = 'open311-config-key-0002';
let p: TestPlatform;
let admin: ReturnType<typeof client>;
let code: string;
beforeAll(async () => {
  p = await createTestPlatform({ env: { OPEN311_API_KEY: KEY } });
  admin = client(p.app, await p.login('admin'));
  code = (await p.app.inject({ url: '/open311/v2/services.json' })).json()[0].service_code;
});
afterAll(() => p?.close());

const valid = () => ({ api_key: KEY, service_code: code, lat: '28.2', long: '112.9', description: '路面塌陷' });

/** Posts in both formats and checks both carry the same status and descriptions. */
async function errorsOf(fields: Record<string, string | string[] | undefined>, status: number): Promise<string[]> {
  const [xml, json] = await Promise.all([postRequest(p.app, 'xml', fields), postRequest(p.app, 'json', fields)]);
  expect([xml.statusCode, json.statusCode]).toEqual([status, status]);
  expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
  const list = json.json() as { code: number; description: string }[];
  expect(list.every((e) => e.code === status)).toBe(true);
  expect(sparkFromXml(xml.body)).toEqual(list.map((e) => ({ code: String(e.code), description: e.description })));
  return list.map((e) => e.description);
}

describe('Open311 errors: api_key', () => {
  it('answers 403 for a missing, unknown or revoked api_key, and accepts it from the header or query too', async () => {
    expect(await errorsOf({ ...valid(), api_key: undefined }, 403)).toEqual([expect.stringContaining('api_key was not provided')]);
    expect(await errorsOf({ ...valid(), api_key: 'not-a-key' }, 403)).toEqual(['invalid api_key: unknown or revoked']);
    const center = p.ids.departments.get('A市12345政务服务便民热线中心')!;
    const issued = (await admin.post('/api/v1/api-keys', { name: '待吊销', role: 'agent', departmentId: center })).body;
    expect((await postRequest(p.app, 'json', { ...valid(), api_key: issued.key })).statusCode).toBe(200);
    await admin.del(`/api/v1/api-keys/${issued.id}`);
    expect(await errorsOf({ ...valid(), api_key: issued.key }, 403)).toEqual(['invalid api_key: unknown or revoked']);
    const header = await p.app.inject({
      method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-api-key': KEY },
      payload: new URLSearchParams({ ...valid(), api_key: '' }).toString(),
    });
    expect(header.statusCode).toBe(200);
    const query = await p.app.inject({
      method: 'POST', url: `/open311/v2/requests.json?api_key=${KEY}`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ service_code: code, address_string: '人民路 1 号' }).toString(),
    });
    expect(query.statusCode).toBe(200);
  });

  it('checks the api_key before anything else', async () => {
    expect(await errorsOf({ service_code: 'nope' }, 403)).toEqual([expect.stringContaining('api_key')]);
  });
});

describe('Open311 errors: POST arguments', () => {
  it('service_code: 400 when absent, 404 when unknown', async () => {
    expect(await errorsOf({ ...valid(), service_code: undefined }, 400)).toEqual(['service_code was not provided']);
    expect(await errorsOf({ ...valid(), service_code: '00000000-0000-4000-8000-00000000000a' }, 404)).toEqual(['service_code 00000000-0000-4000-8000-00000000000a was not found']);
    expect(await errorsOf({ ...valid(), service_code: 'potholes' }, 404)).toEqual(['service_code potholes was not found']);
  });

  it('location: one of lat+long, address_string or address_id, each checked', async () => {
    expect(await errorsOf({ ...valid(), lat: undefined, long: undefined }, 400)).toEqual(['a location is required: lat and long, or address_string, or address_id']);
    expect(await errorsOf({ ...valid(), long: undefined }, 400)).toEqual(['lat and long must be sent together']);
    expect(await errorsOf({ ...valid(), lat: '91' }, 400)).toEqual([expect.stringContaining('lat must be a WGS84 latitude')]);
    expect(await errorsOf({ ...valid(), long: 'east' }, 400)).toEqual([expect.stringContaining('long must be a WGS84 longitude')]);
    expect(await errorsOf({ ...valid(), lat: undefined, long: undefined, address_id: 'Z9-9' }, 400)).toEqual(['address_id Z9-9 is not an address code of this city']);
  });

  it('reports every problem of one request together', async () => {
    const problems = await errorsOf(
      { ...valid(), lat: undefined, long: undefined, phone: 'call me', email: 'nobody', media_url: 'javascript:alert(1)', description: 'x'.repeat(4001) },
      400,
    );
    expect(problems).toEqual([
      'a location is required: lat and long, or address_string, or address_id',
      'description must be at most 4000 characters, got 4001',
      'phone must be 3 to 20 digits',
      'email is not an e-mail address',
      'media_url must be an http or https URL of at most 1000 characters',
    ]);
  });

  it('escapes what the client sent when it appears in an XML error', async () => {
    const xml = await postRequest(p.app, 'xml', { ...valid(), 'attribute[<b>&"x"]': '1' });
    expect(xml.statusCode).toBe(400);
    expect(sparkFromXml(xml.body)).toEqual([{ code: '400', description: 'attribute[<b>&"x"] is not an attribute of this service' }]);
  });

  it('wants the form encoding the spec prescribes', async () => {
    const json = await p.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: valid() });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toEqual([{ code: 400, description: 'send the arguments as application/x-www-form-urlencoded' }]);
    const text = await p.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(400);
    expect(sparkFromXml(text.body)).toEqual([{ code: '400', description: 'send the arguments as application/x-www-form-urlencoded' }]);
    const big = await postRequest(p.app, 'json', { ...valid(), description: 'x'.repeat(70 * 1024) });
    expect(big.statusCode).toBe(400);
    expect(big.json()[0].description).toBe('the request body is too large');
  });

  it('keeps XML well-formed when a citizen’s text holds characters XML cannot carry', async () => {
    const res = await postRequest(p.app, 'json', { ...valid(), description: 'bell\u0007 and\u0000 nul' });
    const id = res.json()[0].service_request_id;
    const xml = await p.app.inject({ url: `/open311/v2/requests/${id}.xml` });
    expect((sparkFromXml(xml.body) as { description: string }[])[0]!.description).toBe('bell and nul');
    expect((await p.app.inject({ url: `/open311/v2/requests/${id}.json` })).json()[0].description).toBe('bell and nul');
    // Text that reached the order another way is cleaned on the way out, identically in both formats.
    await p.ctx.db.query(`UPDATE work_orders SET content = 'vertical' || chr(11) || 'tab' WHERE tracking_number = $1`, [id]);
    const again = await p.app.inject({ url: `/open311/v2/requests/${id}.xml` });
    expect((sparkFromXml(again.body) as { description: string }[])[0]!.description).toBe('verticaltab');
    expect((await p.app.inject({ url: `/open311/v2/requests/${id}.json` })).json()[0].description).toBe('verticaltab');
  });
});

describe('Open311 errors: lookups', () => {
  it('answers 404 for unknown requests and tokens in either format', async () => {
    for (const url of ['/open311/v2/requests/2026010199999', '/open311/v2/requests/abc', '/open311/v2/tokens/00000000-0000-4000-8000-000000000000', '/open311/v2/tokens/x']) {
      const xml = await p.app.inject({ url: `${url}.xml` });
      const json = await p.app.inject({ url: `${url}.json` });
      expect([xml.statusCode, json.statusCode]).toEqual([404, 404]);
      expect(sparkFromXml(xml.body)).toEqual([{ code: '404', description: expect.stringContaining('was not found') }]);
      expect(json.json()).toEqual([{ code: 404, description: expect.stringContaining('was not found') }]);
    }
  });
});

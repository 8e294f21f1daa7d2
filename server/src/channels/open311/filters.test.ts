import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client } from '../../testing/http.ts';
import { asXmlStrings, postRequest, sparkFromXml } from './testing.ts';

const KEY = 'open311-config-key-0003';
const DAY = 86_400_000;
let p: TestPlatform;
let s1: string;
let s2: string;
const ids: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };
const T0 = '2026-11-23T09:00:00+08:00';

beforeAll(async () => {
  p = await createTestPlatform({ env: { OPEN311_API_KEY: KEY } });
  const services = (await p.app.inject({ url: '/open311/v2/services.json' })).json();
  s1 = services[0].service_code;
  s2 = services[1].service_code;
  const at = async (daysAgo: number, service: string) => {
    p.clock.set(new Date(new Date(T0).getTime() - daysAgo * DAY));
    const r = await postRequest(p.app, 'json', { api_key: KEY, service_code: service, address_string: `第 ${daysAgo} 天的地址`, description: `${daysAgo} 天前的诉求` });
    return r.json()[0].service_request_id as string;
  };
  ids.a = await at(100, s1);
  ids.b = await at(10, s1);
  ids.c = await at(5, s2);
  ids.d = await at(1, s2);
  p.clock.set(T0);
  const dispatcher = client(p.app, await p.login('dispatcher'));
  const list = await dispatcher.get(`/api/v1/work-orders?q=${ids.b}`);
  expect((await dispatcher.act(list.body.items[0].id, 'cancel', { reason: '重复提交' })).status).toBe(200);
});
afterAll(() => p?.close());

async function list(query: string): Promise<string[]> {
  const [json, xml] = await Promise.all([p.app.inject({ url: `/open311/v2/requests.json?${query}` }), p.app.inject({ url: `/open311/v2/requests.xml?${query}` })]);
  expect([json.statusCode, xml.statusCode]).toEqual([200, 200]);
  expect(sparkFromXml(xml.body)).toEqual(asXmlStrings(json.json()));
  return (json.json() as { service_request_id: string }[]).map((r) => r.service_request_id);
}

async function problem(query: string): Promise<string> {
  const res = await p.app.inject({ url: `/open311/v2/requests.json?${query}` });
  expect(res.statusCode).toBe(400);
  const xml = await p.app.inject({ url: `/open311/v2/requests.xml?${query}` });
  expect(xml.statusCode).toBe(400);
  expect(sparkFromXml(xml.body)).toEqual(asXmlStrings(res.json()));
  return res.json()[0].description;
}

describe('GET requests filters', () => {
  it('defaults to the last 90 days, newest first', async () => {
    expect(await list('')).toEqual([ids.d, ids.c, ids.b]);
  });

  it('filters by service_code and by status (cancelled counts as closed), comma lists or repeated', async () => {
    expect(await list(`service_code=${s1}`)).toEqual([ids.b]);
    expect(await list(`service_code=${s1},${s2}`)).toEqual([ids.d, ids.c, ids.b]);
    expect(await list('status=closed')).toEqual([ids.b]);
    expect(await list('status=open')).toEqual([ids.d, ids.c]);
    expect(await list('status=open&status=closed')).toEqual([ids.d, ids.c, ids.b]);
    expect(await list(`status=open&service_code=${s1}`)).toEqual([]);
    const [closed] = (await p.app.inject({ url: `/open311/v2/requests/${ids.b}.json` })).json();
    expect(closed).toMatchObject({ status: 'closed', status_notes: '已撤销' });
  });

  it('takes start_date and end_date, each defaulting to 90 days from the other', async () => {
    const ago = (d: number) => encodeURIComponent(new Date(new Date(T0).getTime() - d * DAY).toISOString());
    expect(await list(`start_date=${ago(6)}`)).toEqual([ids.d, ids.c]);
    expect(await list(`end_date=${ago(7)}`)).toEqual([ids.b]);
    expect(await list(`start_date=${ago(101)}`)).toEqual([ids.a]);
    expect(await list(`start_date=${ago(6)}&end_date=${ago(2)}`)).toEqual([ids.c]);
    // An unencoded "+08:00" arrives as a space; it is still understood.
    expect(await list('start_date=2026-11-18T00:00:00+08:00')).toEqual([ids.d, ids.c]);
  });

  it('service_request_id overrides every other argument, the 90-day window included', async () => {
    expect(await list(`service_request_id=${ids.a},${ids.c}&status=closed&service_code=${s1}`)).toEqual([ids.c, ids.a]);
    expect(await list(`service_request_id=${ids.a}&service_request_id=2026010100000`)).toEqual([ids.a]);
  });

  it('refuses bad arguments with 400 and says which', async () => {
    expect(await problem('start_date=2026-01-01')).toContain('start_date must be a w3 date and time with a time zone');
    expect(await problem('end_date=2026-01-01T00:00:00')).toContain('end_date must be a w3 date');
    expect(await problem('start_date=yesterday')).toContain('got "yesterday"');
    expect(await problem('start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z')).toBe('start_date and end_date may not span more than 90 days');
    expect(await problem('start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z')).toBe('start_date is after end_date');
    expect(await problem('status=pending')).toBe('status must be open or closed, got "pending"');
    expect(await problem('service_code=potholes')).toBe('service_code potholes is not a service code');
    expect(await problem('service_request_id=12,abc')).toBe('service_request_id 12 is not a request id (13 digits)');
  });

  it('returns at most 1000 requests', async () => {
    // 1,005 more Open311 orders written directly: going through POST a thousand times adds nothing here.
    await p.ctx.db.query(
      `WITH o AS (
         INSERT INTO work_orders (tracking_number, query_code, channel, type, urgency, title, content, citizen_phone, status, center_department_id, created_at, updated_at, search_vector)
         SELECT '2025' || lpad(g::text, 9, '0'), '000000', 'open311', 'help', 'normal', 't', 'bulk', '', 'registered',
                (SELECT id FROM departments WHERE kind = 'center'), $1::timestamptz - g * interval '1 minute', $1::timestamptz, ''::tsvector
           FROM generate_series(0, 1004) g
         RETURNING id, created_at)
       INSERT INTO open311_requests (work_order_id, token, service_code, api_key_name, created_at)
       SELECT id, gen_random_uuid()::text, $2, 'bulk', created_at FROM o`,
      [new Date(T0), s2],
    );
    const all = await list(`service_code=${s2}`);
    expect(all).toHaveLength(1000);
  });
});

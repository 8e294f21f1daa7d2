import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client } from '../../testing/http.ts';
import { asXmlStrings, getBoth, postRequest, sparkFromXml } from './testing.ts';

const KEY = 'open311-config-key-0001';
let p: TestPlatform;
let admin: ReturnType<typeof client>;
let dispatcher: ReturnType<typeof client>;
let service: { id: string; name: string };
let subcategory: { id: string; name: string };
beforeAll(async () => {
  p = await createTestPlatform({ env: { OPEN311_API_KEY: KEY } });
  admin = client(p.app, await p.login('admin'));
  dispatcher = client(p.app, await p.login('dispatcher'));
  const cats = (await admin.get('/api/v1/categories')).body as { id: string; parentId: string | null; name: string; level: number }[];
  const s = cats.find((c) => c.level === 2 && cats.some((x) => x.parentId === c.id))!;
  service = s;
  subcategory = cats.find((c) => c.parentId === s.id)!;
});
afterAll(() => p?.close());

async function order(trackingNumber: string) {
  const list = await dispatcher.get(`/api/v1/work-orders?q=${trackingNumber}`);
  return (await dispatcher.get(`/api/v1/work-orders/${list.body.items[0].id}`)).body;
}

describe('POST requests', () => {
  it('registers a work order on the open311 channel from the form fields (JSON answer)', async () => {
    const res = await postRequest(p.app, 'json', {
      api_key: KEY, jurisdiction_id: 'a.gov.cn', service_code: service.id, lat: '28.1941', long: '112.9823',
      address_string: '枫林路与桐梓坡路交叉口', first_name: '三', last_name: '张', phone: '13812345678', email: 'zhang@example.com',
      device_id: 'dev-1', account_id: 'acct-77', description: '路口信号灯不亮，晚高峰很危险。', media_url: 'https://img.example.com/1.jpg',
      'attribute[subcategory]': subcategory.id, 'attribute[appeal_type]': 'complaint',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const [answer] = res.json();
    expect(answer).toEqual({ service_request_id: expect.stringMatching(/^\d{13}$/), service_notice: expect.stringContaining('查询码'), account_id: 'acct-77' });
    expect(answer).not.toHaveProperty('token');
    const o = await order(answer.service_request_id);
    expect(o).toMatchObject({
      channel: 'open311', type: 'complaint', status: 'registered', categoryId: subcategory.id,
      content: '路口信号灯不亮，晚高峰很危险。',
      address: '枫林路与桐梓坡路交叉口', lat: 28.1941, lng: 112.9823,
      citizen: expect.objectContaining({ name: '张三', phone: '13812345678', email: 'zhang@example.com' }),
    });
    // The query code in the notice lets the submitter follow the order on the public page.
    const code = /查询码 (\d{6})/.exec(answer.service_notice)![1];
    expect((await p.app.inject({ url: `/api/v1/public/work-orders/${answer.service_request_id}?code=${code}` })).statusCode).toBe(200);
    const [audit] = await p.ctx.db.query<{ actor_name: string }>("SELECT actor_name FROM audit_log WHERE action = 'workOrder.register' AND entity_id = $1", [o.id]);
    expect(audit!.actor_name).toBe('system:open311:config');
  });

  it('answers in XML, maps address_id to the gazetteer and accepts a key issued by an administrator', async () => {
    const center = p.ids.departments.get('A市12345政务服务便民热线中心')!;
    const issued = await admin.post('/api/v1/api-keys', { name: '城市随手拍', role: 'agent', departmentId: center });
    const [street] = await p.ctx.db.query<{ code: string; id: string; parent_id: string }>("SELECT code, id, parent_id FROM regions WHERE level = 'street' ORDER BY code LIMIT 1");
    const res = await postRequest(p.app, 'xml', { api_key: issued.body.key, service_code: service.id, address_id: street!.code, description: 'Sidewalk tiles are broken' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    const [answer] = sparkFromXml(res.body) as { service_request_id: string; account_id: string }[];
    expect(answer!.account_id).toBe('');
    const o = await order(answer!.service_request_id);
    expect(o).toMatchObject({ districtId: street!.parent_id, streetId: street!.id, address: expect.stringMatching(/区.+/) });
    expect(o.type).toBe('help');
    expect(o.citizen.anonymous).toBe(true);
    const [audit] = await p.ctx.db.query<{ actor_name: string }>("SELECT actor_name FROM audit_log WHERE action = 'workOrder.register' AND entity_id = $1", [o.id]);
    expect(audit!.actor_name).toBe('system:open311:城市随手拍');
  });

  it('checks every attribute datatype and writes the answers into the order', async () => {
    const add = (x: object) => admin.post('/api/v1/open311/attributes', { categoryId: service.id, ...x });
    await add({ code: 'floors', datatype: 'number', description: '楼层数', required: true, sort: 1 });
    await add({ code: 'since', datatype: 'datetime', description: '开始时间', sort: 2 });
    await add({ code: 'plate', datatype: 'string', description: '车牌', sort: 3 });
    await add({ code: 'more', datatype: 'text', description: '补充', sort: 4 });
    await add({ code: 'shift', datatype: 'singlevaluelist', description: '时段', sort: 5, values: [{ key: 'day', name: '白天' }, { key: 'night', name: '夜间' }] });
    await add({ code: 'kinds', datatype: 'multivaluelist', description: '现象', sort: 6, values: [{ key: 'noise', name: '噪声' }, { key: 'dust', name: '扬尘' }] });
    const base = { api_key: KEY, service_code: service.id, lat: '28.2', long: '112.9', description: '工地夜间施工' };

    const bad = await postRequest(p.app, 'json', {
      ...base, 'attribute[since]': 'yesterday', 'attribute[plate]': 'A\nB', 'attribute[shift]': ['day', 'night'],
      'attribute[kinds][]': ['noise', 'smoke'], 'attribute[unknown]': 'x',
    });
    expect(bad.statusCode).toBe(400);
    const descriptions = (bad.json() as { code: number; description: string }[]).map((e) => e.description);
    expect(descriptions).toEqual(expect.arrayContaining([
      'attribute[unknown] is not an attribute of this service',
      'attribute[floors] (楼层数) is required',
      expect.stringContaining('attribute[since] must be an ISO 8601 date'),
      expect.stringContaining('attribute[plate] must be one line'),
      'attribute[shift] takes one value, got 2',
      'attribute[kinds] has no value with key "smoke"',
    ]));
    expect(bad.json().every((e: { code: number }) => e.code === 400)).toBe(true);
    expect((await postRequest(p.app, 'json', { ...base, 'attribute[floors]': '3 层' })).json()[0].description).toContain('must be a number');

    const good = await postRequest(p.app, 'json', {
      ...base, 'attribute[floors]': '3', 'attribute[since]': '2026-11-20T22:00:00+08:00', 'attribute[plate]': '湘A12345',
      'attribute[more]': '第一行\n第二行', 'attribute[shift]': 'night', 'attribute[kinds][]': ['noise', 'dust'],
    });
    expect(good.statusCode).toBe(200);
    const o = await order(good.json()[0].service_request_id);
    expect(o.content).toBe('工地夜间施工\n楼层数：3\n开始时间：2026-11-20T22:00:00+08:00\n车牌：湘A12345\n补充：第一行\n第二行\n时段：夜间\n现象：噪声、扬尘');
    const [stored] = await p.ctx.db.query<{ attributes: Record<string, unknown> }>('SELECT attributes FROM open311_requests WHERE work_order_id = $1', [o.id]);
    expect(stored!.attributes).toEqual({ floors: 3, since: '2026-11-20T14:00:00.000Z', plate: '湘A12345', more: '第一行\n第二行', shift: 'night', kinds: ['noise', 'dust'] });
    await p.ctx.db.query('DELETE FROM open311_attributes');
  });

  it('in batch mode answers with a token that tokens/{token} resolves, in both formats', async () => {
    p.ctx.env.OPEN311_SERVICE_TYPE = 'batch';
    try {
      const services = (await p.app.inject({ url: '/open311/v2/services.json' })).json();
      expect(services.every((s: { type: string }) => s.type === 'batch')).toBe(true);
      const res = await postRequest(p.app, 'xml', { api_key: KEY, service_code: service.id, address_string: '岳麓大道 1 号', description: '井盖缺失' });
      const [answer] = sparkFromXml(res.body) as { token: string; service_request_id?: string }[];
      expect(answer!.token).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer).not.toHaveProperty('service_request_id');
      const { xml, json } = await getBoth(p.app, `/open311/v2/tokens/${answer!.token}`);
      const [resolved] = json.json();
      expect(resolved).toEqual({ service_request_id: expect.stringMatching(/^\d{13}$/), token: answer!.token });
      expect(sparkFromXml(xml.body)).toEqual(asXmlStrings(json.json()));
      expect((await order(resolved.service_request_id)).content).toBe('井盖缺失');
    } finally {
      p.ctx.env.OPEN311_SERVICE_TYPE = 'realtime';
    }
  });
});

describe('GET requests', () => {
  it('shows one request in both formats, open then closed as the order moves, and never personal data', async () => {
    const posted = await postRequest(p.app, 'json', {
      api_key: KEY, service_code: service.id, lat: '28.2', long: '112.9', first_name: 'Li', last_name: 'Wei', phone: '13900001111',
      email: 'liwei@example.com', account_id: 'acct-secret', device_id: 'device-secret',
      description: '楼道灯坏了，联系我 13900001111 或 liwei@example.com', media_url: 'https://img.example.com/2.jpg',
    });
    const id = posted.json()[0].service_request_id as string;
    const first = await getBoth(p.app, `/open311/v2/requests/${id}`);
    const [r] = first.json.json();
    expect(r).toEqual({
      service_request_id: id, status: 'open', status_notes: '待派单', service_name: service.name, service_code: service.id,
      description: '楼道灯坏了，联系我 139****1111 或 l***@example.com', agency_responsible: null, service_notice: null,
      requested_datetime: '2026-11-23T09:00:00+08:00', updated_datetime: '2026-11-23T09:00:00+08:00', expected_datetime: null,
      address: null, address_id: null, zipcode: null, lat: 28.2, long: 112.9, media_url: 'https://img.example.com/2.jpg',
    });
    expect(sparkFromXml(first.xml.body)).toEqual(asXmlStrings(first.json.json()));
    for (const secret of ['Li Wei', '13900001111', 'liwei@', 'acct-secret', 'device-secret']) {
      expect(first.json.body).not.toContain(secret);
      expect(first.xml.body).not.toContain(secret);
    }

    // Through the lifecycle: dispatched to the housing bureau, handled, replied, reviewed, closed.
    const o = await order(id);
    const housing = p.ids.departments.get('A市住房和城乡建设局')!;
    p.clock.advance(3600_000);
    expect((await dispatcher.act(o.id, 'dispatch', { leadDepartmentId: housing })).status).toBe(200);
    const handler = client(p.app, await p.login('handler'));
    await handler.act(o.id, 'accept');
    const dispatched = (await p.app.inject({ url: `/open311/v2/requests/${id}.json` })).json()[0];
    expect(dispatched).toMatchObject({ status: 'open', status_notes: '办理中', agency_responsible: 'A市住房和城乡建设局', expected_datetime: expect.stringMatching(/\+08:00$/) });
    await handler.act(o.id, 'reply', { content: '已更换灯泡。' });
    await client(p.app, await p.login('dept_leader')).act(o.id, 'review', { approve: true });
    p.clock.advance(3600_000);
    expect((await dispatcher.act(o.id, 'close', {})).status).toBe(200);
    const closed = (await p.app.inject({ url: `/open311/v2/requests/${id}.json` })).json()[0];
    expect(closed).toMatchObject({ status: 'closed', status_notes: '已办结', updated_datetime: '2026-11-23T11:00:00+08:00', expected_datetime: null });
    expect(JSON.stringify(closed)).not.toContain('已更换灯泡');
  });

  it('lists only Open311 requests, never confidential ones, and answers 404 for others', async () => {
    const phone = await dispatcher.post('/api/v1/work-orders', { channel: 'phone', type: 'help', content: '电话来的诉求', citizen: { name: '王五', phone: '13700000000' } });
    const tn = phone.body.trackingNumber as string;
    expect((await p.app.inject({ url: `/open311/v2/requests/${tn}.json` })).statusCode).toBe(404);
    const listed = (await p.app.inject({ url: '/open311/v2/requests.json' })).json() as { service_request_id: string }[];
    expect(listed.map((r) => r.service_request_id)).not.toContain(tn);
    const mine = listed[0]!.service_request_id;
    await p.ctx.db.query('UPDATE work_orders SET confidential = true WHERE tracking_number = $1', [mine]);
    expect((await p.app.inject({ url: `/open311/v2/requests/${mine}.xml` })).statusCode).toBe(404);
    expect(((await p.app.inject({ url: '/open311/v2/requests.json' })).json() as { service_request_id: string }[]).map((r) => r.service_request_id)).not.toContain(mine);
    await p.ctx.db.query('UPDATE work_orders SET confidential = false WHERE tracking_number = $1', [mine]);
  });
});

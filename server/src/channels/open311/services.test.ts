import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/testPlatform.ts';
import { client } from '../../testing/http.ts';
import { asXmlStrings, getBoth, sparkFromXml } from './testing.ts';

let p: TestPlatform;
let admin: ReturnType<typeof client>;
let categories: { id: string; parentId: string | null; name: string; level: number; active: boolean }[];
beforeAll(async () => {
  p = await createTestPlatform({ env: { PUBLIC_URL: 'https://hotline.example.gov.cn' } });
  admin = client(p.app, await p.login('admin'));
  categories = (await admin.get('/api/v1/categories')).body;
});
afterAll(() => p?.close());

const JSON_TYPE = 'application/json; charset=utf-8';
const XML_TYPE = 'text/xml; charset=utf-8';

describe('Open311 discovery', () => {
  it('is served as XML and JSON with every required field, the same document in both', async () => {
    const { xml, json } = await getBoth(p.app, '/open311/v2/discovery');
    expect([xml.statusCode, json.statusCode]).toEqual([200, 200]);
    expect(xml.headers['content-type']).toBe(XML_TYPE);
    expect(json.headers['content-type']).toBe(JSON_TYPE);
    const doc = json.json();
    expect(doc).toEqual({
      changeset: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
      contact: expect.any(String),
      key_service: expect.any(String),
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: 'https://hotline.example.gov.cn/open311/v2',
          changeset: doc.changeset,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
    expect(sparkFromXml(xml.body)).toEqual(asXmlStrings(doc));
  });
});

describe('Open311 services', () => {
  it('lists every active second-level category with its first level as group, in both formats', async () => {
    const { xml, json } = await getBoth(p.app, '/open311/v2/services');
    const services = json.json() as Record<string, unknown>[];
    const level2 = categories.filter((c) => c.level === 2 && c.active);
    expect(services.map((s) => s.service_code).sort()).toEqual(level2.map((c) => c.id).sort());
    const roads = level2[0]!;
    const entry = services.find((s) => s.service_code === roads.id)!;
    const parent = categories.find((c) => c.id === roads.parentId)!;
    const children = categories.filter((c) => c.parentId === roads.id && c.active).map((c) => c.name);
    expect(entry).toEqual({
      service_code: roads.id,
      service_name: roads.name,
      description: `${parent.name}/${roads.name}`,
      metadata: true,
      type: 'realtime',
      keywords: children.join(', '),
      group: parent.name,
    });
    expect(sparkFromXml(xml.body)).toEqual(asXmlStrings(services));
  });

  it('drops a deactivated service from the list, and its definition answers 404', async () => {
    const victim = categories.find((c) => c.level === 2 && c.active)!;
    await admin.patch(`/api/v1/categories/${victim.id}`, { active: false });
    try {
      const list = (await p.app.inject({ url: '/open311/v2/services.json' })).json() as { service_code: string }[];
      expect(list.some((s) => s.service_code === victim.id)).toBe(false);
      const def = await p.app.inject({ url: `/open311/v2/services/${victim.id}.json` });
      expect(def.statusCode).toBe(404);
      expect(def.json()).toEqual([{ code: 404, description: `service_code ${victim.id} was not found` }]);
    } finally {
      await admin.patch(`/api/v1/categories/${victim.id}`, { active: true });
    }
  });
});

describe('Open311 service definitions', () => {
  it('offers the subcategories and appeal types as lists, with unique orders, in both formats', async () => {
    const service = categories.find((c) => c.level === 2 && categories.some((x) => x.parentId === c.id))!;
    const { xml, json } = await getBoth(p.app, `/open311/v2/services/${service.id}`);
    const def = json.json();
    expect(def.service_code).toBe(service.id);
    const [sub, type] = def.attributes;
    expect(sub).toMatchObject({ variable: true, code: 'subcategory', datatype: 'singlevaluelist', required: false, order: 1 });
    expect(sub.values.map((v: { key: string }) => v.key).sort()).toEqual(categories.filter((c) => c.parentId === service.id && c.active).map((c) => c.id).sort());
    expect(type).toMatchObject({ code: 'appeal_type', datatype: 'singlevaluelist', order: 2 });
    expect(type.values).toContainEqual({ key: 'complaint', name: '投诉' });
    expect(sparkFromXml(xml.body)).toEqual(asXmlStrings(def));
  });

  it('adds the administrators’ attributes of every datatype, for all services or one, and moves the changeset', async () => {
    const [a, b] = categories.filter((c) => c.level === 2);
    const before = (await p.app.inject({ url: '/open311/v2/discovery.json' })).json().changeset;
    p.clock.advance(60_000);
    const added = [
      { code: 'floor', datatype: 'number', description: '楼层', sort: 1 },
      { code: 'seen_at', datatype: 'datetime', description: '发现时间', sort: 2, required: true },
      { code: 'plate', datatype: 'string', description: '车牌号', categoryId: a!.id, sort: 3 },
      { code: 'details', datatype: 'text', description: '补充说明', categoryId: a!.id, sort: 4 },
      { code: 'when', datatype: 'singlevaluelist', description: '时段', categoryId: a!.id, sort: 5, values: [{ key: 'day', name: '白天' }, { key: 'night', name: '夜间' }] },
      { code: 'kinds', datatype: 'multivaluelist', description: '问题', categoryId: a!.id, sort: 6, values: [{ key: 'noise', name: '噪声' }, { key: 'dust', name: '扬尘' }] },
      { code: 'notice', datatype: 'string', description: '夜间施工须经许可', categoryId: a!.id, variable: false, sort: 7 },
    ];
    for (const x of added) expect((await admin.post('/api/v1/open311/attributes', x)).status).toBe(201);
    const defA = (await p.app.inject({ url: `/open311/v2/services/${a!.id}.json` })).json();
    const codes = defA.attributes.map((x: { code: string }) => x.code);
    expect(codes.slice(-7)).toEqual(added.map((x) => x.code));
    const orders = defA.attributes.map((x: { order: number }) => x.order);
    expect(new Set(orders).size).toBe(orders.length);
    expect(defA.attributes.find((x: { code: string }) => x.code === 'kinds')).toEqual({
      variable: true, code: 'kinds', datatype: 'multivaluelist', required: false, datatype_description: null,
      order: orders[codes.indexOf('kinds')], description: '问题', values: [{ key: 'noise', name: '噪声' }, { key: 'dust', name: '扬尘' }],
    });
    expect(defA.attributes.find((x: { code: string }) => x.code === 'notice')).toMatchObject({ variable: false, values: [] });
    const defB = (await p.app.inject({ url: `/open311/v2/services/${b!.id}.json` })).json();
    expect(defB.attributes.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining(['floor', 'seen_at']));
    expect(defB.attributes.map((x: { code: string }) => x.code)).not.toContain('plate');
    const xml = await p.app.inject({ url: `/open311/v2/services/${a!.id}.xml` });
    expect(sparkFromXml(xml.body)).toEqual(asXmlStrings(defA));
    const after = (await p.app.inject({ url: '/open311/v2/discovery.json' })).json().changeset;
    expect(after > before).toBe(true);

    const listed = (await admin.get('/api/v1/open311/attributes')).body as { id: string; code: string }[];
    const notice = listed.find((x) => x.code === 'notice')!;
    expect((await admin.del(`/api/v1/open311/attributes/${notice.id}`)).status).toBe(200);
    expect((await admin.del(`/api/v1/open311/attributes/${notice.id}`)).status).toBe(404);
  });

  it('refuses bad attribute definitions precisely, and non-administrators', async () => {
    const level1 = categories.find((c) => c.level === 1)!;
    const bad = async (body: object) => (await admin.post('/api/v1/open311/attributes', body)).body.error.code;
    expect(await bad({ code: 'subcategory', datatype: 'string', description: 'x' })).toBe('VALIDATION_FAILED');
    expect(await bad({ code: 'list', datatype: 'singlevaluelist', description: 'x' })).toBe('VALIDATION_FAILED');
    expect(await bad({ code: 'str', datatype: 'string', description: 'x', values: [{ key: 'a', name: 'A' }] })).toBe('VALIDATION_FAILED');
    expect(await bad({ code: 'has space', datatype: 'string', description: 'x' })).toBe('VALIDATION_FAILED');
    expect(await bad({ code: 'info', datatype: 'string', description: 'x', variable: false, required: true })).toBe('VALIDATION_FAILED');
    expect(await bad({ code: 'lvl', datatype: 'string', description: 'x', categoryId: level1.id })).toBe('VALIDATION_FAILED');
    expect(await bad({ code: 'lvl', datatype: 'string', description: 'x', categoryId: '00000000-0000-4000-8000-000000000001' })).toBe('CATEGORY_NOT_FOUND');
    expect((await admin.post('/api/v1/open311/attributes', { code: 'once', datatype: 'string', description: 'x' })).status).toBe(201);
    expect(await bad({ code: 'once', datatype: 'string', description: 'again', categoryId: categories.find((c) => c.level === 2)!.id })).toBe('DUPLICATE');
    const agent = client(p.app, await p.login('agent'));
    expect((await agent.post('/api/v1/open311/attributes', { code: 'x', datatype: 'string', description: 'x' })).status).toBe(403);
  });

  it('answers 404 for an unknown service code and for a URL without .xml or .json, in the asked format', async () => {
    const { xml, json } = await getBoth(p.app, '/open311/v2/services/00000000-0000-4000-8000-000000000009');
    expect([xml.statusCode, json.statusCode]).toEqual([404, 404]);
    expect(sparkFromXml(xml.body)).toEqual([{ code: '404', description: 'service_code 00000000-0000-4000-8000-000000000009 was not found' }]);
    expect(json.json()).toEqual([{ code: 404, description: 'service_code 00000000-0000-4000-8000-000000000009 was not found' }]);
    const csv = await p.app.inject({ url: '/open311/v2/services/x.csv' });
    expect(csv.statusCode).toBe(404);
    expect(csv.headers['content-type']).toBe(XML_TYPE);
    expect(sparkFromXml(csv.body)).toEqual([{ code: '404', description: expect.stringContaining('.xml or .json') }]);
    const unknown = await p.app.inject({ url: '/open311/v2/widgets.json' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()[0].code).toBe(404);
  });
});

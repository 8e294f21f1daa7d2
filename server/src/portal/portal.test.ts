import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client } from '../testing/http.ts';
import { SYSTEM_ACTOR_ID } from '../auth/systemActor.ts';
import { leadingZeroBits, powDigest } from './pow.ts';
import { fakeFile, multipartFile, solvedPow, upload } from './testing/portalClient.ts';

let p: TestPlatform;
const MB = 1024 * 1024;

const appeal = (over: Record<string, unknown> = {}) => ({
  type: 'complaint',
  title: '小区门口夜间施工噪音',
  content: '某某路12号工地每天夜里十一点以后还在打桩，噪音很大，影响休息。',
  location: { address: 'A1区某某路12号', lat: 28.2, lng: 112.9 },
  citizen: { name: '王五', phone: '13900001111' },
  ...over,
});
const post = (url: string, payload: unknown) => p.app.inject({ method: 'POST', url, payload: payload as never });
const submit = async (body: Record<string, unknown>) => {
  const res = await post('/api/v1/public/appeals', { pow: await solvedPow(p.app), ...body });
  return { status: res.statusCode, body: res.json() };
};

beforeAll(async () => {
  p = await createTestPlatform({ env: { POW_DIFFICULTY: '8', POW_TTL_SECONDS: '60' } });
});
afterAll(() => p?.close());

describe('proof-of-work challenges', () => {
  it('GET /public/pow hands out a fresh challenge with its difficulty and expiry', async () => {
    const a = (await p.app.inject({ url: '/api/v1/public/pow' })).json();
    const b = (await p.app.inject({ url: '/api/v1/public/pow?purpose=chat' })).json();
    expect(a).toMatchObject({ challenge: expect.stringMatching(/^[0-9a-f]{32}$/), difficulty: 8, algorithm: 'sha256' });
    expect(new Date(a.expiresAt).getTime() - p.clock.now().getTime()).toBe(60_000);
    expect(b.challenge).not.toBe(a.challenge);
    expect((await p.app.inject({ url: '/api/v1/public/pow?purpose=other' })).statusCode).toBe(400);
  });

  it('a wrong nonce, a reused, unknown, expired or other-purpose challenge is 403 POW_INVALID with the reason; the upload survives', async () => {
    const photo = (await upload(p.app, fakeFile.jpeg(), 'a.jpg', 'image/jpeg')).body.id;
    const body = appeal({ attachmentIds: [photo] });
    const reason = async (pow: unknown, b: Record<string, unknown> = body) => {
      const res = await post('/api/v1/public/appeals', { ...b, pow });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('POW_INVALID');
      return res.json().error.details.reason;
    };
    const { challenge } = (await p.app.inject({ url: '/api/v1/public/pow' })).json();
    let bad = 0;
    while (leadingZeroBits(powDigest(challenge, String(bad))) >= 8) bad++;
    expect(await reason({ challenge, nonce: String(bad) })).toBe('insufficient');
    expect(await reason({ challenge: 'f'.repeat(32), nonce: '1' })).toBe('unknown');
    const chat = await solvedPow(p.app, 'chat');
    expect(await reason(chat)).toBe('purpose');
    const late = await solvedPow(p.app);
    p.clock.advance(61_000);
    expect(await reason(late)).toBe('expired');
    // Missing or malformed proof is a validation error, not a silent pass.
    const none = await post('/api/v1/public/appeals', body);
    expect(none.statusCode).toBe(400);

    const good = await solvedPow(p.app);
    const ok = await post('/api/v1/public/appeals', { ...body, pow: good });
    expect(ok.statusCode).toBe(201);
    expect(await reason(good, appeal())).toBe('used');
    // Everything else is checked before the proof is spent: a used file is reported as such.
    const used = await post('/api/v1/public/appeals', { ...body, pow: await solvedPow(p.app) });
    expect(used.json().error.code).toBe('ATTACHMENT_NOT_FOUND');
  });
});

describe('appeal submission', () => {
  it('registers a web-channel order for the city center with photos and a video, and answers with number and code', async () => {
    const ids = [];
    for (const [data, name, mime] of [
      [fakeFile.jpeg(2048), '门口.jpg', 'image/jpeg'],
      [fakeFile.png(), 'b.png', 'image/png'],
      [fakeFile.webp(), 'c.webp', 'image/webp'],
      [fakeFile.mp4(4096), '夜间.mp4', 'video/mp4'],
    ] as const) {
      const r = await upload(p.app, data, name, mime);
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ mime, size: data.length, fileName: name });
      ids.push(r.body.id);
    }
    const res = await submit(appeal({ attachmentIds: ids, citizen: { name: '王五', phone: '+86 139-0000-1111', confidential: true } }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ trackingNumber: expect.stringMatching(/^\d{13}$/), queryCode: expect.stringMatching(/^\d{6}$/), smsNotify: false });
    const [o] = await p.ctx.db.query<Record<string, unknown>>(
      'SELECT id, channel, type, status, title, citizen_phone, citizen_name, confidential, address, lat, created_by, source_ref FROM work_orders WHERE tracking_number = $1',
      [res.body.trackingNumber],
    );
    expect(o).toMatchObject({ channel: 'web', type: 'complaint', status: 'registered', title: '小区门口夜间施工噪音', citizen_phone: '13900001111', citizen_name: '王五', confidential: true, address: 'A1区某某路12号', created_by: null, source_ref: 'portal' });
    expect(Number(o!.lat)).toBeCloseTo(28.2);
    const atts = await p.ctx.db.query<{ id: string }>('SELECT id FROM attachments WHERE work_order_id = $1', [o!.id]);
    expect(atts.map((a) => a.id).sort()).toEqual([...ids].sort());
    const [ev] = await p.ctx.db.query<{ actor_name: string }>(`SELECT actor_name FROM work_order_events WHERE work_order_id = $1 AND action = 'register'`, [o!.id]);
    expect(ev!.actor_name).toBe('市民网站');
    // The receipt works on the existing public query.
    const q = await p.app.inject({ url: `/api/v1/public/work-orders/${res.body.trackingNumber}?code=${res.body.queryCode}` });
    expect(q.json()).toMatchObject({ status: 'registered', title: '小区门口夜间施工噪音' });
  });

  it('a phone is needed unless anonymous; an anonymous appeal keeps no name; notifySms opts the mobile in', async () => {
    const noPhone = await submit(appeal({ citizen: { name: '赵六' } }));
    expect(noPhone.status).toBe(400);
    expect(JSON.stringify(noPhone.body.error.details)).toContain('citizen');
    const anon = await submit(appeal({ citizen: { name: '赵六', anonymous: true } }));
    expect(anon.status).toBe(201);
    const [o] = await p.ctx.db.query<{ citizen_name: string; citizen_phone: string; anonymous: boolean }>(
      'SELECT citizen_name, citizen_phone, anonymous FROM work_orders WHERE tracking_number = $1',
      [anon.body.trackingNumber],
    );
    expect(o).toEqual({ citizen_name: '', citizen_phone: '', anonymous: true });
    const sms = await submit(appeal({ notifySms: true, citizen: { phone: '13700002222' } }));
    expect(sms.body.smsNotify).toBe(true);
    expect(await p.ctx.db.query('SELECT notify FROM sms_preferences WHERE phone = $1', ['13700002222'])).toEqual([{ notify: true }]);
  });

  it('bad input is refused precisely: unknown type, short content, lat without lng, unknown category, more than six files, a used file', async () => {
    expect((await submit(appeal({ type: 'rumour' }))).status).toBe(400);
    expect((await submit(appeal({ content: '太吵' }))).status).toBe(400);
    expect((await submit(appeal({ location: { lat: 28.2 } }))).status).toBe(400);
    expect((await submit(appeal({ unexpected: 1 }))).status).toBe(400);
    const cat = await submit(appeal({ categoryId: '00000000-0000-4000-8000-00000000abcd' }));
    expect([cat.status, cat.body.error.code]).toEqual([404, 'CATEGORY_NOT_FOUND']);
    const seven = await submit(appeal({ attachmentIds: Array.from({ length: 7 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`) }));
    expect(seven.status).toBe(400);
    const photo = (await upload(p.app, fakeFile.jpeg(), 'x.jpg', 'image/jpeg')).body.id;
    const first = await submit(appeal({ attachmentIds: [photo] }));
    expect(first.status).toBe(201);
    const again = await submit(appeal({ attachmentIds: [photo] }));
    expect([again.status, again.body.error.code, again.body.error.details.attachmentIds]).toEqual([404, 'ATTACHMENT_NOT_FOUND', [photo]]);
    const twice = await submit(appeal({ attachmentIds: [photo, photo] }));
    expect(twice.status).toBe(400);
    // A staff member's upload is not a portal upload.
    const form = multipartFile(fakeFile.jpeg(), 's.jpg', 'image/jpeg');
    const staff = await p.app.inject({ method: 'POST', url: '/api/v1/attachments', headers: { ...(await p.login('agent')), ...form.headers }, payload: form.payload });
    expect(staff.statusCode).toBe(201);
    expect((await submit(appeal({ attachmentIds: [staff.json().id] }))).body.error.code).toBe('ATTACHMENT_NOT_FOUND');
  });
});

describe('portal uploads', () => {
  it('refuses a file whose bytes are no accepted type, or disagree with the declared type, with 415', async () => {
    const text = await upload(p.app, Buffer.from('just some text, not a picture'), 'note.txt', 'text/plain');
    expect([text.status, text.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const pdf = await upload(p.app, Buffer.from('%PDF-1.7 ...'), 'a.pdf', 'application/pdf');
    expect(pdf.status).toBe(415);
    const gif = await upload(p.app, Buffer.from('GIF89a......'), 'a.gif', 'image/gif');
    expect(gif.status).toBe(415);
    const lying = await upload(p.app, fakeFile.jpeg(), 'a.png', 'image/png');
    expect([lying.status, lying.body.error.message]).toEqual([415, expect.stringContaining('declared image/png, detected image/jpeg')]);
    const octet = await upload(p.app, fakeFile.png(), 'a.png', 'application/octet-stream');
    expect(octet.status).toBe(201);
  });

  it('a photo over 5 MB and a video over 20 MB are 413; a video of 6 MB is fine', async () => {
    const big = await upload(p.app, fakeFile.jpeg(5 * MB + 1), 'big.jpg', 'image/jpeg');
    expect([big.status, big.body.error.code, big.body.error.details.limit]).toEqual([413, 'PAYLOAD_TOO_LARGE', 5 * MB]);
    expect((await upload(p.app, fakeFile.mp4(6 * MB), 'v.mp4', 'video/mp4')).status).toBe(201);
    const huge = await upload(p.app, fakeFile.mp4(20 * MB + 1), 'huge.mp4', 'video/mp4');
    expect([huge.status, huge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect((await post('/api/v1/public/uploads', { file: 'x' })).statusCode).toBe(415);
  });

  it('stores uploads as the platform’s, not linked to any order until an appeal uses them', async () => {
    const r = await upload(p.app, fakeFile.jpeg(), 'z.jpg', 'image/jpeg');
    const [a] = await p.ctx.db.query<{ uploaded_by: string; work_order_id: string | null }>('SELECT uploaded_by, work_order_id FROM attachments WHERE id = $1', [r.body.id]);
    expect(a).toEqual({ uploaded_by: SYSTEM_ACTOR_ID, work_order_id: null });
  });
});

describe('rating the reply', () => {
  it('rated when replied, applied as the follow-up when the center closes; once per round; not before the reply', async () => {
    const res = await submit(appeal());
    const { trackingNumber: tn, queryCode: code } = res.body;
    const rate = (body: Record<string, unknown>, number = tn) => post(`/api/v1/public/work-orders/${number}/rating`, body);
    const early = await rate({ code, satisfaction: 'satisfied' });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'RATING_NOT_OPEN']);
    const wrong = await rate({ code: code === '000000' ? '111111' : '000000', satisfaction: 'satisfied' });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([404, 'WORK_ORDER_NOT_FOUND']);

    const [{ id }] = (await p.ctx.db.query<{ id: string }>('SELECT id FROM work_orders WHERE tracking_number = $1', [tn])) as [{ id: string }];
    const dispatcher = client(p.app, await p.login('dispatcher'));
    const handler = client(p.app, await p.login('handler'));
    const leader = client(p.app, await p.login('dept_leader'));
    const housing = p.ids.departments.get('A市住房和城乡建设局')!;
    expect((await dispatcher.act(id, 'dispatch', { leadDepartmentId: housing })).status).toBe(200);
    expect((await handler.act(id, 'accept')).status).toBe(200);
    expect((await handler.act(id, 'reply', { content: '已责令工地夜间停工，违规行为已处罚。' })).status).toBe(200);
    expect((await leader.act(id, 'review', { approve: true })).status).toBe(200);

    const state = async () => (await p.app.inject({ url: `/api/v1/public/work-orders/${tn}/rating?code=${code}` })).json();
    expect(await state()).toMatchObject({ rateable: true, status: 'replied', rating: null });
    const bad = await rate({ code, satisfaction: 'great' });
    expect(bad.statusCode).toBe(400);
    const ok = await rate({ code, satisfaction: 'dissatisfied', comment: '晚上还是有噪音' });
    expect([ok.statusCode, ok.json()]).toEqual([201, { satisfaction: 'dissatisfied', applied: false }]);
    expect(await state()).toMatchObject({ rateable: false, rating: { satisfaction: 'dissatisfied', comment: '晚上还是有噪音', applied: false } });
    const twice = await rate({ code, satisfaction: 'satisfied' });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'ALREADY_RATED']);

    // The center closes the order: the waiting rating becomes the follow-up (回访) result.
    expect((await dispatcher.act(id, 'close')).status).toBe(200);
    await expect.poll(async () => (await p.ctx.db.query<{ status: string }>('SELECT status FROM work_orders WHERE id = $1', [id]))[0]!.status).toBe('followedUp');
    const detail = (await dispatcher.get(`/api/v1/work-orders/${id}`)).body;
    expect(detail.satisfaction).toBe('dissatisfied');
    const follow = detail.events.find((e: { action: string }) => e.action === 'followUp');
    expect(follow).toMatchObject({ actorName: '市民评价' });
    expect(JSON.stringify(follow)).toContain('晚上还是有噪音');
    expect(await state()).toMatchObject({ rating: { applied: true }, satisfaction: 'dissatisfied' });
    const after = await rate({ code, satisfaction: 'satisfied' });
    expect(after.json().error.code).toBe('ALREADY_RATED');
  });

  it('a closed order is followed up at once by the rating', async () => {
    const res = await submit(appeal());
    const [{ id }] = (await p.ctx.db.query<{ id: string }>('SELECT id FROM work_orders WHERE tracking_number = $1', [res.body.trackingNumber])) as [{ id: string }];
    const agent = client(p.app, await p.login('agent'));
    expect((await agent.act(id, 'resolveOnSpot', { content: '已告知市民夜间施工投诉的处理流程。' })).status).toBe(200);
    const ok = await post(`/api/v1/public/work-orders/${res.body.trackingNumber}/rating`, { code: res.body.queryCode, satisfaction: 'satisfied' });
    expect(ok.json()).toEqual({ satisfaction: 'satisfied', applied: true });
    const [o] = await p.ctx.db.query<{ status: string; satisfaction: string }>('SELECT status, satisfaction FROM work_orders WHERE id = $1', [id]);
    expect(o).toEqual({ status: 'followedUp', satisfaction: 'satisfied' });
  });
});

describe('category help and portal facts', () => {
  it('lists the active categories and suggests categories from the text', async () => {
    const cats = (await p.app.inject({ url: '/api/v1/public/categories' })).json().items as { id: string; level: number; fullName: string }[];
    expect(cats.length).toBeGreaterThan(10);
    expect(cats[0]!.level).toBe(1);
    const res = await post('/api/v1/public/appeals/suggest', { content: '楼下餐馆油烟很大，排风扇噪音也吵得睡不着' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { categories: { categoryId: string; fullName: string }[]; type: string | null };
    const known = new Set(cats.map((c) => c.id));
    for (const c of body.categories) expect(known.has(c.categoryId)).toBe(true);
    expect(body.categories.length).toBeGreaterThan(0);
    expect((await post('/api/v1/public/appeals/suggest', { content: '' })).statusCode).toBe(400);
  });

  it('GET /public/portal tells the hotline number, mail address and upload limits', async () => {
    const res = (await p.app.inject({ url: '/api/v1/public/portal' })).json();
    expect(res).toMatchObject({ hotlineNumber: '12345', mailAddress: 'appeal@localhost', webCall: { enabled: false, path: '/sip' }, uploads: { maxFiles: 6 } });
    expect(res.uploads.limits['video/mp4']).toBe(20 * MB);
  });
});


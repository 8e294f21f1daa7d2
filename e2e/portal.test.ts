import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestPlatform, type TestPlatform } from '../server/src/testing/testPlatform.ts';
import { client } from '../server/src/testing/http.ts';
import { confirmAction, ensureWebBuilt, hasChromium, launch, login, tid, listenForBrowser } from './browser.ts';

// A citizen's appeal from the portal to the rating, in a real browser: the citizen files it with a
// photo (the page solves the proof-of-work), the center dispatches it to the housing bureau, whose
// handler accepts it and writes the reply in the department workbench, the leader approves, the
// center closes it, and the citizen looks it up on the portal with the number and code and rates
// the reply, which becomes the order's follow-up result.

const DIFFICULTY = 12;
const REPLY = '经现场核查，雨水井盖已由市政养护单位更换为防滑承重井盖，并对周边路面进行了修补。';

/** A real PNG (RGB, 8 bits, a colour gradient) that any image decoder opens. */
function gradientPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, filter 0, no interlace
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1); // each scanline starts with filter type 0
    for (let x = 0; x < width; x++) raw.set([(x * 255) / width, (y * 255) / height, 128], row + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe.skipIf(!hasChromium)('citizen portal in the browser: appeal with a photo → department reply → query and rating', () => {
  let p: TestPlatform;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ensureWebBuilt();
    p = await createTestPlatform({ env: { POW_DIFFICULTY: String(DIFFICULTY) } });
    base = await listenForBrowser(p.app);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('submit with a photo → number and code → dispatched, accepted, replied, approved, closed → the citizen sees the reply and rates it', async () => {
    const photo = gradientPng(64, 48);

    // 1. The citizen files the appeal from the portal's home page.
    const citizen = await (await browser.newContext()).newPage();
    await citizen.goto(`${base}/portal`);
    await citizen.click(tid('portal.entry.appeal'));
    await citizen.fill(tid('portal.appeal.content'), '人民路与解放路路口东侧的雨水井盖松动，车辆经过时翘起，已有电动车摔倒，请尽快处理。');
    await citizen.fill(tid('portal.appeal.title'), '路口雨水井盖松动');
    await citizen.fill(tid('portal.appeal.address'), 'A1区人民路与解放路路口东侧');
    await citizen.fill(tid('portal.appeal.name'), '周女士');
    await citizen.fill(tid('portal.appeal.phone'), '13698765432');
    await citizen.setInputFiles(`${tid('portal.uploads')} input[type=file]`, { name: '井盖.png', mimeType: 'image/png', buffer: photo });
    await citizen.locator(tid('portal.uploads')).getByText('井盖.png').waitFor({ timeout: 20_000 });
    await citizen.click(tid('portal.appeal.submit'));
    const tn = (await citizen.textContent(tid('portal.receipt.number'), { timeout: 60_000 }))!.trim();
    const code = (await citizen.textContent(tid('portal.receipt.code')))!.trim();
    expect(tn).toMatch(/^\d{13}$/);
    expect(code).toMatch(/^\d{6}$/);

    // The page solved a challenge of the configured difficulty, and the server spent it.
    const challenges = await p.ctx.db.query<{ difficulty: number; used: boolean }>(
      `SELECT difficulty, used_at IS NOT NULL AS used FROM pow_challenges WHERE purpose = 'appeal'`,
    );
    expect(challenges).toEqual([{ difficulty: DIFFICULTY, used: true }]);
    const [order] = await p.ctx.db.query<{ id: string; channel: string; status: string; citizen_phone: string; source_ref: string }>(
      'SELECT id, channel, status, citizen_phone, source_ref FROM work_orders WHERE tracking_number = $1',
      [tn],
    );
    expect(order).toMatchObject({ channel: 'web', status: 'registered', citizen_phone: '13698765432', source_ref: 'portal' });
    const id = order!.id;
    const atts = await p.ctx.db.query<{ id: string; mime: string; size: number; file_name: string }>('SELECT id, mime, size, file_name FROM attachments WHERE work_order_id = $1', [id]);
    expect(atts).toEqual([{ id: expect.any(String), mime: 'image/png', size: photo.length, file_name: '井盖.png' }]);

    // 2. The center dispatches it to the housing bureau; the bureau's handler accepts it.
    const dispatcher = client(p.app, await p.login('dispatcher'));
    const housing = p.ids.departments.get('A市住房和城乡建设局')!;
    expect((await dispatcher.act(id, 'dispatch', { leadDepartmentId: housing })).status).toBe(200);
    expect((await client(p.app, await p.login('handler')).act(id, 'accept')).status).toBe(200);

    // 3. The handler opens the photo and writes the reply in the department workbench.
    const handler = await (await browser.newContext()).newPage();
    await login(handler, base, 'handler');
    const decoded = await handler.evaluate(async (attachmentId) => {
      const res = await fetch(`/api/v1/attachments/${attachmentId}`, { credentials: 'same-origin' });
      // A browser global (the test's own types are Node's).
      const win = globalThis as unknown as { createImageBitmap(b: Blob): Promise<{ width: number; height: number }> };
      const bitmap = await win.createImageBitmap(await res.blob());
      return { status: res.status, width: bitmap.width, height: bitmap.height };
    }, atts[0]!.id);
    expect(decoded).toEqual({ status: 200, width: 64, height: 48 });
    await handler.goto(`${base}/department`);
    await handler.click(tid('department-tab-handling'));
    await handler.click(tid(`row-reply-${tn}`));
    await handler.fill(tid('action-content'), REPLY);
    await confirmAction(handler);
    await handler.waitForSelector(tid(`row-reply-${tn}`), { state: 'detached', timeout: 20_000 });

    // 4. The bureau's leader approves the reply and the center closes the order.
    expect((await client(p.app, await p.login('dept_leader')).act(id, 'review', { approve: true })).status).toBe(200);
    expect((await dispatcher.act(id, 'close')).status).toBe(200);

    // 5. The citizen looks the order up on the portal, reads the reply and rates it.
    await citizen.click(tid('portal.nav.query'));
    await citizen.fill(tid('public-tracking-number'), tn);
    await citizen.fill(tid('public-query-code'), code);
    await citizen.click(tid('public-submit'));
    await citizen.waitForSelector(tid('public-result'), { timeout: 20_000 });
    expect(await citizen.textContent(tid('public-status'))).toContain('已办结');
    expect(await citizen.textContent(tid('public-reply'))).toContain(REPLY);
    await citizen.waitForSelector(tid('portal.rating'), { timeout: 20_000 });
    await citizen.click(tid('portal.rate.satisfied'));
    await citizen.locator(`${tid('portal.rating')} textarea`).fill('处理及时，谢谢！');
    await citizen.click(tid('portal.rateSubmit'));
    expect(await citizen.textContent(tid('portal.rated'), { timeout: 20_000 })).toContain('满意');

    // The rating is the order's follow-up result (回访), stored on the order and on its timeline.
    const [rated] = await p.ctx.db.query<{ status: string; satisfaction: string }>('SELECT status, satisfaction FROM work_orders WHERE id = $1', [id]);
    expect(rated).toEqual({ status: 'followedUp', satisfaction: 'satisfied' });
    const [rating] = await p.ctx.db.query<{ satisfaction: string; comment: string; channel: string; applied: boolean }>(
      'SELECT satisfaction, comment, channel, applied_at IS NOT NULL AS applied FROM citizen_ratings WHERE work_order_id = $1',
      [id],
    );
    expect(rating).toEqual({ satisfaction: 'satisfied', comment: '处理及时，谢谢！', channel: 'web', applied: true });
    const events = await p.ctx.db.query<{ action: string; actor_name: string }>('SELECT action, actor_name FROM work_order_events WHERE work_order_id = $1 ORDER BY id', [id]);
    expect(events.map((e) => e.action)).toEqual(['register', 'dispatch', 'accept', 'reply', 'review', 'close', 'followUp']);
    expect(events.at(-1)!.actor_name).toBe('市民评价');
  }, 240_000);
});

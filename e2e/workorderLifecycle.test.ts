import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestPlatform, type TestPlatform } from '../server/src/testing/testPlatform.ts';
import { choose, confirmAction, ensureWebBuilt, hasChromium, launch, login, tid, listenForBrowser } from './browser.ts';

// The whole paper trail of one appeal in a real browser: the dispatcher registers and dispatches,
// the bureau's handler accepts and replies, its leader approves, the dispatcher closes, and the
// citizen's public query shows the reply.
describe.skipIf(!hasChromium)('work-order lifecycle in the browser (headless Chromium)', () => {
  let p: TestPlatform;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ensureWebBuilt();
    p = await createTestPlatform();
    base = await listenForBrowser(p.app);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('register → dispatch → accept → reply → approve → close → public query', async () => {
    const dispatcher = await browser.newPage();
    await login(dispatcher, base, 'dispatcher');
    await dispatcher.goto(`${base}/register`);
    await dispatcher.fill(tid('register-title'), '翠湖小区电梯故障');
    await dispatcher.fill(tid('register-content'), '翠湖小区5栋电梯停运两周，物业不予维修，老人出行困难。');
    await dispatcher.fill(tid('register-citizen-name'), '刘阿姨');
    await dispatcher.fill(tid('register-citizen-phone'), '13712345678');
    await dispatcher.click(tid('register-submit'));
    const tn = (await dispatcher.textContent(tid('register-tracking-number'), { timeout: 15_000 }))!.trim();
    const code = (await dispatcher.textContent(tid('register-query-code')))!.trim();
    expect(tn).toMatch(/^\d{13}$/);
    expect(code).toMatch(/^\d{6}$/);

    await dispatcher.goto(`${base}/dispatch`);
    await dispatcher.click(tid(`row-dispatch-${tn}`));
    await dispatcher.waitForSelector(tid('dispatch-modal'));
    await choose(dispatcher, 'dispatch-lead-department', '住房和城乡建设局');
    await dispatcher.click(tid('dispatch-confirm'));
    await dispatcher.waitForSelector(tid(`row-dispatch-${tn}`), { state: 'detached', timeout: 15_000 });

    const handlerCtx = await browser.newContext();
    const handler = await handlerCtx.newPage();
    await login(handler, base, 'handler');
    await handler.goto(`${base}/department`);
    await handler.click(tid(`row-accept-${tn}`));
    await confirmAction(handler);
    await handler.waitForSelector(tid(`row-accept-${tn}`), { state: 'detached', timeout: 15_000 });
    await handler.click(tid('department-tab-handling'));
    await handler.click(tid(`row-reply-${tn}`));
    await handler.fill(tid('action-content'), '已约谈物业公司，电梯已更换控制板并通过检验，恢复运行。');
    await confirmAction(handler);
    await handler.waitForSelector(tid(`row-reply-${tn}`), { state: 'detached', timeout: 15_000 });

    const leaderCtx = await browser.newContext();
    const leader = await leaderCtx.newPage();
    await login(leader, base, 'dept_leader');
    await leader.goto(`${base}/review`);
    await leader.click(tid(`row-review-approve-${tn}`));
    await confirmAction(leader);
    await leader.waitForSelector(tid(`row-review-approve-${tn}`), { state: 'detached', timeout: 15_000 });

    await dispatcher.goto(`${base}/dispatch`);
    await dispatcher.click(tid('dispatcher-tab-replied'));
    await dispatcher.click(tid(`row-close-${tn}`));
    await confirmAction(dispatcher);
    await dispatcher.waitForSelector(tid(`row-close-${tn}`), { state: 'detached', timeout: 15_000 });

    const citizen = await (await browser.newContext()).newPage();
    await citizen.goto(`${base}/public/query`);
    await citizen.fill(tid('public-tracking-number'), tn);
    await citizen.fill(tid('public-query-code'), code);
    await citizen.click(tid('public-submit'));
    await citizen.waitForSelector(tid('public-result'));
    expect(await citizen.textContent(tid('public-status'))).toContain('已办结');
    expect(await citizen.textContent(tid('public-result'))).toContain('电梯已更换控制板');

    // The server agrees with what the pages showed.
    const [row] = await p.ctx.db.query<{ status: string; n: number }>(
      'SELECT status, (SELECT count(*)::int FROM work_order_events e WHERE e.work_order_id = w.id) AS n FROM work_orders w WHERE tracking_number = $1',
      [tn],
    );
    expect(row).toEqual({ status: 'closed', n: 6 });
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestPlatform, type TestPlatform } from '../server/src/testing/testPlatform.ts';
import { installKnowledgeResponder } from '../server/src/knowledge/wiring.ts';
import { KnowledgeBot } from '../server/src/knowledge/bot.ts';
import { HANDOVER_TEXT } from '../server/src/conversations/index.ts';
import { AGENT_JOINED_TEXT } from '../server/src/conversations/inbox.ts';
import { ensureWebBuilt, hasChromium, launch, login, tid, listenForBrowser } from './browser.ts';

// The portal's chat to a work order, in two real browsers: the citizen asks the knowledge bot
// something it can only guess at, asks for a person, and an agent takes the chat in the unified
// inbox, answers (the citizen's page shows it), and registers the chat as a work order (转为工单);
// the citizen's page shows the tracking number and query code.

const QUESTION = '我想问一下关于补贴的问题';
const DETAIL = '我母亲今年八十二岁，高龄津贴从九月起就没有到账，社区说系统里查不到她的记录。';
const AGENT_REPLY = '您好，请问老人的户籍在哪个街道？我帮您登记转给民政部门核查。';

/** The chat's messages of one author, as the citizen's page shows them. */
const bubbles = (page: Page, author: string) => page.locator(tid(`portal.chat.message.${author}`));

describe.skipIf(!hasChromium)('web chat in the browser: bot → 人工 → agent in the unified inbox → 转为工单', () => {
  let p: TestPlatform;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ensureWebBuilt();
    p = await createTestPlatform({ env: { POW_DIFFICULTY: '12' } });
    // As the server's start-up does: the chat is answered from the published knowledge first.
    installKnowledgeResponder(p.ctx, new KnowledgeBot(p.ctx));
    base = await listenForBrowser(p.app);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('the bot asks back, 人工 queues the chat, an agent takes it, replies and turns it into a linked work order', async () => {
    // 1. The citizen starts a chat (the page solves the proof-of-work) and asks the bot.
    const citizen = await (await browser.newContext()).newPage();
    await citizen.goto(`${base}/portal`);
    await citizen.click(tid('portal.entry.chat'));
    await citizen.click(tid('portal.chat.start'));
    await citizen.waitForSelector(tid('portal.chat'), { timeout: 60_000 });
    await citizen.fill(tid('portal.chat.input'), QUESTION);
    await citizen.click(tid('portal.chat.send'));
    // The bot has no article that answers it; it can only offer a guess and ask back.
    await bubbles(citizen, 'bot').filter({ hasText: '您想了解的是' }).waitFor({ timeout: 30_000 });
    await citizen.waitForSelector(`${tid('portal.chat.state')}[data-state="bot"]`);

    // 2. The citizen asks for a person: the chat waits in the agents' queue.
    await citizen.getByRole('button', { name: '转人工客服' }).click();
    await bubbles(citizen, 'system').filter({ hasText: HANDOVER_TEXT }).waitFor({ timeout: 30_000 });
    await citizen.waitForSelector(`${tid('portal.chat.state')}[data-state="waiting"]`, { timeout: 30_000 });
    const [conv] = await p.ctx.db.query<{ id: string; state: string }>(`SELECT id, state FROM conversations WHERE channel = 'web'`);
    expect(conv).toEqual({ id: expect.any(String), state: 'waiting' });

    // 3. An agent in another browser finds it among the waiting chats and takes it.
    const agent = await (await browser.newContext()).newPage();
    await login(agent, base, 'agent');
    await agent.goto(`${base}/inbox`);
    await agent.locator(tid('inbox-views')).getByText('待接入').click();
    await agent.locator(tid(`inbox-item-${conv!.id}`)).click({ timeout: 20_000 });
    await agent.click(tid('inbox-take'), { timeout: 20_000 });
    await agent.locator(tid('inbox-thread')).getByText(QUESTION).waitFor({ timeout: 20_000 });
    await bubbles(citizen, 'system').filter({ hasText: AGENT_JOINED_TEXT }).waitFor({ timeout: 30_000 });
    await citizen.waitForSelector(`${tid('portal.chat.state')}[data-state="assigned"]`, { timeout: 30_000 });

    // 4. The agent answers; the citizen's page shows it and the citizen explains.
    await agent.fill(tid('inbox-reply-text'), AGENT_REPLY);
    await agent.click(tid('inbox-reply-send'));
    await bubbles(citizen, 'agent').filter({ hasText: AGENT_REPLY }).waitFor({ timeout: 30_000 });
    await citizen.fill(tid('portal.chat.input'), DETAIL);
    await citizen.keyboard.press('Enter');
    await agent.locator(tid('inbox-thread')).getByText(DETAIL).waitFor({ timeout: 30_000 });

    // 5. 转为工单: the content is what the citizen wrote; the chat has no phone, so the agent asks for one.
    await agent.click(tid('inbox-to-work-order'));
    const modal = agent.locator('.ant-modal').filter({ hasText: '转为工单' });
    await expect.poll(() => modal.getByLabel('诉求内容').inputValue(), { timeout: 10_000 }).toContain(DETAIL);
    await modal.getByLabel('标题').fill('高龄津贴停发');
    await modal.getByLabel('市民姓名').fill('李先生');
    await modal.getByLabel('联系电话').fill('13576543210');
    await agent.click(tid('inbox-wo-submit'));

    // The citizen is told the number and query code in the chat.
    const notice = bubbles(citizen, 'system').filter({ hasText: '已登记为工单' });
    await notice.waitFor({ timeout: 30_000 });
    const [, tn, code] = /编号 (\d{13})，查询码 (\d{6})/.exec((await notice.textContent())!) ?? [];
    expect(tn).toMatch(/^\d{13}$/);

    // The work order exists with the chat's text, is linked to the chat and to the citizen.
    const [order] = await p.ctx.db.query<{ id: string; channel: string; title: string; content: string; citizen_name: string; citizen_phone: string; source_ref: string; query_code: string }>(
      'SELECT id, channel, title, content, citizen_name, citizen_phone, source_ref, query_code FROM work_orders WHERE tracking_number = $1',
      [tn],
    );
    expect(order).toMatchObject({ channel: 'web', title: '高龄津贴停发', citizen_name: '李先生', citizen_phone: '13576543210', source_ref: `conversation:${conv!.id}`, query_code: code });
    expect(order!.content).toContain(QUESTION);
    expect(order!.content).toContain(DETAIL);
    expect(await p.ctx.db.query('SELECT work_order_id FROM conversation_work_orders WHERE conversation_id = $1', [conv!.id])).toEqual([{ work_order_id: order!.id }]);
    const [linked] = await p.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM citizen_work_orders cw JOIN conversations c ON c.citizen_id = cw.citizen_id WHERE c.id = $1 AND cw.work_order_id = $2`,
      [conv!.id, order!.id],
    );
    expect(linked!.n).toBe(1);
    // The inbox lists the order beside the conversation.
    await agent.locator(tid('inbox-citizen')).getByText(tn!).waitFor({ timeout: 20_000 });
  }, 240_000);
});

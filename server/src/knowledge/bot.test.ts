import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/testPlatform.ts';
import { client } from '../testing/http.ts';
import type { ConversationRow, Responder } from '../conversations/types.ts';
import { decide, DEFAULT_BOT_SETTINGS, KnowledgeBot, type BotCandidate } from './bot.ts';
import { KnowledgeResponder } from './responder.ts';
import { installKnowledgeResponder } from './wiring.ts';
import { conversationServiceFor } from '../conversations/service.ts';

// Our own questions about the demo knowledge base (not taken from any data set).
const ANSWERS: [question: string, title: string][] = [
  ['居住证怎么办理', '居住证申领和签注'],
  ['公积金怎么提取', '住房公积金提取条件和办理方式'],
  ['闻到煤气味怎么办', '闻到燃气味怎么办：燃气泄漏应急处置'],
  ['家里停电了找谁修', '停电报修和计划停电查询'],
  ['电动车怎么上牌', '电动自行车登记上牌'],
  ['80岁老人有什么补贴', '高龄津贴和居家养老服务补贴申请'],
  ['12345工单多久能办完', '12345工单办理时限和进度查询'],
  ['邻居装修太吵了', '噪声扰民找哪个部门：施工、生活和交通噪声'],
];
const AMBIGUOUS: [question: string, titles: string[]][] = [
  ['公积金', ['住房公积金提取条件和办理方式', '住房公积金贷款申请条件']],
  ['医保', ['城乡居民医疗保险参保缴费', '异地就医备案和费用报销']],
];
const OFF_TOPIC = ['今天天气怎么样', '帮我订一张去北京的机票', '讲个笑话', 'hello'];

const cand = (title: string, score: number): BotCandidate => ({ articleId: title, title, summary: `${title}的摘要`, body: `${title}的正文`, score });

let p: TestPlatform;
let bot: KnowledgeBot;
beforeAll(async () => {
  p = await createTestPlatform();
  bot = new KnowledgeBot(p.ctx);
});
afterAll(() => p?.close());

describe('bot decision rule', () => {
  const s = { answerScore: 0.5, minScore: 0.3, clarifyRatio: 0.8 };
  it('hands over when nothing reaches the minimum', () => {
    expect(decide([], s)).toEqual({ kind: 'handover' });
    expect(decide([cand('甲', 0.29)], s)).toEqual({ kind: 'handover' });
  });
  it('answers a confident top hit with its summary and source', () => {
    const a = decide([cand('甲', 0.9), cand('乙', 0.5)], s);
    expect(a).toMatchObject({ kind: 'answer', articleId: '甲', title: '甲', score: 0.9 });
    expect(a.kind === 'answer' && a.text).toBe('甲的摘要\n（来源：甲）');
  });
  it('asks which one when two candidates are close, listing them', () => {
    const a = decide([cand('甲', 0.9), cand('乙', 0.75), cand('丙', 0.2)], s);
    expect(a).toMatchObject({ kind: 'clarify', options: [{ articleId: '甲' }, { articleId: '乙' }] });
    expect(a.kind === 'clarify' && a.text).toContain('1. 甲\n2. 乙');
  });
  it('asks to confirm a lone candidate that is not quite good enough', () => {
    expect(decide([cand('甲', 0.4)], s)).toMatchObject({ kind: 'clarify', options: [{ articleId: '甲' }] });
  });
});

describe('knowledge bot on the demo knowledge base', () => {
  it.each(ANSWERS)('answers “%s” with “%s”', async (question, title) => {
    const a = await bot.answer(question);
    expect(a).toMatchObject({ kind: 'answer', title });
    expect(a.kind === 'answer' && a.text).toContain(`（来源：${title}）`);
  });

  it.each(AMBIGUOUS)('asks which one for “%s”', async (question, titles) => {
    const a = await bot.answer(question);
    expect(a.kind).toBe('clarify');
    expect(a.kind === 'clarify' && a.options.map((o) => o.title)).toEqual(expect.arrayContaining(titles));
  });

  it.each(OFF_TOPIC)('hands “%s” over to a person', async (question) => {
    expect(await bot.answer(question)).toEqual({ kind: 'handover' });
  });

  it('never answers from internal articles or reply templates', async () => {
    for (const question of ['噪声扰民类诉求派单口径', '欠薪诉求受理告知', '话务规范受理用语']) {
      const a = await bot.answer(question);
      const titles = a.kind === 'answer' ? [a.title] : a.kind === 'clarify' ? a.options.map((o) => o.title) : [];
      expect(titles.filter((t) => t.startsWith('派单指引') || t.startsWith('话务规范') || t === '欠薪诉求受理告知')).toEqual([]);
    }
  });
});

describe('KnowledgeResponder (the conversations’ Responder)', () => {
  const conversation = (id: string) => ({ id, citizenId: 'c1' }) as ConversationRow;
  const commands: Responder = { answer: async (_c, text) => (text === '查询' ? { kind: 'answer', text: '您最近的工单：…' } : { kind: 'handover' }) };

  it('answers from knowledge, keeps the wrapped responder’s commands, and hands over on request', async () => {
    const r = new KnowledgeResponder(bot, p.clock, commands);
    expect(await r.answer(conversation('a'), '查询')).toEqual({ kind: 'answer', text: '您最近的工单：…' });
    expect(await r.answer(conversation('a'), '转人工')).toEqual({ kind: 'handover' });
    const a = await r.answer(conversation('a'), '电动车怎么上牌');
    expect(a).toMatchObject({ kind: 'answer', articleId: expect.any(String) });
    expect(await r.answer(conversation('a'), '讲个笑话')).toEqual({ kind: 'handover' });
  });

  it('lets the citizen pick a clarifying question’s option by its number', async () => {
    const r = new KnowledgeResponder(bot, p.clock);
    const c = await r.answer(conversation('b'), '公积金');
    expect(c.kind).toBe('clarify');
    const second = (c.kind === 'clarify' && c.text.split('\n')[2]!.replace(/^2\. /, '')) || '';
    const picked = await r.answer(conversation('b'), '2');
    expect(picked.kind).toBe('answer');
    expect(picked.kind === 'answer' && picked.text).toContain(`（来源：${second}）`);
    // The options are used once, and only by that conversation.
    expect(await r.answer(conversation('b'), '2')).toEqual({ kind: 'handover' });
    await r.answer(conversation('c'), '公积金');
    expect(await r.answer(conversation('d'), '1')).toEqual({ kind: 'handover' });
  });

  it('forgets the options after half an hour', async () => {
    const r = new KnowledgeResponder(bot, p.clock);
    await r.answer(conversation('e'), '医保');
    p.clock.advance(31 * 60_000);
    expect(await r.answer(conversation('e'), '1')).toEqual({ kind: 'handover' });
  });
});

describe('installed in the conversations of a platform', () => {
  it('answers a citizen’s SMS from knowledge and hands an off-topic one to the agents’ queue', async () => {
    installKnowledgeResponder(p.ctx, bot);
    installKnowledgeResponder(p.ctx, bot); // idempotent: the bot is not stacked twice
    const conversations = conversationServiceFor(p.ctx);
    const sent: string[] = [];
    conversations.registerSender('sms', { send: async (_c, m) => void sent.push(m.text) });
    const ask = async (value: string, text: string) => {
      const r = await conversations.receive('sms', { kind: 'phone', value }, { kind: 'text', text });
      await r.settled;
      const [c] = await p.ctx.db.query<{ state: string }>('SELECT state FROM conversations WHERE id = $1', [r.conversationId]);
      return { state: c!.state, said: [...r.passive.map((m) => m.text), ...sent.splice(0)].join('\n') };
    };
    const answered = await ask('13800001111', '电动车怎么上牌');
    expect(answered.said).toContain('（来源：电动自行车登记上牌）');
    expect(answered.state).toBe('bot');
    const handed = await ask('13800002222', '讲个笑话');
    expect(handed.state).toBe('waiting');
  });
});

describe('bot routes and settings', () => {
  it('answers citizens on the public route and staff on the staff route', async () => {
    const pub = await client(p.app, {}).post('/api/v1/public/knowledge/ask', { question: '公积金怎么提取' });
    expect(pub.body).toMatchObject({ kind: 'answer', title: '住房公积金提取条件和办理方式' });
    const staff = await client(p.app, await p.login('agent')).post('/api/v1/knowledge/ask', { question: '讲个笑话' });
    expect(staff.body).toEqual({ kind: 'handover' });
    const empty = await client(p.app, {}).post('/api/v1/public/knowledge/ask', { question: '  ' });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const extra = await client(p.app, {}).post('/api/v1/public/knowledge/ask', { question: '医保', channel: 'x' });
    expect(extra.status).toBe(400);
  });

  it('lets administrators change the thresholds, validated, and the bot follows them', async () => {
    const admin = client(p.app, await p.login('admin'));
    expect((await admin.get('/api/v1/knowledge/bot-settings')).body).toEqual(DEFAULT_BOT_SETTINGS);
    const bad = await admin.put('/api/v1/knowledge/bot-settings', { answerScore: 0.3, minScore: 0.5, clarifyRatio: 0.8 });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await client(p.app, await p.login('supervisor')).put('/api/v1/knowledge/bot-settings', DEFAULT_BOT_SETTINGS)).status).toBe(403);

    expect((await bot.answer('电动车怎么上牌')).kind).toBe('answer');
    const strict = { answerScore: 1, minScore: 0.99, clarifyRatio: 0.85 };
    expect((await admin.put('/api/v1/knowledge/bot-settings', strict)).body).toEqual(strict);
    expect(await bot.answer('城乡居民医保什么时候交')).toEqual({ kind: 'handover' });
    await admin.put('/api/v1/knowledge/bot-settings', DEFAULT_BOT_SETTINGS);
  });
});

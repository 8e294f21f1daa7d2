// The built-in default flow, walked through a scripted call (welcome → 1 person / 2 self-service).
import { describe, expect, it, vi } from 'vitest';
import { builtinFlowText } from './builtinFlows.ts';
import { FakeServices } from './testing/fakeServices.ts';
import { flowOf, runCall } from './testing/harness.ts';
import { PlayVerb } from './verbs/play.ts';

const flow = flowOf(builtinFlowText('default'));
const nodes = (r: { result: { path: Array<{ node: string }> } }): string[] => r.result.path.map((s) => s.node);
const WELCOME = '您好，欢迎致电12345政务服务便民热线。为了提高服务质量，您的通话可能会被录音。';
const MAIN_MENU = '人工服务请按1，自助服务请按2，再听一遍请按星号键。';

describe('default flow', () => {
  it('1 in office hours: the call is enqueued, and the enqueue event carries the IVR path', async () => {
    const run = await runCall(flow, [{ press: '1' }]);
    expect(run.result.reason).toBe('enqueued');
    expect(run.port.heard).toEqual([WELCOME, MAIN_MENU, '正在为您转接人工服务，请稍候。']);
    const enqueue = run.events.find((e) => e[0] === 'enqueue');
    expect(enqueue?.[1]).toMatchObject({ queue: 'general', callerNumber: '13800138000', flow: { id: 'default', version: 2 } });
    expect(enqueue?.[1].path.map((s) => [s.node, s.input, s.note])).toEqual([
      ['answer', undefined, undefined],
      ['welcome', undefined, undefined],
      ['mainMenu', '1', undefined],
      ['personHours', undefined, 'day:workdays'],
      ['toAgent', undefined, undefined],
    ]);
    expect(run.services.enqueued).toHaveLength(1);
    expect(run.port.ended).toBeNull(); // the call stays up: it now belongs to the contact center
  });

  it('keeps a key pressed during the welcome (barge-in) for the menu that follows', async () => {
    const run = await runCall(flow, [{ pressDuringPrompt: '1' }]);
    expect(run.result.reason).toBe('enqueued');
    expect(run.port.played.slice(0, 2).map((p) => p.interruptedBy)).toEqual(['1', '1']);
    expect(run.result.path[2]).toMatchObject({ node: 'mainMenu', input: '1' });
  });

  it('2, 3, tracking number, #: looks the work order up and speaks its status and reply', async () => {
    const services = new FakeServices();
    services.workOrders.set('20250301000042', { statusText: '已办结', replyText: '经核实，该路段路灯已于三月五日修复。' });
    const run = await runCall(flow, [{ press: '2' }, { press: '3' }, { press: '20250301000042#' }, { press: '0' }, { silence: true }, { silence: true }, { silence: true }], { services });
    expect(services.lookups).toEqual(['20250301000042']);
    const spoken = run.tts.texts.find((t) => t.includes('当前状态'));
    expect(spoken).toBe('受理编号为20250301000042的工单，当前状态：已办结。');
    expect(run.tts.texts).toContain('办理答复如下：经核实，该路段路灯已于三月五日修复。');
    expect(run.result.path.find((s) => s.node === 'queryNumber')?.input).toBe('20250301000042');
    expect(nodes(run).slice(-3)).toEqual(['afterQuery', 'selfService', 'mainMenu']);
  });

  it('an unknown tracking number is said to be not found; a failing lookup is apologised for', async () => {
    const script = [{ press: '2' }, { press: '3' }, { press: '1234567#' }, { press: '0' }, { hangup: true as const }];
    const notFound = await runCall(flow, script);
    expect(notFound.port.heard).toContain('对不起，没有查到编号为1234567的工单，请核对后重新查询。');
    const services = new FakeServices();
    services.lookupFails = true;
    const failed = await runCall(flow, script, { services });
    expect(failed.port.heard).toContain('对不起，查询系统暂时无法使用，请稍后再试，或转人工服务。');
    expect(failed.result.path.find((s) => s.node === 'queryResult')?.note).toBe('failed');
  });

  it('2, 1: records a mayor’s-mailbox message and files it with the caller’s number', async () => {
    const run = await runCall(flow, [{ press: '2' }, { press: '1' }, { speak: 12_000, end: 'terminator' }]);
    expect(run.services.messages).toHaveLength(1);
    const msg = run.services.messages[0]!;
    expect(msg).toMatchObject({ kind: 'mailbox', callerNumber: '13800138000', calledNumber: '12345', recording: { durationMs: 12_000 } });
    expect(msg.recording.pcm.length).toBe(96_000);
    expect(run.events.filter((e) => e[0] === 'message').map((e) => e[1])).toEqual([{ kind: 'mailbox', durationMs: 12_000, trackingNumber: '20250312000123' }]);
    expect(run.port.heard.slice(-3)).toEqual(['您的留言已提交，我们会按规定时限办理并答复您。', '您的受理编号是20250312000123，请记下以便查询办理进度。', '感谢您的来电，再见。']);
    expect(run.result.reason).toBe('completed');
    expect(run.port.ended).toEqual({ cause: 'normal', by: 'ivr' });
  });

  it('2, 2: a complaint the caller ends by hanging up is still filed', async () => {
    const run = await runCall(flow, [{ press: '2' }, { press: '2' }, { speakThenHangup: 30_000 }]);
    expect(run.services.messages.map((m) => [m.kind, m.recording.durationMs])).toEqual([['complaint', 30_000]]);
    expect(run.result.reason).toBe('hangup');
  });

  it('2, 5, 1: records the survey answer', async () => {
    const run = await runCall(flow, [{ press: '2' }, { press: '5' }, { press: '1' }]);
    expect(run.services.surveys).toEqual([{ survey: 'service-opinion', callId: 'call-1', callerNumber: '13800138000', digit: '1', answer: 'satisfied' }]);
    expect(run.port.heard.slice(-2)).toEqual(['感谢您的参与，我们会认真听取您的意见。', '感谢您的来电，再见。']);
  });

  it('an invalid key gets the invalid-input prompt, then the menu again', async () => {
    const run = await runCall(flow, [{ press: '7' }, { press: '1' }]);
    expect(run.port.heard).toEqual([WELCOME, MAIN_MENU, '对不起，您的输入有误。', MAIN_MENU, '正在为您转接人工服务，请稍候。']);
    expect(run.result.reason).toBe('enqueued');
  });

  it('* repeats the menu without using up a retry', async () => {
    const run = await runCall(flow, [{ press: '*' }, { press: '*' }, { press: '*' }, { press: '9' }, { press: '9' }, { press: '2' }, { hangup: true }]);
    expect(run.port.heard.filter((t) => t === MAIN_MENU)).toHaveLength(6);
    expect(run.result.path.map((s) => s.node)).toContain('selfService');
  });

  it('no input: the no-input prompt and retries, then the fallback (a person)', async () => {
    const run = await runCall(flow, [{ silence: true }, { silence: true }, { silence: true }]);
    const noInput = '对不起，没有收到您的按键。';
    expect(run.port.heard).toEqual([WELCOME, MAIN_MENU, noInput, MAIN_MENU, noInput, MAIN_MENU, noInput, '正在为您转接人工服务，请稍候。']);
    expect(run.result.path[2]).toMatchObject({ node: 'mainMenu', note: 'noInput' });
    expect(run.result.reason).toBe('enqueued');
  });

  it('the caller hanging up mid-prompt ends the IVR with "hangup" and nothing more is played', async () => {
    const kill = vi.spyOn(PlayVerb.prototype, 'kill');
    const run = await runCall(flow, [{ hangupDuringPrompt: true }]);
    expect(kill).toHaveBeenCalledTimes(1);
    kill.mockRestore();
    expect(run.result).toMatchObject({ reason: 'hangup', detail: 'caller-bye' });
    expect(run.result.path[1]).toMatchObject({ node: 'welcome', note: 'hangup' });
    expect(run.port.heard).toEqual([WELCOME]);
    expect(run.events.at(-1)).toEqual(['hangup', { cause: 'caller-bye', by: 'caller' }]);
    expect(run.result.path.map((s) => s.node)).toEqual(['answer', 'welcome']);
  });

  it('agents all busy (queue refuses): the caller is offered voicemail', async () => {
    const services = new FakeServices();
    services.acceptEnqueue = false;
    const run = await runCall(flow, [{ press: '1' }, { speak: 5000 }], { services });
    expect(run.port.heard).toContain('对不起，目前话务员全忙。');
    expect(services.messages.map((m) => m.kind)).toEqual(['voicemail']);
    expect(run.result.path.find((s) => s.node === 'toAgent')?.note).toBe('rejected:queue-full');
  });
});

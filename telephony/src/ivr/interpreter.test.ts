// The interpreter's own duties, on small inline flows: loops, errors, stop, hangup while a verb
// waits on the server, the direct-to-person flow.
import { describe, expect, it, vi } from 'vitest';
import { InvalidStateError } from '../media/errors.ts';
import { builtinFlowText } from './builtinFlows.ts';
import { IvrInterpreter } from './interpreter.ts';
import { PromptRenderer } from './prompts.ts';
import { FakeServices } from './testing/fakeServices.ts';
import { flowOf, runCall } from './testing/harness.ts';
import { ScriptedCallPort } from './testing/scriptedCallPort.ts';
import { TextPcmTts } from './testing/textPcm.ts';
import { LookupVerb } from './verbs/lookup.ts';

const tiny = (nodes: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  flowOf({ id: 'tiny', name: 'tiny', version: 1, start: 'answer', ...extra, nodes: { answer: { verb: 'answer', next: 'a' }, ...nodes } });

describe('IvrInterpreter', () => {
  it('cuts a flow that loops without the caller off at maxSteps, and hangs up', async () => {
    const flow = tiny({ a: { verb: 'play', prompt: { tts: '甲' }, next: 'b' }, b: { verb: 'play', prompt: { tts: '乙' }, next: 'a' } }, { maxSteps: 10 });
    const run = await runCall(flow, []);
    expect(run.result.reason).toBe('loop');
    expect(run.result.path).toHaveLength(10);
    expect(run.port.ended).toEqual({ cause: 'ivr-loop', by: 'ivr' });
    expect(run.events.filter((e) => e[0] === 'error')).toHaveLength(1);
  });

  it('routes an unexpected verb failure to onError once; without onError it hangs up', async () => {
    const nodes = {
      a: { verb: 'play', prompt: { file: 'missing.wav' }, next: 'bye' },
      person: { verb: 'enqueue', queue: 'general', onFailure: 'bye' },
      bye: { verb: 'hangup' },
    };
    const routed = await runCall(tiny(nodes, { onError: 'person' }), []);
    expect(routed.result.reason).toBe('enqueued');
    expect(routed.result.path.map((s) => [s.node, s.note])).toEqual([['answer', undefined], ['a', 'error'], ['person', 'general']]);
    const plain = await runCall(tiny(nodes), []);
    expect(plain.result.reason).toBe('error');
    expect(plain.result.detail).toMatch(/missing\.wav/);
    expect(plain.port.ended).toEqual({ cause: 'ivr-error', by: 'ivr' });
  });

  it('kills the verb when the caller hangs up while it waits on the server, and plays nothing after', async () => {
    const flow = tiny({
      a: { verb: 'collect', prompt: { tts: '请输入编号' }, into: 'no', max: 8, terminator: '#', onSuccess: 'look', onFailure: 'bye' },
      look: { verb: 'lookup', input: 'no', found: { tts: '状态：{statusText}' }, notFound: { tts: '查无此单' }, next: 'bye' },
      bye: { verb: 'hangup' },
    });
    const port = new ScriptedCallPort([{ press: '123456#' }]);
    const services = new FakeServices();
    services.workOrders.set('123456', { statusText: '办理中' });
    const original = services.lookupWorkOrder.bind(services);
    services.lookupWorkOrder = async (n) => {
      port.callerHangsUp(); // the BYE arrives while the server is still looking
      return original(n);
    };
    const kill = vi.spyOn(LookupVerb.prototype, 'kill');
    const ivr = new IvrInterpreter({ flow, port, services, prompts: new PromptRenderer({ tts: new TextPcmTts() }) });
    const result = await ivr.run();
    expect(kill).toHaveBeenCalledTimes(1);
    kill.mockRestore();
    expect(result.reason).toBe('hangup');
    expect(port.heard).toEqual(['请输入编号']);
    expect(result.path.at(-1)).toEqual(expect.objectContaining({ node: 'look', note: 'hangup' }));
  });

  it('stop() ends the IVR part of a call from outside', async () => {
    const flow = tiny({ a: { verb: 'menu', prompt: { tts: '请按键' }, onDigit: { '1': 'a' }, onFailure: 'a' } });
    const port = new ScriptedCallPort([{ press: '1' }, { press: '1' }, { press: '1' }]);
    const ivr = new IvrInterpreter({ flow, port, services: new FakeServices(), prompts: new PromptRenderer({ tts: new TextPcmTts() }) });
    ivr.on('node', (step) => {
      if (step.node === 'a' && ivr.path.length === 3) ivr.stop();
    });
    const result = await ivr.run();
    expect(result.reason).toBe('stopped');
    expect(result.path.map((s) => s.node)).toEqual(['answer', 'a', 'a']);
    await expect(ivr.run()).rejects.toBeInstanceOf(InvalidStateError);
  });

  it('transfers to an external number through the server', async () => {
    const flow = tiny({ a: { verb: 'transfer', number: '+862088888888', prompt: { tts: '正在为您转接' }, onFailure: 'a' } });
    const run = await runCall(flow, []);
    expect(run.result.reason).toBe('transferred');
    expect(run.services.transfers).toEqual([{ callId: 'call-1', number: '+862088888888' }]);
  });

  it('collect: too few digits or a lone # is invalid; the variable is set only on success', async () => {
    const flow = tiny({
      a: { verb: 'collect', prompt: { tts: '请输入' }, into: 'no', min: 4, max: 6, terminator: '#', retries: 1, invalidPrompt: { tts: '位数不对' }, onSuccess: 'ok', onFailure: 'bye' },
      ok: { verb: 'hangup', prompt: { tts: '收到{no}' } },
      bye: { verb: 'hangup' },
    });
    const fail = await runCall(flow, [{ press: '12#' }, { press: '#' }]);
    expect(fail.port.heard).toEqual(['请输入', '位数不对', '请输入', '位数不对']);
    expect(fail.result.vars.no).toBeUndefined();
    const ok = await runCall(flow, [{ press: '12' }, { press: '3456' }]);
    expect(ok.port.heard.at(-1)).toBe('收到123456');
  });

  it('the direct flow has no menu: straight to the queue, voicemail when it refuses', async () => {
    const flow = flowOf(builtinFlowText('direct'));
    const run = await runCall(flow, []);
    expect(run.result.reason).toBe('enqueued');
    expect(run.port.heard).toEqual(['您好，欢迎致电12345政务服务便民热线，正在为您接通人工服务，请稍候。']);
    const services = new FakeServices();
    services.acceptEnqueue = false;
    services.nextTrackingNumber = undefined;
    const busy = await runCall(flow, [{ speak: 6000 }], { services });
    expect(services.messages.map((m) => m.kind)).toEqual(['voicemail']);
    expect(busy.port.heard).not.toContain('您的受理编号是。'); // no number returned: no receipt
    expect(busy.result.reason).toBe('completed');
  });

  it('emits node events in order and puts the caller’s number in the variables', async () => {
    const flow = tiny({ a: { verb: 'hangup', prompt: { tts: '您的号码是{callerNumber}' } } });
    const run = await runCall(flow, []);
    expect(run.events.filter((e) => e[0] === 'node').map((e) => (e[1] as { node: string }).node)).toEqual(['answer', 'a']);
    expect(run.port.heard).toEqual(['您的号码是13800138000']);
    expect(run.events.at(-1)).toEqual(['hangup', { cause: 'normal', by: 'ivr' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { FakeServices } from '../testing/fakeServices.ts';
import { flowOf, runCall } from '../testing/harness.ts';

const flow = flowOf({
  id: 'info', name: 'info', version: 1, start: 'answer',
  nodes: {
    answer: { verb: 'answer', next: 'policy' },
    policy: { verb: 'speak', source: 'knowledge:social', intro: { tts: '以下是社保政策：' }, fallback: { tts: '暂无相关信息。' }, next: 'bye', onEmpty: 'sorry' },
    sorry: { verb: 'hangup', prompt: { tts: '请转人工。' } },
    bye: { verb: 'hangup' },
  },
});

class InfoServices extends FakeServices {
  asked: string[] = [];
  constructor(private readonly answer: () => Promise<{ texts: string[] }>) {
    super();
  }
  async information(source: string) {
    this.asked.push(source);
    return this.answer();
  }
}

describe('the speak verb', () => {
  it('speaks the intro and every text the server gives for the source', async () => {
    const services = new InfoServices(async () => ({ texts: ['参保登记可在网上办理。', '缴费可在银行代扣。'] }));
    const run = await runCall(flow, [], { services });
    expect(services.asked).toEqual(['knowledge:social']);
    expect(run.port.heard).toEqual(['以下是社保政策：', '参保登记可在网上办理。', '缴费可在银行代扣。']);
    expect(run.result.path.find((s) => s.node === 'policy')?.note).toBe('spoken:2');
  });

  it('says the fallback and takes onEmpty when the server has nothing, fails, or there is no server callback', async () => {
    for (const services of [new InfoServices(async () => ({ texts: [' ', ''] })), new InfoServices(async () => Promise.reject(new Error('down'))), new FakeServices()]) {
      const run = await runCall(flow, [], { services });
      expect(run.port.heard).toEqual(['暂无相关信息。', '请转人工。']);
      expect(run.result.path.map((s) => s.node)).toEqual(['answer', 'policy', 'sorry']);
    }
  });

  it('does not read braces in server text as call variables', async () => {
    const run = await runCall(flow, [], { services: new InfoServices(async () => ({ texts: ['电话{callerNumber}'] })) });
    expect(run.port.heard[1]).not.toContain('{');
    expect(run.port.heard[1]).toContain('callerNumber');
  });
});

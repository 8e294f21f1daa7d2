import { describe, expect, it } from 'vitest';
import { analyzeEmotion, analyzeTranscript } from './analyze.ts';
import { Lexicon } from './lexicon.ts';

describe('emotion and risk', () => {
  it('self-harm is high risk, with the words that show it', () => {
    const r = analyzeEmotion('工资拖了半年，我真的活不下去了，再不给钱我就从楼顶跳下去，不想活了');
    expect(r.risk).toBe('high');
    expect(r.reasons).toContain('selfHarm');
    expect(r.signals.filter((s) => s.tag === 'selfHarm').map((s) => s.term)).toEqual(['从楼顶跳下', '不想活']);
    expect(r.dominant).toBe('despair');
  });

  it('a negated self-harm word does not count: 我没有想自杀', () => {
    const r = analyzeEmotion('我没有想自杀，只是想反映问题');
    expect(r.risk).toBe('none');
    expect(r.signals).toEqual([expect.objectContaining({ term: '自杀', negated: true })]);
  });

  it('a worry about someone else’s self-harm is a medium "possible" risk, not high', () => {
    const r = analyzeEmotion('担心家里老人想不开会跳楼');
    expect(r.risk).toBe('medium');
    expect(r.reasons).toContain('possibleSelfHarm');
  });

  it('threats against others are high risk', () => {
    expect(analyzeEmotion('再不还钱我就跟他同归于尽').reasons).toEqual(['threatToOthers']);
  });

  it('anger with a threat to petition collectively is high; intensifiers and exclamation marks raise anger', () => {
    const r = analyzeEmotion('物业一拖再拖，简直气死了！！！再不处理我们就集体上访');
    expect(r.risk).toBe('high');
    expect(r.reasons).toEqual(expect.arrayContaining(['massPetition', 'angryEscalation', 'strongAnger']));
    const qi = r.signals.find((s) => s.term === '气死')!;
    expect(qi.intensity).toBeGreaterThan(2);
    expect(analyzeEmotion('物业一拖再拖，气死了').scores.anger).toBeLessThan(r.scores.anger);
  });

  it('"不得不" is not a negation; "不会去" is', () => {
    expect(analyzeEmotion('我们不得不去上访了').scores.escalation).toBeGreaterThan(0);
    expect(analyzeEmotion('我们不会去上访的').scores.escalation).toBe(0);
  });

  it('a polite request is calm', () => {
    const r = analyzeEmotion('您好，楼上装修噪音较大，麻烦协调处理，谢谢');
    expect(r).toMatchObject({ risk: 'none', dominant: 'calm', intensity: 0, signals: [] });
  });

  it('empty and huge inputs do not fail', () => {
    expect(analyzeEmotion('').risk).toBe('none');
    expect(analyzeEmotion('气死了'.repeat(10_000)).risk).not.toBe('none');
  });
});

describe('transcripts', () => {
  it('only the citizen’s turns count, and rising anger is noticed', () => {
    const turns = [
      { speaker: 'agent' as const, text: '您好，很高兴为您服务，请问有什么可以帮您？' },
      { speaker: 'citizen' as const, text: '我反映一下小区路灯坏了' },
      { speaker: 'agent' as const, text: '好的，请问具体位置？' },
      { speaker: 'citizen' as const, text: '上个月就报过了，一直没人管' },
      { speaker: 'agent' as const, text: '非常抱歉，我帮您再催一下。同归于尽这种话请不要说。' },
      { speaker: 'citizen' as const, text: '你们简直气死人了！！！踢皮球，我要找媒体曝光' },
    ];
    const r = analyzeTranscript(turns);
    expect(r.turns.map((t) => t.index)).toEqual([1, 3, 5]);
    expect(r.overall.scores.threat).toBe(0);
    expect(r.rising).toBe(true);
    expect(r.peakTurn).toBe(5);
  });
});

describe('lexicon matching', () => {
  it('a gapped pattern is negated by a negation between its parts', () => {
    const lex = new Lexicon([{ term: /燃气.{0,4}泄漏/, tag: 'gas', weight: 3 }]);
    expect(lex.match('燃气管道泄漏')[0]!.negated).toBe(false);
    expect(lex.match('燃气没有泄漏')[0]!.negated).toBe(true);
  });

  it('the longest literal wins at a position', () => {
    const lex = new Lexicon([
      { term: '上访', tag: 'a', weight: 1 },
      { term: '集体上访', tag: 'b', weight: 3 },
    ]);
    expect(lex.match('要集体上访').map((h) => h.tag)).toEqual(['b']);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFlatCorpus, computeMetrics, crossValidate } from './crossValidate.ts';
import { parseLabeledTsv } from './dataset.ts';
import { LinearTextClassifier, softmax } from './model.ts';
import { fitTemperature, train } from './train.ts';
import type { LabeledText } from './train.ts';

// A tiny synthetic world: each class has its own vocabulary, mixed with shared filler words.
const VOCAB: Record<string, string[]> = {
  水务: ['停水', '自来水', '水压', '水管爆裂', '水费'],
  交通: ['公交车', '红绿灯', '堵车', '地铁站', '停车位'],
  教育: ['学校', '老师', '学费', '幼儿园', '课外班'],
};
const FILLER = ['请问', '我们小区', '希望尽快', '已经很久', '谢谢', '反映一下'];

function synthetic(n: number, seed: number): LabeledText[] {
  let s = seed;
  const rand = (k: number): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % k;
  };
  const out: LabeledText[] = [];
  const labels = Object.keys(VOCAB);
  for (let i = 0; i < n; i++) {
    const label = labels[i % labels.length] as string;
    const words = VOCAB[label] as string[];
    const parts = [FILLER[rand(FILLER.length)], words[rand(words.length)], FILLER[rand(FILLER.length)], words[rand(words.length)]];
    out.push({ label, text: parts.join('，') });
  }
  return out;
}

const opts = { C: 1, nbAlpha: 1, maxEpochs: 20 };

describe('training', () => {
  const model = train(synthetic(150, 1), opts);

  it('learns a separable synthetic task', () => {
    const test = synthetic(60, 99);
    const predicted = test.map((d) => model.predict(d.text).label);
    const m = computeMetrics(model.labels, test.map((d) => d.label), predicted);
    expect(m.accuracy).toBe(1);
    expect(model.predict('自来水停水三天了').label).toBe('水务');
    expect(model.predict('公交车太挤了').label).toBe('交通');
    expect(model.predict('幼儿园学费涨价').label).toBe('教育');
  });

  it('returns ranked probabilities and evidence from the text', () => {
    const p = model.predict('地铁站附近堵车严重');
    expect(p.label).toBe('交通');
    expect(p.ranked.map((r) => r.label).sort()).toEqual([...model.labels].sort());
    expect(p.ranked[0]?.label).toBe(p.label);
    const sum = p.ranked.reduce((a, r) => a + r.confidence, 0);
    expect(sum).toBeCloseTo(1, 6);
    for (let i = 1; i < p.ranked.length; i++) expect(p.ranked[i - 1]!.confidence).toBeGreaterThanOrEqual(p.ranked[i]!.confidence);
    expect(p.evidence.length).toBeGreaterThan(0);
    expect(p.evidence.some((e) => '地铁站附近堵车严重'.includes(e))).toBe(true);
  });

  it('never throws on odd input', () => {
    for (const t of ['', ' ', '😀', '<b></b>', '\u0000\u0001', 'x'.repeat(1_000_000), 42 as unknown as string]) {
      const p = model.predict(t);
      expect(model.labels).toContain(p.label);
      expect(Number.isFinite(p.confidence)).toBe(true);
    }
  });

  it('rejects degenerate training data', () => {
    expect(() => train([], opts)).toThrow();
    expect(() => train([{ label: 'a', text: 'x' }], opts)).toThrow();
  });

  it('cross-validates the synthetic task', () => {
    const r = crossValidate(buildFlatCorpus(synthetic(150, 3)), { folds: 3, train: opts });
    expect(r.byKind.text?.metrics.macroF1).toBeGreaterThan(0.95);
  });
});

describe('persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'classifier-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const model = train(synthetic(120, 5), opts);
  const probes = ['自来水水压太低', '红绿灯坏了', '老师体罚学生', '', '随便说点什么', '😀😀😀'];

  for (const name of ['m.json', 'm.json.gz']) {
    it(`round-trips ${name} with identical predictions`, () => {
      const file = join(dir, name);
      model.save(file);
      const loaded = LinearTextClassifier.load(file);
      expect(loaded.labels).toEqual(model.labels);
      expect(loaded.temperature).toBe(model.temperature);
      for (const t of probes) expect(loaded.predict(t)).toEqual(model.predict(t));
    });
  }

  it('refuses files that are not models', () => {
    expect(() => LinearTextClassifier.deserialize(Buffer.from('{"format":"other"}'))).toThrow();
    expect(() => LinearTextClassifier.deserialize(Buffer.from('not json'))).toThrow();
  });
});

describe('calibration and parsing helpers', () => {
  it('softmax is stable and sums to one', () => {
    const p = softmax([1000, 1001, -1000], 1);
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 9);
    expect(p[1]).toBeGreaterThan(p[0]!);
  });

  it('fits a sharper temperature when scores are reliable', () => {
    const scores = Array.from({ length: 100 }, (_, i) => Float64Array.from(i % 10 === 0 ? [0.1, 0] : [1, -1]));
    const t = fitTemperature(scores, scores.map(() => 0));
    expect(t).toBeGreaterThan(1);
  });

  it('parses label<TAB>text and id/label/text TSV', () => {
    expect(parseLabeledTsv('交通\t公交车晚点\n\n教育\t学校乱收费\r\n')).toEqual([
      { id: 'tsv:1', label: '交通', text: '公交车晚点' },
      { id: 'tsv:3', label: '教育', text: '学校乱收费' },
    ]);
    expect(parseLabeledTsv('id\tlabel\ttitle\n7\t交通\t公交车晚点\n')).toEqual([{ id: '7', label: '交通', text: '公交车晚点' }]);
  });
});

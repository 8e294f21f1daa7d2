import { describe, expect, it } from 'vitest';
import { buildFlatCorpus, computeMetrics, crossValidate, trainEnsembleCalibrated } from './crossValidate.ts';
import { trainWordVectors, WordVectors } from './embeddings.ts';
import { EnsembleClassifier, EnsembleInputs } from './ensemble.ts';
import type { EnsembleRecipe } from './ensemble.ts';
import { DEFAULT_FEATURE_CONFIG, segmentWords } from './features.ts';
import { Mlp, trainMlp } from './mlp.ts';
import { rng } from './numeric.ts';
import { DEFAULT_TRAIN_OPTIONS, train } from './train.ts';
import type { LabeledText } from './train.ts';

// A synthetic city: each topic has its own words; the context words around them are shared, and
// two topic words of a class always occur together, so word vectors can learn that they belong
// together.
// (Words ICU's segmenter keeps whole.)
const TOPICS: Record<string, string[]> = {
  水务: ['停水', '自来水', '水费'],
  交通: ['红绿灯', '堵车', '停车位'],
  教育: ['学校', '老师', '学费'],
};
const FILLER = ['请问', '我们小区', '希望尽快', '已经很久', '谢谢', '反映一下', '这个问题'];

function synthetic(n: number, seed: number): LabeledText[] {
  const rand = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
  const labels = Object.keys(TOPICS);
  return Array.from({ length: n }, (_, i) => {
    const label = labels[i % labels.length] as string;
    const words = TOPICS[label] as string[];
    return { label, text: [pick(FILLER), pick(words), pick(words), pick(FILLER), pick(words)].join('，') };
  });
}

const RECIPE: EnsembleRecipe = {
  primary: { ...DEFAULT_TRAIN_OPTIONS, maxEpochs: 20 },
  addPlainSvm: true,
  secondary: { ...DEFAULT_TRAIN_OPTIONS, maxEpochs: 20, features: { ...DEFAULT_FEATURE_CONFIG, charNgramMax: 2, wordBigrams: true, wordsMaxChars: undefined } },
  dense: { weight: 0.5, mlp: { hidden: 16, epochs: 30 } },
};

describe('word vectors', () => {
  const vectors = trainWordVectors(synthetic(600, 5).map((d) => d.text), { dim: 16, epochs: 5, minCount: 2, sample: 1 });

  it('places words of one topic nearer each other than words of different topics', () => {
    expect(vectors.has('自来水')).toBe(true);
    let same = 0;
    let other = 0;
    for (const [label, words] of Object.entries(TOPICS)) {
      for (const a of words) {
        for (const b of words) if (a !== b) same += vectors.similarity(a, b);
        for (const [l2, w2] of Object.entries(TOPICS)) if (l2 !== label) for (const b of w2) other += vectors.similarity(a, b);
      }
    }
    const nSame = 3 * 3 * 2;
    const nOther = 3 * 3 * 6;
    expect(same / nSame).toBeGreaterThan(other / nOther + 0.2);
  });

  it('gives a unit document vector for known words and a zero vector for nothing known', () => {
    const v = vectors.documentVector('自来水停水了');
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    expect([...vectors.documentVector('😀😀 ###')].every((x) => x === 0)).toBe(true);
    expect([...vectors.documentVector(null)].every((x) => x === 0)).toBe(true);
  });

  it('survives a save/load round trip (int8 with a scale per word)', () => {
    const back = WordVectors.fromJSON(JSON.parse(JSON.stringify(vectors.toJSON())));
    expect(back.words).toEqual(vectors.words);
    const a = vectors.documentVector('红绿灯坏了堵车');
    const b = back.documentVector('红绿灯坏了堵车');
    let dot = 0;
    for (let k = 0; k < a.length; k++) dot += (a[k] as number) * (b[k] as number);
    expect(dot).toBeGreaterThan(0.999);
    expect(() => WordVectors.fromJSON({ format: 'something else' })).toThrow(/not a word-vector model/);
  });

  it('refuses to learn from nothing', () => {
    expect(() => trainWordVectors(['', '？？'])).toThrow(/too little text/);
  });
});

describe('network', () => {
  it('learns a task no linear model can (XOR of two inputs)', () => {
    const rand = rng(9);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 400; i++) {
      const a = rand() < 0.5 ? 0 : 1;
      const b = rand() < 0.5 ? 0 : 1;
      x.push([a + (rand() - 0.5) * 0.2, b + (rand() - 0.5) * 0.2]);
      y.push(a ^ b);
    }
    const net = trainMlp(x, y, 2, { hidden: 16, epochs: 60, learningRate: 0.01 });
    const cls = (p: number[]) => {
      const s = net.logits(p);
      return (s[1] as number) > (s[0] as number) ? 1 : 0;
    };
    expect([cls([0, 0]), cls([0, 1]), cls([1, 0]), cls([1, 1])]).toEqual([0, 1, 1, 0]);
    const back = Mlp.fromJSON(JSON.parse(JSON.stringify(net.toJSON())));
    expect(Array.from(back.logits([1, 0]))).toEqual(Array.from(net.logits([1, 0])));
  });

  it('rejects weights that do not fit its shape', () => {
    expect(() => new Mlp(2, 3, 2, new Float32Array(5), new Float32Array(3), new Float32Array(6), new Float32Array(2))).toThrow(/shape/);
  });
});

describe('ensemble', () => {
  const data = synthetic(240, 1);
  const vectors = trainWordVectors(data.map((d) => d.text), { dim: 16, epochs: 5, minCount: 2, sample: 1 });
  const model = trainEnsembleCalibrated(buildFlatCorpus(data), RECIPE, vectors, { data: 'synthetic' });

  it('has the n-gram, word and meaning members and classifies unseen texts', () => {
    expect(model.members).toHaveLength(2);
    expect(model.dense?.weight).toBe(0.5);
    const test = synthetic(90, 77);
    const m = computeMetrics(model.labels, test.map((d) => d.label), test.map((d) => model.predict(d.text).label));
    expect(m.accuracy).toBe(1);
    expect(model.temperature).toBeGreaterThan(0);
    expect(model.meta.data).toBe('synthetic');
  });

  it('sums the members: n-gram scores + word scores + weight × network logits', () => {
    const text = '学校学费又涨了';
    const s = model.scores(text);
    const a = model.members[0]!.model.scores(text);
    const b = model.members[1]!.model.scores(text);
    const d = model.dense!.net.logits(model.dense!.vectors.documentVector(text));
    for (let c = 0; c < s.length; c++) expect(s[c]).toBeCloseTo((a[c] as number) + (b[c] as number) + 0.5 * (d[c] as number), 9);
  });

  it('explains with n-grams of the text, for the winner and for any other class', () => {
    const text = '红绿灯坏了堵车严重';
    const p = model.predict(text);
    expect(p.label).toBe('交通');
    expect(p.evidence.length).toBeGreaterThan(0);
    for (const e of p.evidence) expect(text).toContain(e);
    expect(p.ranked.reduce((a, r) => a + r.confidence, 0)).toBeCloseTo(1, 6);
    for (const e of model.primary.explain(text, model.labels.indexOf('教育'), 3)) expect(text).toContain(e);
  });

  it('survives a save/load round trip, gzipped or not', () => {
    for (const gzip of [true, false]) {
      const back = EnsembleClassifier.deserialize(model.serialize(gzip));
      expect(back.labels).toEqual(model.labels);
      expect(back.temperature).toBe(model.temperature);
      const text = '停水三天了，水压也很低';
      const s1 = model.scores(text);
      const s2 = back.scores(text);
      for (let c = 0; c < s1.length; c++) expect(s2[c]).toBeCloseTo(s1[c] as number, 3);
    }
  });

  it('reads a single linear model file as a one-member ensemble', () => {
    const linear = train(data, { maxEpochs: 20 });
    const e = EnsembleClassifier.deserialize(linear.serialize(true));
    expect(e.members).toHaveLength(1);
    expect(e.dense).toBeUndefined();
    expect(e.predict('红绿灯坏了').label).toBe(linear.predict('红绿灯坏了').label);
    expect(() => EnsembleClassifier.fromJSON({ format: 'nope' })).toThrow(/not a hotline classifier model/);
    expect(() => EnsembleClassifier.fromJSON({ format: 'hotline12345-ensemble-text-classifier', version: 9 })).toThrow(/unsupported model version/);
  });

  it('refuses members that do not fit together, and a file without members', () => {
    const other = train(data.map((d) => ({ ...d, label: d.label === '水务' ? '供水' : d.label })), { maxEpochs: 5 });
    expect(() => new EnsembleClassifier([...model.members, { model: other, weight: 1 }], undefined, 1)).toThrow(/disagree on labels/);
    const dense = model.dense!;
    const wrongOutputs = new Mlp(dense.net.inputs, 2, 2, new Float32Array(2 * dense.net.inputs), new Float32Array(2), new Float32Array(4), new Float32Array(2));
    expect(() => new EnsembleClassifier(model.members, { ...dense, net: wrongOutputs }, 1)).toThrow(/does not match the labels/);
    const wrongInputs = new Mlp(3, 2, 3, new Float32Array(6), new Float32Array(2), new Float32Array(6), new Float32Array(3));
    expect(() => new EnsembleClassifier(model.members, { ...dense, net: wrongInputs }, 1)).toThrow(/does not match the word vectors/);
    expect(() => new EnsembleClassifier([], undefined, 1)).toThrow(/at least one linear member/);
    expect(() => EnsembleClassifier.fromJSON({ format: 'hotline12345-ensemble-text-classifier', version: 1 })).toThrow(/no members/);
  });

  it('explains several classes at once exactly as one at a time', () => {
    const text = '学校门口红绿灯坏了';
    const all = model.primary.explainEach(text, [0, 1, 2], 4);
    expect(all).toEqual([0, 1, 2].map((c) => model.primary.explain(text, c, 4)));
  });

  it('never throws on hostile input', () => {
    for (const t of ['', '😀'.repeat(5000), '<script>alert(1)</script>', '\u0000\u0007\ud800', 'Ünïcødé мир 世界'.repeat(3000)]) {
      const p = model.predict(t);
      expect(model.labels).toContain(p.label);
      expect(Number.isFinite(p.confidence)).toBe(true);
    }
  });

  it('cross-validates through a custom fit', () => {
    const items = buildFlatCorpus(data);
    const inputs = new EnsembleInputs(items, RECIPE, vectors);
    const r = crossValidate(items, { folds: 3, maxFolds: 1, fit: (idx) => inputs.fit(idx) });
    expect(r.byKind.text?.metrics.accuracy).toBe(1);
    expect(r.trainSize).toBeGreaterThan(100);
  });
});

describe('word segmentation', () => {
  it('marks breaks between runs of words and reuses the last result only for the same text', () => {
    expect(segmentWords('自来水停水，公交车', true)).toContain('');
    expect(segmentWords('自来水停水，公交车')).not.toContain('');
    const first = segmentWords('学校老师');
    expect(segmentWords('红绿灯').join('')).toBe('红绿灯');
    expect(segmentWords('学校老师')).toEqual(first);
    expect(segmentWords('')).toEqual([]);
  });
});

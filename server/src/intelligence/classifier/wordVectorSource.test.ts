import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFlatCorpus } from './crossValidate.ts';
import { loadUnlabelledTexts } from './dataset.ts';
import { EnsembleInputs } from './ensemble.ts';
import { DEFAULT_TRAIN_OPTIONS, train } from './train.ts';
import { resolveWordVectors } from './wordVectorSource.ts';

const dir = mkdtempSync(join(tmpdir(), 'vectors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXTS = ['小区停水三天了', '学校学费太贵', '红绿灯坏了堵车', '小区又停水了', '学校老师补课', '路口堵车严重'];
const small = { dim: 8, epochs: 2, minCount: 1, sample: 1 };
const log = (): void => {};

describe('word vector source', () => {
  it('reads only the text columns of the unlabelled files, skipping missing ones', () => {
    writeFileSync(join(dir, 'hotspot-messages.tsv'), 'id\ttitle\tbody\tlikes\n1\t停水\t小区停水三天了\t5\n2\t\t学校学费太贵\t0\n');
    expect(loadUnlabelledTexts(dir)).toEqual(['停水', '小区停水三天了', '学校学费太贵']);
    expect(loadUnlabelledTexts(join(dir, 'nowhere'))).toEqual([]);
  });

  it('learns from the unlabelled files when present', () => {
    writeFileSync(join(dir, 'messages-with-replies.tsv'), 'id\ttitle\tbody\treply\n' + TEXTS.map((t, i) => `${i}\t${t}\t${t}\t已转交${t}`).join('\n'));
    const r = resolveWordVectors({ dataDir: dir, preferShipped: false, fallbackTexts: () => [], embedding: small, log });
    expect(r.source).toMatch(/unlabelled texts/);
    expect(r.vectors.has('停水')).toBe(true);
  });

  it('reuses the vectors of an existing ensemble model, and falls back to the training texts', () => {
    const data = TEXTS.map((text, i) => ({ label: i % 3 === 0 ? '水' : i % 3 === 1 ? '学' : '路', text }));
    const fallback = resolveWordVectors({ dataDir: join(dir, 'nowhere'), preferShipped: false, fallbackTexts: () => TEXTS, embedding: small, log });
    expect(fallback.source).toMatch(/6 training texts/);
    const model = new EnsembleInputs(buildFlatCorpus(data), { primary: DEFAULT_TRAIN_OPTIONS, addPlainSvm: false, dense: { weight: 0.1, mlp: { hidden: 4, epochs: 2 } } }, fallback.vectors).fit();
    const file = join(dir, 'model.json.gz');
    model.save(file);
    for (const preferShipped of [true, false]) {
      const r = resolveWordVectors({ dataDir: join(dir, 'nowhere'), shippedModel: file, preferShipped, fallbackTexts: () => [], embedding: small, log });
      expect(r.source).toBe(`word vectors of ${file}`);
      expect(r.vectors.words).toEqual(fallback.vectors.words);
    }
    // A linear model file has no vectors to give.
    const linear = join(dir, 'linear.json');
    train(data).save(linear);
    const r = resolveWordVectors({ dataDir: join(dir, 'nowhere'), shippedModel: linear, preferShipped: true, fallbackTexts: () => TEXTS, embedding: small, log });
    expect(r.source).toMatch(/training texts/);
  });
});

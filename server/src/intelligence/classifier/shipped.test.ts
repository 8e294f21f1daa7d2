import { describe, expect, it } from 'vitest';
import { buildFlatCorpus, crossValidate } from './crossValidate.ts';
import { DEFAULT_DATA_DIR, hasCitizenMessages, loadCitizenMessages } from './dataset.ts';
import { loadShippedClassifier } from './index.ts';

// Hand-written messages (not from the data set) whose first-level category is unambiguous.
// Note the hotline taxonomy files bus routes (公共汽车) under 城乡建设 and lift safety under
// 商贸旅游 (quality supervision); 交通运输 is taxis, coaches, roads, couriers.
const OBVIOUS: [string, string][] = [
  ['城乡建设', '房东在自家楼顶违章加盖两层，施工噪音从早到晚不停，城管来了也不管'],
  ['城乡建设', '楼上房东装修施工，电钻声天天响到半夜'],
  ['卫生计生', '县人民医院的医生收红包，护士态度恶劣，看个病要排半天队'],
  ['卫生计生', '医院乱收费，做个检查花了几千块'],
  ['教育文体', '孩子所在的小学强制家长购买教辅资料，老师还在校外办补习班'],
  ['教育文体', '学校食堂饭菜太差，学生吃不饱'],
  ['劳动和社会保障', '公司已经拖欠我们三个月工资，也没有给员工缴纳社会保险'],
  ['劳动和社会保障', '老板拖欠农民工工资不给'],
  ['交通运输', '出租车司机不打表，故意绕路多收钱'],
  ['交通运输', '乡里到县城的客运班车经常超载，司机还乱收票价'],
  ['环境保护', '工业园的化工厂每天晚上偷偷排放黑烟，刺鼻气味让周边居民无法开窗'],
  ['环境保护', '造纸厂往河里排污水，鱼都死光了'],
  ['商贸旅游', '景区附近的饭店宰客，一盘炒青菜收一百多元，明码标价形同虚设'],
  ['商贸旅游', '超市商品价格标签和结账价格不一样，多收顾客的钱'],
];

describe('shipped model', () => {
  const classifier = loadShippedClassifier();

  it('knows the seven first-level categories', () => {
    expect([...classifier.labels].sort()).toEqual(['交通运输', '劳动和社会保障', '卫生计生', '商贸旅游', '城乡建设', '教育文体', '环境保护'].sort());
  });

  for (const [label, text] of OBVIOUS) {
    it(`${label}: ${text}`, () => {
      const c = classifier.classify(text);
      expect(c.label).toBe(label);
      expect(c.confidence).toBeGreaterThan(0.3);
      expect(c.ranked[0]).toEqual({ label: c.label, confidence: c.confidence });
      expect(c.evidence.length).toBeGreaterThan(0);
      for (const e of c.evidence) expect(text.replace(/\d+/g, '0').toLowerCase()).toContain(e);
    });
  }

  it('handles a title, a body and title + body alike', () => {
    const title = '化工厂偷排废水';
    const body = '我们村旁边的化工厂半夜往河里排废水，河水发黑发臭，村民不敢用水。';
    for (const t of [title, body, `${title} ${body}`]) expect(classifier.classify(t).label).toBe('环境保护');
  });

  it('returns a low-confidence answer for empty or meaningless input', () => {
    for (const t of ['', '   ', '😀😀😀', '？？？']) {
      const c = classifier.classify(t);
      expect(classifier.labels).toContain(c.label);
      expect(c.confidence).toBeLessThan(0.6);
      expect(c.evidence).toEqual([]);
    }
  });

  it('classifies a message in well under 2 ms on average', () => {
    const text = OBVIOUS.map(([, t]) => t).join('。').repeat(4); // ~1000 characters, a long body
    classifier.classify(text);
    const n = 200;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) classifier.classify(text + i);
    expect((performance.now() - t0) / n).toBeLessThan(10); // generous: CI machines are shared
  });
});

describe.skipIf(!hasCitizenMessages())('citizen-messages data set', () => {
  it('a quick 1-fold holdout on titles is far above chance', () => {
    const { titles } = loadCitizenMessages();
    const r = crossValidate(buildFlatCorpus(titles, 'title'), { folds: 5, maxFolds: 1, train: { maxEpochs: 8 } });
    const f1 = r.byKind.title?.metrics.macroF1 ?? 0;
    // Chance is about 1/7; titles-only training reaches ~0.87 (more with bodies, see README).
    expect(f1).toBeGreaterThan(0.8);
  }, 120_000);
});

if (!hasCitizenMessages()) {
  console.warn(`classifier: data set not found at ${DEFAULT_DATA_DIR}; skipping the data-set holdout test`);
}

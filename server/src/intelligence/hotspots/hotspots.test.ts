import { describe, expect, it } from 'vitest';
import { HotspotClusterer, type HotspotDoc } from './cluster.ts';
import { rankHotspots, summarize } from './rank.ts';
import { duplicateGroups, findNearDuplicates, jaccard, minhash, shingles } from './nearDuplicates.ts';
import { placeNames } from './text.ts';
import { parseBoardTime, parseMessageBoard } from './messageBoard.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T09:00:00+08:00');
let n = 0;
const doc = (day: number, title: string, body = '', extra: Partial<HotspotDoc> = {}): HotspotDoc => ({ id: `m${++n}`, at: T0 + day * DAY, title, body, ...extra });

// Hand-written appeals: one event (a mixing plant at one estate) told in different words, a
// different estate with the same kind of problem, and unrelated appeals.
const PLANT = [
  doc(0, 'A2区枫林苑旁边搅拌站噪音扰民', '枫林苑小区东侧新建了一个混凝土搅拌站，每天晚上机器轰鸣，粉尘很大。', { reporter: 'u1' }),
  doc(1, '枫林苑附近的搅拌站半夜还在施工', '搅拌站的罐车整夜进出，枫林苑业主无法休息，请求关停。', { reporter: 'u2' }),
  doc(2, '投诉枫林苑小区边上搅拌站扬尘噪音', '枫林苑业主再次反映搅拌站噪音和扬尘问题，孩子晚上睡不着。', { reporter: 'u3' }),
  doc(2, '强烈要求搬走枫林苑旁的搅拌站', '枫林苑旁边的搅拌站离住宅太近，噪音粉尘严重超标。', { reporter: 'u4' }),
];
const OTHER_ESTATE = doc(3, 'A5区桂花园旁边搅拌站噪音扰民', '桂花园小区北面的搅拌站晚上噪音很大，粉尘严重。', { reporter: 'u5' });
const UNRELATED = [
  doc(1, '咨询新生儿医保办理流程', '孩子刚出生，想问一下医保怎么办理，需要哪些材料。', { reporter: 'u6' }),
  doc(2, '公交12路晚班车取消了', '12路公交晚上九点以后就没有车了，下班回家很不方便。', { reporter: 'u7' }),
];

function cluster(docs: HotspotDoc[], opts = {}) {
  const c = new HotspotClusterer({ threshold: 0.25, ...opts });
  c.prime(docs);
  const of = new Map<string, number>();
  for (const d of [...docs].sort((a, b) => a.at - b.at)) c.add(d);
  for (const cl of c.live()) for (const d of cl.docs) of.set(d.id, cl.id);
  return { c, of };
}

describe('hotspot clustering', () => {
  it('one event told in different words is one cluster; the same problem at another estate and unrelated appeals are not in it', () => {
    const { of } = cluster([...PLANT, OTHER_ESTATE, ...UNRELATED]);
    const plant = new Set(PLANT.map((d) => of.get(d.id)));
    expect(plant.size).toBe(1);
    const id = [...plant][0];
    expect(of.get(OTHER_ESTATE.id)).not.toBe(id);
    for (const u of UNRELATED) expect(of.get(u.id)).not.toBe(id);
  });

  it('a cluster closes after the window: the same topic two months later starts a new hotspot', () => {
    const later = doc(70, '枫林苑旁边搅拌站又开始噪音扰民', '枫林苑小区东侧搅拌站停了一阵又开工了，晚上噪音粉尘很大。');
    const { of } = cluster([...PLANT, later], { windowMs: 30 * DAY });
    expect(of.get(later.id)).not.toBe(of.get(PLANT[0]!.id));
    const open = cluster([...PLANT, later], { windowMs: 90 * DAY });
    expect(open.of.get(later.id)).toBe(open.of.get(PLANT[0]!.id));
  });

  it('ranking counts people, adds likes, and alerts on fast growth', () => {
    const { c } = cluster([...PLANT, OTHER_ESTATE, ...UNRELATED]);
    const now = T0 + 3 * DAY;
    const ranked = rankHotspots(c.live(), { now, windowMs: 30 * DAY, recentMs: 7 * DAY, growthAlert: 3, minRecent: 3 }, 2);
    expect(ranked).toHaveLength(1);
    expect(ranked[0]).toMatchObject({ count: 4, reporters: 4, recent: 4, alert: true });
    expect(ranked[0]!.keywords).toContain('搅拌');
    // The same four messages from one person are one reporter, not four.
    const spam = cluster(PLANT.map((d) => ({ ...d, id: `s-${d.id}`, reporter: 'same' })));
    const s = summarize(spam.c.live()[0]!, { now, windowMs: 30 * DAY, recentMs: 7 * DAY, growthAlert: 3, minRecent: 3 });
    expect(s.reporters).toBe(1);
    expect(s.score).toBeLessThan(ranked[0]!.score);
  });

  it('no alert when the recent rate is what it has always been', () => {
    const steady = Array.from({ length: 12 }, (_, i) => doc(i * 2.5, `枫林苑搅拌站噪音第${i + 1}次反映`, '枫林苑小区旁边搅拌站噪音扰民，一直没有解决。', { reporter: `r${i}` }));
    const { c } = cluster(steady, { windowMs: 60 * DAY });
    const [top] = rankHotspots(c.live(), { now: T0 + 28 * DAY, windowMs: 30 * DAY, recentMs: 7 * DAY, growthAlert: 3, minRecent: 3 });
    expect(top!.count).toBe(12);
    expect(top!.alert).toBe(false);
  });
});

describe('near-duplicates', () => {
  it('MinHash finds the re-posted appeal, Jaccard confirms it, and a different place is not a duplicate', () => {
    const a = doc(0, 'A1区东风街道人民路12号门口井盖丢失', '人民路12号门口的井盖丢了好几天，晚上很危险，请尽快处理。');
    const b = doc(1, 'A1区东风街道人民路12号门口井盖丢失！', '人民路12号门口的井盖丢了好几天，晚上很危险，请尽快处理！');
    const c = doc(1, 'A6区星沙街道人民路12号门口井盖丢失', '人民路12号门口的井盖丢了好几天，晚上很危险，请尽快处理。');
    const far = doc(90, 'A1区东风街道人民路12号门口井盖丢失', '人民路12号门口的井盖丢了好几天，晚上很危险，请尽快处理。');
    const pairs = findNearDuplicates([a, b, c, far], { windowMs: 30 * DAY });
    expect(pairs.map((p) => [p.a, p.b].sort())).toEqual([[a.id, b.id].sort()]);
    expect(pairs[0]!.jaccard).toBeGreaterThan(0.9);
    expect(pairs[0]!.hoursApart).toBe(24);
    expect(duplicateGroups(pairs)).toEqual([[a.id, b.id].sort()]);
  });

  it('MinHash agreement estimates Jaccard similarity', () => {
    const x = shingles('小区门口的路灯坏了一个月没人修', '晚上一片漆黑，老人小孩出门很不安全，希望尽快修好路灯。');
    const y = shingles('小区门口路灯坏了一个多月没人修', '晚上漆黑一片，老人出门不安全，希望尽快修好。');
    const [sx, sy] = [minhash(x), minhash(y)];
    const agree = sx.filter((v, i) => v === sy[i]).length / sx.length;
    expect(Math.abs(agree - jaccard(x, y))).toBeLessThan(0.2);
  });
});

describe('text and files', () => {
  it('place names: administrative codes, estates and roads, without the words before them', () => {
    expect(placeNames('A市暮云街道丽发新城社区附近搅拌站噪音污染严重')).toEqual(['丽发新城', '丽发新城社区']);
    expect(placeNames('A5区劳动东路魅力之城小区油烟扰民')).toEqual(['A5区', '劳动东路', '魅力之城', '魅力之城小区']);
    expect(placeNames('请问A市加快国家中心城市建设，周边学校和配套幼儿园')).toEqual([]);
  });

  it('message-board files: columns by header, Shanghai times, bad lines skipped, sorted by time', () => {
    const tsv = 'id\ttitle\tbody\tuser\ttime\tlikes\tdislikes\n2\t标题二\t正文\tu2\t2019/2/28 11:25:05\t3\t0\n1\t标题一\t正文\tu1\t2019/02/01 08:00:00\t0\t1\nx\t坏行\t\t\tnot a time\t\t\n';
    const m = parseMessageBoard(tsv);
    expect(m.map((x) => x.id)).toEqual(['1', '2']);
    expect(m[1]).toMatchObject({ likes: 3, reporter: 'u2', at: Date.parse('2019-02-28T03:25:05Z') });
    expect(parseBoardTime('2019/1/8 9:32:33')).toBe(Date.parse('2019-01-08T09:32:33+08:00'));
    expect(() => parseMessageBoard('a\tb\n1\t2\n')).toThrow(/title and time/);
  });
});

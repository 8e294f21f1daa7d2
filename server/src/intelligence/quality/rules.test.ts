import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR } from '../../intelligence/classifier/dataset.ts';
import { appealCoverage, inspectReply, inspectTranscript, keyTerms } from './rules.ts';

const APPEAL = '枫林苑小区3栋电梯坏了一个月，物业一直不修，老人上下楼很困难。';
const GOOD = '您好！您反映的枫林苑小区3栋电梯故障问题已收悉。经核查，物业公司已联系电梯维保单位更换主板，电梯于本周恢复运行，并安排专人每日巡查。感谢您对我们工作的理解与支持！';
const RUDE = '这个不归我们管，你自己去找物业。';

describe('reply rules', () => {
  it('a complete, polite reply that answers the appeal scores high and passes every rule', () => {
    const r = inspectReply(APPEAL, GOOD);
    expect(r.failed).toEqual([]);
    expect(r.score).toBeGreaterThanOrEqual(90);
    expect(r.rules.find((x) => x.rule === 'greeting')!.detail).toEqual({ found: '您好' });
    expect(r.rules.find((x) => x.rule === 'closing')!.detail).toEqual({ found: '感谢' });
  });

  it('a curt reply with forbidden words fails greeting, closing, forbidden words and length', () => {
    const r = inspectReply(APPEAL, RUDE);
    expect(r.failed).toEqual(expect.arrayContaining(['greeting', 'closing', 'forbiddenWords', 'length']));
    expect(r.rules.find((x) => x.rule === 'forbiddenWords')!.detail).toEqual({ found: ['不归我们管', '你自己去'] });
    expect(r.score).toBeLessThan(50);
  });

  it('a polite reply about something else does not address the appeal', () => {
    const other = '您好！您反映的公交线路调整问题，公交集团已在研究增开班次，请您关注后续公告。感谢您的理解与支持！';
    const r = inspectReply(APPEAL, other);
    expect(r.failed).toContain('addressesAppeal');
    expect(inspectReply(APPEAL, GOOD).rules.find((x) => x.rule === 'addressesAppeal')!.points).toBeGreaterThan(r.rules.find((x) => x.rule === 'addressesAppeal')!.points);
  });

  it('key terms leave out politeness and reporting words', () => {
    expect(keyTerms('您好，我想反映一下枫林苑小区电梯的问题，希望尽快解决，谢谢')).toEqual(expect.arrayContaining(['电梯']));
    expect(keyTerms('您好，我想反映一下问题，希望尽快解决，谢谢')).toEqual([]);
    expect(appealCoverage(APPEAL, GOOD).coverage).toBeGreaterThan(0.3);
  });

  it('an empty reply scores low without failing', () => {
    const r = inspectReply(APPEAL, '');
    expect(r.score).toBeLessThan(30);
  });
});

describe('transcript rules', () => {
  it('greeting in the agent’s first turn, closing in the last, the citizen’s words as the appeal', () => {
    const r = inspectTranscript([
      { speaker: 'agent', text: '您好，12345热线，很高兴为您服务。' },
      { speaker: 'citizen', text: '我们小区电梯坏了一个月了，物业不修。' },
      { speaker: 'agent', text: '请您提供小区名称和楼栋号，我为您登记电梯故障工单，转物业和市场监管部门处理。' },
      { speaker: 'citizen', text: '枫林苑3栋。' },
      { speaker: 'agent', text: '好的，已为您登记，还有其他可以帮您的吗？感谢您的来电，再见。' },
    ]);
    expect(r.failed).toEqual([]);
  });

  it('an agent who never greets and says a forbidden phrase fails those rules', () => {
    const r = inspectTranscript([
      { speaker: 'citizen', text: '电梯坏了' },
      { speaker: 'agent', text: '说了多少遍了，这事不归我们管' },
    ]);
    expect(r.failed).toEqual(expect.arrayContaining(['greeting', 'closing', 'forbiddenWords']));
  });
});

const REPLIES = resolve(DEFAULT_DATA_DIR, 'messages-with-replies.tsv');
let present = true;
try {
  readFileSync(REPLIES, { flag: 'r' }).subarray(0, 1);
} catch {
  present = false;
  console.warn(`quality: data set not found at ${REPLIES}; skipping the real-replies test`);
}

describe.skipIf(!present)('official replies of the message-board data set', () => {
  it('a reply takes up more of its own appeal than of another appeal (addressing the appeal is measurable)', () => {
    const rows = readFileSync(REPLIES, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
    const pairs = rows.map((c) => ({ appeal: `${c[1]} ${c[2]}`, reply: c[3] ?? '' })).filter((x) => x.reply.length > 0);
    expect(pairs.length).toBeGreaterThan(1000);
    let wins = 0;
    let own = 0;
    let other = 0;
    pairs.forEach((x, i) => {
      const a = appealCoverage(x.appeal, x.reply).coverage;
      const b = appealCoverage(x.appeal, pairs[(i + 997) % pairs.length]!.reply).coverage;
      own += a;
      other += b;
      if (a > b) wins++;
    });
    expect(wins / pairs.length).toBeGreaterThan(0.75);
    expect(own / pairs.length).toBeGreaterThan(3 * (other / pairs.length));
  });
});

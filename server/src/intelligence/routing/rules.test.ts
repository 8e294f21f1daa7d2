import { describe, expect, it } from 'vitest';
import { detectUrgency } from './urgency.ts';
import { suggestAppealType } from './appealType.ts';
import { CategoryRules } from './categoryRules.ts';
import { chooseCategory, decideAutoDispatch, type AutoDispatchFacts } from './analyze.ts';

describe('urgency', () => {
  it.each([
    ['家里厨房燃气泄漏了，味道很大', 'emergency', 'gas'],
    ['楼下餐馆着火了，冒浓烟', 'emergency', 'fire'],
    ['小区围墙坍塌，压到了车', 'emergency', 'collapse'],
    ['有人在街上持刀打人', 'emergency', 'violence'],
    ['我不想活了', 'emergency', 'selfHarm'],
    ['电梯困人，里面有老人', 'emergency', 'trapped'],
    ['我们小区停水两天了', 'urgent', 'outage'],
    ['路口井盖丢失，晚上很危险', 'urgent', 'hazard'],
  ])('%s → %s (%s)', (text, value, kind) => {
    const u = detectUrgency(text);
    expect(u.value).toBe(value);
    expect(u.kinds).toContain(kind);
  });

  it('negation: 没有着火, 燃气没有泄漏 are not emergencies', () => {
    expect(detectUrgency('刚才闻到焦味，检查了没有着火').value).toBe('normal');
    expect(detectUrgency('燃气公司来查过，燃气没有泄漏').value).toBe('normal');
    expect(detectUrgency('燃气公司来查过，燃气没有泄漏').signals[0]).toMatchObject({ negated: true });
  });

  it('a hazard that has not happened is urgent, not an emergency', () => {
    expect(detectUrgency('电线老化，担心会着火').value).toBe('urgent');
    expect(detectUrgency('楼道堆满杂物，存在火灾隐患').value).toBe('urgent');
  });

  it('ordinary appeals are normal', () => {
    expect(detectUrgency('咨询一下公积金提取需要什么材料')).toEqual({ value: 'normal', kinds: [], signals: [] });
  });
});

describe('appeal type', () => {
  it.each([
    ['投诉物业乱收费', '物业公司每月多收停车费', 'complaint'],
    ['举报化工厂偷排废水', '', 'report'],
    ['', '请问新生儿医保怎么办理？', 'consultation'],
    ['建议增设公交站', '希望在学校门口增加一个站点', 'suggestion'],
    ['表扬东风街道工作人员', '感谢他们及时解决了我们小区的问题', 'praise'],
    ['求助', '老人走失了，请帮忙寻找', 'help'],
  ])('%s %s → %s', (title, content, type) => {
    const t = suggestAppealType(title, content);
    expect(t.value).toBe(type);
    expect(t.ranked[0]!.evidence.length).toBeGreaterThan(0);
  });

  it('the title weighs more than the body, and a negated cue does not count', () => {
    expect(suggestAppealType('咨询', '有人说这是违法的').value).toBe('consultation');
    expect(suggestAppealType('', '我不是投诉，想咨询一下办理流程').value).toBe('consultation');
  });

  it('no cue at all is "other" with zero confidence', () => {
    expect(suggestAppealType('', '今天天气晴')).toEqual({ value: 'other', confidence: 0, ranked: [] });
  });
});

describe('deeper categories', () => {
  const rows = [
    { id: 'c1', parentId: null, name: '城乡建设', level: 1, fullName: '城乡建设' },
    { id: 'c2', parentId: 'c1', name: '城市建设和市政管理', level: 2, fullName: '城乡建设/城市建设和市政管理' },
    { id: 'c3', parentId: 'c2', name: '燃气供应', level: 3, fullName: '城乡建设/城市建设和市政管理/燃气供应' },
    { id: 'c4', parentId: 'c2', name: '电力供应', level: 3, fullName: '城乡建设/城市建设和市政管理/电力供应' },
    { id: 'p1', parentId: null, name: '政法', level: 1, fullName: '政法' },
    { id: 'p2', parentId: 'p1', name: '交通管理', level: 2, fullName: '政法/交通管理' },
    { id: 'p3', parentId: 'p2', name: '交通安全管理', level: 3, fullName: '政法/交通管理/交通安全管理' },
  ];
  const rules = new CategoryRules(rows);

  it('keywords and category names point to third-level categories, weighted by the first level', () => {
    const [top] = rules.suggest('小区燃气管道漏气，燃气公司不来维修', new Map([['城乡建设', 0.8]]));
    expect(top).toMatchObject({ categoryId: 'c3', fullName: '城乡建设/城市建设和市政管理/燃气供应', evidence: expect.arrayContaining(['燃气管道', '燃气公司']) });
    expect(rules.suggest('天天停电，电费还涨了', new Map())[0]!.categoryId).toBe('c4');
  });

  it('chooses the deeper category under the classifier’s first choice; a strong rule outside it only when the classifier is unsure', () => {
    const cats = [{ label: '城乡建设', confidence: 0.6, evidence: [], categoryId: 'c1' }];
    const traffic = rules.suggest('路口红绿灯坏了，交警也不管，违停严重', new Map([['城乡建设', 0.6]]));
    expect(chooseCategory(cats, traffic)).toMatchObject({ categoryId: 'p3', source: 'rules' });
    expect(chooseCategory([{ ...cats[0]!, confidence: 0.95 }], traffic)).toMatchObject({ categoryId: 'c1', source: 'classifier' });
    const gas = rules.suggest('燃气漏气', new Map([['城乡建设', 0.6]]));
    expect(chooseCategory(cats, gas)).toMatchObject({ categoryId: 'c3', confidence: 0.6, source: 'classifier' });
  });
});

describe('auto-dispatch decision', () => {
  const facts: AutoDispatchFacts = {
    threshold: 0.9,
    urgency: 'normal',
    emergencyByEmotion: false,
    categoryConfidence: 0.95,
    categoryConsistent: true,
    departments: [{ departmentId: 'd1', name: '人社局', assisting: [{ departmentId: 'd2', name: '街道' }], catalogueCategoryId: 'c', regionId: null }],
    departmentUnique: true,
  };
  it.each([
    [{}, 'ok'],
    [{ urgency: 'emergency' as const }, 'emergency'],
    [{ emergencyByEmotion: true }, 'emergency'],
    [{ categoryConfidence: 0.89 }, 'lowConfidence'],
    [{ categoryConsistent: false }, 'categoryMismatch'],
    [{ departments: [] }, 'noDepartment'],
    [{ departmentUnique: false }, 'ambiguousDepartment'],
  ])('%j → %s', (over, reason) => {
    const d = decideAutoDispatch({ ...facts, ...over });
    expect(d.reason).toBe(reason);
    expect(d.dispatch).toBe(reason === 'ok');
    if (d.dispatch) expect(d).toMatchObject({ departmentId: 'd1', assistingDepartmentIds: ['d2'] });
  });
});

// Company and shop names: …有限公司, …股份有限公司, …集团, …公司, …店/超市/酒店. Names have no
// left delimiter in Chinese, so the name is the run of characters before the suffix, cut after
// the last word that usually precedes a name (投诉, 在, 的, 被 …), and dropped when what remains
// is generic (物业公司, 这家店).

import type { CompanyEntity } from './types.ts';

const COMPANY_SUFFIX = '股份有限公司|有限责任公司|有限公司|分公司|集团公司|集团|公司';
const SHOP_SUFFIX = '超市|便利店|专卖店|旗舰店|酒店|宾馆|药店|药房|店';
const NAME_CHAR = '[\\p{Script=Han}A-Za-z0-9（）()·&]';
const PATTERN = new RegExp(`(${NAME_CHAR}{2,30}?)(${COMPANY_SUFFIX}|${SHOP_SUFFIX})`, 'gu');

// Words that end the left context of a name.
const CUTS = [
  '还有', '以及', '投诉', '举报', '反映', '关于', '请问', '咨询', '希望', '要求', '建议', '帮忙', '一家', '这家', '那家', '该', '某',
  '楼下', '楼上', '隔壁', '对面', '附近', '旁边', '门口', '路边', '街边',
  '在', '的', '被', '向', '到', '从', '给', '对', '把', '跟', '与', '找', '是', '去', '了', '由', '让', '和', '及', '我', '他', '她',
];

// What is left when the "name" is only a description.
const GENERIC = new Set([
  '物业', '物业服务', '开发', '开发商', '房地产', '房地产开发', '地产', '快递', '保险', '建筑', '装修', '劳务', '网络', '科技', '电力', '供电', '燃气', '自来水',
  '贵', '本', '这', '那', '一', '各', '多', '每', '其', '此', '总', '分', '新', '老', '小', '大', '门', '商', '饭', '酒', '书', '网', '药', '花',
  '烧烤', '餐饮', '小吃', '早餐', '便利', '理发', '美发', '洗车', '五金', '服装', '奶茶', '蛋糕', '面包', '宠物', '手机', '维修', '修车', '洗浴', '足浴', '按摩',
  '用人', '我们', '他们', '你们', '我家', '楼下', '隔壁', '附近', '对面', '周边', '小区', '这个', '那个', '一个', '网上', '线上', '外卖', '水果', '理发',
]);

export function extractCompanies(text: string): CompanyEntity[] {
  const out: CompanyEntity[] = [];
  for (const m of text.matchAll(PATTERN)) {
    let start = m.index;
    let name = m[1]!;
    const suffix = m[2]!;
    // Cut after the last cue word that leaves a name of two characters or more; a cue right
    // before the suffix leaves no name at all (我的店), one leaving a single character is part of
    // the name (和平超市, 在线).
    const cuts: number[] = [];
    for (const w of CUTS) for (let at = name.indexOf(w); at >= 0; at = name.indexOf(w, at + 1)) cuts.push(at + w.length);
    cuts.sort((a, b) => b - a);
    if (cuts[0] === name.length) continue;
    const cut = cuts.find((c) => [...name.slice(c)].length >= 2);
    if (cut !== undefined) {
      start += cut;
      name = name.slice(cut);
    }
    if ([...name].length < 2 || GENERIC.has(name)) continue;
    const type = new RegExp(`^(${COMPANY_SUFFIX})$`).test(suffix) ? 'company' : 'shop';
    const full = name + suffix;
    out.push({ kind: 'company', start, end: start + full.length, text: full, value: { name: full, type } });
  }
  return out;
}

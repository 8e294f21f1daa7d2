// Emotion lexicon of citizens' appeals, written for this project. Weights: 1 mild, 2 strong,
// 3 alarming on its own (self-harm, violence against others).

import type { LexiconEntry } from './lexicon.ts';

export type EmotionTag = 'anger' | 'despair' | 'selfHarm' | 'threat' | 'media' | 'petition';

const words = (tag: EmotionTag, weight: number, list: string): LexiconEntry<EmotionTag>[] =>
  list.split(/\s+/).filter(Boolean).map((term) => ({ term, tag, weight }));

export const EMOTION_LEXICON: LexiconEntry<EmotionTag>[] = [
  ...words('anger', 1, `不满 生气 气愤 恼火 火大 烦死 受够了 无语 离谱 过分 敷衍 推诿 踢皮球 不作为 乱作为 一拖再拖 没人管 不管不问
    置之不理 石沉大海 互相推脱 相互推诿 糊弄 应付了事 太差劲 恶劣 蛮横 嚣张 霸道 憋屈 窝火 寒心 看不下去`),
  ...words('anger', 2, `愤怒 气死 太气人 忍无可忍 岂有此理 欺人太甚 无法无天 丧尽天良 黑心 无耻 可恶 痛恨 忍不下去 简直是土匪 官官相护
    什么玩意 还有没有王法 到底有没有人管 还有天理吗`),
  ...words('anger', 3, `混蛋 王八蛋 他妈的 妈的 狗官 畜生 垃圾政府 贪官污吏 去你的`),
  { term: /[！!]{3,}|[？?]{3,}/, tag: 'anger', weight: 1 },
  ...words('despair', 1, `无奈 心寒 失望 无助 没办法了 求求你们 求求了 哀求 走投无路 绝望 崩溃 撑不下去 没有活路 日子没法过 实在没办法 求助无门 投诉无门`),
  ...words('despair', 2, `活不下去 家破人亡 逼死 生不如死 倾家荡产 妻离子散 一无所有`),
  ...words('selfHarm', 3, `不想活 想死 自杀 轻生 跳楼 跳河 喝农药 吃安眠药 割腕 上吊 一了百了 结束生命 寻短见 死给你们看 以死明志 不如死了`),
  ...words('selfHarm', 2, `想不开 活着没意思 活着没意义`),
  { term: /从.{0,6}(?:楼|桥|楼顶|天台)上?跳下/, tag: 'selfHarm', weight: 3 },
  ...words('threat', 3, `同归于尽 杀了他 杀了你 杀了他们 弄死 砍死 捅死 炸掉 放火烧 报复社会 让他好看 血债血偿 以命相搏 跟他拼命 拿刀 带刀 泼汽油 炸药`),
  ...words('media', 1, `曝光 找媒体 找记者 上电视 发抖音 发微博 网上曝光 发到网上 舆论 媒体`),
  ...words('petition', 1, `信访 投诉到底 找领导`),
  ...words('petition', 2, `上访 去北京 进京 到省里 越级上访 拉横幅 静坐 到市政府 联名 聚集`),
  ...words('petition', 3, `集体上访 堵路 围堵 堵门`),
];

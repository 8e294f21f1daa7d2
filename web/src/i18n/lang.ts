export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const KEY = 'hotline.lang';

export function initialLang(): Lang {
  const saved = localStorage.getItem(KEY);
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

export function saveLang(lang: Lang): void {
  localStorage.setItem(KEY, lang);
}

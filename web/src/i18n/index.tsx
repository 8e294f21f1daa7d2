// UI language: a dictionary per language, a context, and hooks. Simplified Chinese is the default.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { zh, type MessageKey } from './zh';
import { en } from './en';
import { enumLabel, type EnumKind } from './enumLabels';
import { initialLang, saveLang, type Lang } from './lang';

export type { MessageKey } from './zh';
export type { Lang } from './lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** Label of a shared enum value (status, action, role, type, urgency, channel, satisfaction, departmentKind). */
  label: (kind: EnumKind, value: string | null | undefined) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

function interpolate(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

function applyDayjs(lang: Lang) {
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    applyDayjs(l);
    return l;
  });
  const setLang = useCallback((l: Lang) => {
    saveLang(l);
    applyDayjs(l);
    setLangState(l);
  }, []);
  const value = useMemo<I18nValue>(() => {
    const dict = lang === 'en' ? en : zh;
    return {
      lang,
      setLang,
      t: (key, vars) => interpolate(dict[key] ?? zh[key] ?? key, vars),
      label: (kind, v) => enumLabel(lang, kind, v),
    };
  }, [lang, setLang]);
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1f5fbf' } }}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

import { Segmented } from 'antd';
import { useI18n, type Lang } from '../i18n';
import { TID } from '../testIds';

export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <Segmented<Lang>
      data-testid={TID.appLangSwitch}
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}

import { Button, Dropdown } from 'antd';
import type { MenuProps } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Language } from '@gendan/contracts';
import { LANGUAGES } from '../api/constants';
import { currentLanguage } from '../i18n';

/** Short code on the button, so the menu options ("中文", "English") are the only full names on screen. */
const SHORT: Record<Language, string> = { 'zh-CN': '中', en: 'EN' };

export function LanguageSwitch({
  onChange,
  disabled,
  type = 'text',
}: {
  onChange: (lang: Language) => void;
  disabled?: boolean;
  type?: 'text' | 'default';
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const items: MenuProps['items'] = LANGUAGES.map((code) => ({
    key: code,
    label: <span data-testid={`lang-option-${code}`}>{t(`lang.${code}`)}</span>,
  }));

  return (
    <Dropdown
      trigger={['click']}
      disabled={disabled}
      menu={{
        items,
        selectable: true,
        selectedKeys: [lang],
        onClick: ({ key }) => {
          const next = LANGUAGES.find((code) => code === key);
          if (next && next !== lang) onChange(next);
        },
      }}
    >
      <Button
        type={type}
        icon={<GlobalOutlined />}
        data-testid="lang-switch"
        aria-label={t('lang.switchLabel')}
      >
        {SHORT[lang]}
      </Button>
    </Dropdown>
  );
}

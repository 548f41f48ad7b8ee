import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../domain/schema';
import { currentLocale, setLocale } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value = i18n.language === 'zh-CN' ? 'zh-CN' : currentLocale();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      <span>{t('language.label')}</span>
      <select
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
        value={value}
        onChange={(e) => setLocale(e.target.value as Locale)}
        data-testid="language-switch"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

import { useTranslation } from 'react-i18next';

/** Being built in this session (issue 8). */
export function CommentsPanel() {
  const { t } = useTranslation();
  return <h2 className="p-4 text-sm font-semibold text-slate-900">{t('comments.title')}</h2>;
}

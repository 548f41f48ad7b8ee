import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { buttonDanger, buttonSecondary } from '../components/buttons';

export function ConfirmDeleteDialog(props: { title: string; onCancel: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open title={t('list.deleteTitle')} onClose={props.onCancel}>
      <p className="text-sm text-slate-700">{t('list.deleteConfirm', { title: props.title })}</p>
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonSecondary} onClick={props.onCancel} autoFocus>
          {t('common.cancel')}
        </button>
        <button type="button" className={buttonDanger} onClick={props.onConfirm}>
          {t('common.delete')}
        </button>
      </div>
    </Dialog>
  );
}

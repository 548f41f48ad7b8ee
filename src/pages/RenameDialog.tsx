import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { buttonPrimary, buttonSecondary } from '../components/buttons';
import { LIMITS } from '../domain/schema';

export function RenameDialog(props: { title: string; onCancel: () => void; onRename: (title: string) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(props.title);
  const trimmed = value.trim();
  return (
    <Dialog open title={t('list.renamePrompt', { title: props.title })} onClose={props.onCancel}>
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (trimmed) props.onRename(trimmed);
        }}
      >
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          {t('list.renameLabel')}
          <input
            autoFocus
            className="rounded-md border border-slate-300 px-3 py-2 text-base focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
            value={value}
            maxLength={LIMITS.mapTitle}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonSecondary} onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={buttonPrimary} disabled={!trimmed}>
            {t('common.rename')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

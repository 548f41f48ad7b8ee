import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMapSelector, useMapStore } from '../store/use-map-store';
import { setTitle } from '../store/commands';
import { LIMITS } from '../domain/schema';

/** The map title, editable in place in the header. */
export function MapTitleField() {
  const { t } = useTranslation();
  const store = useMapStore();
  const title = useMapSelector((d) => d.title);
  const [value, setValue] = useState(title);
  useEffect(() => setValue(title), [title]);
  const commit = () => {
    const next = value.trim();
    if (!next) setValue(title);
    else if (next !== title) store.apply((d) => void setTitle(d, next), { label: t('map.titleLabel') });
  };
  return (
    <input
      className="min-w-0 max-w-md flex-1 truncate rounded-md border border-transparent bg-transparent px-2 py-1 text-lg font-semibold text-slate-900 hover:border-slate-300 focus-visible:border-indigo-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
      aria-label={t('map.titleLabel')}
      data-testid="map-title"
      value={value}
      maxLength={LIMITS.mapTitle}
      onChange={(e) => setValue(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          setValue(title);
          e.currentTarget.blur();
        }
      }}
    />
  );
}

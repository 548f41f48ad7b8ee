/** The history panel's dialogs: save a named version, view one (read-only picture), compare, restore. */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { buttonDanger, buttonPrimary, buttonSecondary } from '../../components/buttons';
import { WideDialog } from '../../export/WideDialog';
import { defaultRenderOptions, renderMapSvg } from '../../export/render-svg';
import { svgDataUrl } from '../../export/rasterize';
import { compareMaps } from '../../domain/map-compare';
import type { JourneyMap, Locale } from '../../domain/schema';
import { useVersion, type VersionMeta } from '../../api/versions';
import { useMapSelector } from '../../store/use-map-store';
import { CompareView } from './CompareView';
import { formatDateTime, versionLabel } from './version-labels';

export function SaveVersionDialog({
  open,
  busy,
  error,
  onSave,
  onClose,
}: {
  open: boolean;
  busy: boolean;
  error: string | null;
  onSave: (name: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const inputId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) {
      setName('');
      requestAnimationFrame(() => inputRef.current?.focus());
    }
  }, [open]);
  const trimmed = name.trim();
  return (
    <Dialog open={open} title={t('versions.saveTitle')} onClose={onClose}>
      <form
        className="flex flex-col gap-3"
        data-testid="save-version-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (trimmed && !busy) onSave(trimmed);
        }}
      >
        <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
          {t('versions.nameLabel')}
        </label>
        <input
          ref={inputRef}
          id={inputId}
          value={name}
          maxLength={120}
          aria-describedby={hintId}
          placeholder={t('versions.namePlaceholder')}
          className="rounded-md border border-slate-300 px-3 py-2 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
          onChange={(e) => setName(e.target.value)}
        />
        <p id={hintId} className="text-xs text-slate-500">
          {t('versions.nameHint')}
        </p>
        {error ? (
          <p role="alert" className="text-sm text-rose-700">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonSecondary} onClick={onClose}>
            {t('versions.cancel')}
          </button>
          <button type="submit" className={buttonPrimary} disabled={!trimmed || busy}>
            {busy ? t('versions.saving') : t('versions.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function uiLocale(language: string): Locale {
  return language === 'zh-CN' ? 'zh-CN' : 'en';
}

/** The version drawn by the export renderer: a picture, so nothing in it can be edited. */
function VersionPicture({ map, label }: { map: JourneyMap; label: string }) {
  const { i18n } = useTranslation();
  const locale = uiLocale(i18n.language);
  const rendered = useMemo(() => renderMapSvg(map, defaultRenderOptions(locale)), [map, locale]);
  return (
    <div className="min-h-0 flex-1 overflow-auto rounded border border-slate-200 bg-slate-50">
      <img src={svgDataUrl(rendered.svg)} alt={label} width={rendered.width} height={rendered.height} className="h-auto max-w-full" data-testid="version-picture" />
    </div>
  );
}

export function ViewVersionDialog({
  mapId,
  version,
  canRestore,
  onCompare,
  onRestore,
  onClose,
}: {
  mapId: string;
  version: VersionMeta | null;
  canRestore: boolean;
  onCompare: (v: VersionMeta) => void;
  onRestore: (v: VersionMeta) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const q = useVersion(mapId, version?.id ?? null);
  const label = version ? versionLabel(version, i18n.language, t) : '';
  return (
    <WideDialog
      open={version !== null}
      title={version ? t('versions.viewTitle', { label, time: formatDateTime(version.createdAt, i18n.language) }) : ''}
      onClose={onClose}
      testId="version-view-dialog"
    >
      <p className="text-sm text-slate-600">{t('versions.readOnlyNote')}</p>
      {q.data ? (
        <VersionPicture map={q.data.map} label={label} />
      ) : q.isError ? (
        <p role="alert" className="text-sm text-rose-700">
          {t('versions.loadError', { message: q.error.message })}
        </p>
      ) : (
        <p className="text-sm text-slate-500">{t('versions.rendering')}</p>
      )}
      <div className="flex justify-end gap-2">
        {version ? (
          <button type="button" className={buttonSecondary} onClick={() => onCompare(version)}>
            {t('versions.compare')}
          </button>
        ) : null}
        {version && canRestore ? (
          <button type="button" className={buttonSecondary} onClick={() => onRestore(version)}>
            {t('versions.restore')}
          </button>
        ) : null}
        <button type="button" className={buttonPrimary} onClick={onClose}>
          {t('versions.close')}
        </button>
      </div>
    </WideDialog>
  );
}

function LiveComparison({ old }: { old: JourneyMap }) {
  // The editor's own document: includes edits not yet saved, and follows live changes.
  const now = useMapSelector((d) => d);
  const comparison = useMemo(() => compareMaps(old, now), [old, now]);
  return <CompareView comparison={comparison} />;
}

export function CompareDialog({
  mapId,
  version,
  canRestore,
  onRestore,
  onClose,
}: {
  mapId: string;
  version: VersionMeta | null;
  canRestore: boolean;
  onRestore: (v: VersionMeta) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const q = useVersion(mapId, version?.id ?? null);
  const label = version ? versionLabel(version, i18n.language, t) : '';
  return (
    <WideDialog open={version !== null} title={t('versions.compareTitle', { label })} onClose={onClose} testId="version-compare-dialog" width="w-[min(44rem,96vw)]">
      {version ? <p className="text-sm text-slate-600">{t('versions.compareIntro', { time: formatDateTime(version.createdAt, i18n.language) })}</p> : null}
      <div className="min-h-0 flex-1 overflow-y-auto pr-1">
        {q.data ? (
          <LiveComparison old={q.data.map} />
        ) : q.isError ? (
          <p role="alert" className="text-sm text-rose-700">
            {t('versions.loadError', { message: q.error.message })}
          </p>
        ) : (
          <p className="text-sm text-slate-500">{t('versions.loading')}</p>
        )}
      </div>
      <div className="flex justify-end gap-2">
        {version && canRestore ? (
          <button type="button" className={buttonSecondary} onClick={() => onRestore(version)}>
            {t('versions.restore')}
          </button>
        ) : null}
        <button type="button" className={buttonPrimary} onClick={onClose}>
          {t('versions.close')}
        </button>
      </div>
    </WideDialog>
  );
}

export function RestoreDialog({
  version,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  version: VersionMeta | null;
  busy: boolean;
  error: string | null;
  onConfirm: (v: VersionMeta) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Dialog open={version !== null} title={t('versions.restoreTitle')} onClose={onClose}>
      {version ? (
        <div className="flex flex-col gap-3" data-testid="restore-dialog">
          <p className="text-sm text-slate-700">
            {t('versions.restoreBody', { label: versionLabel(version, i18n.language, t), time: formatDateTime(version.createdAt, i18n.language) })}
          </p>
          <p className="rounded-md bg-emerald-50 p-2 text-sm text-emerald-900">{t('versions.restoreSafety')}</p>
          {error ? (
            <p role="alert" className="text-sm text-rose-700">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonSecondary} onClick={onClose}>
              {t('versions.cancel')}
            </button>
            <button type="button" className={buttonDanger} disabled={busy} onClick={() => onConfirm(version)}>
              {busy ? t('versions.restoring') : t('versions.restoreConfirm')}
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}

/**
 * The History tab: versions grouped by day (automatic snapshots, named versions, the states kept
 * before a restore), "Save version…", and per version View / Compare with now / Restore.
 * Viewers (view and comment links) can view and compare only. The list refreshes on the live
 * `versions` event, so every open panel sees new versions.
 */
import { useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { buttonPrimary, buttonSecondary } from '../../components/buttons';
import { mapsApi } from '../../api/maps';
import { useRestoreVersion, useSaveVersion, useVersions, type VersionKind, type VersionMeta } from '../../api/versions';
import { LiveContext, canEdit } from '../../live/live-context';
import { useMapSelector, useMapStore, useReadOnly } from '../../store/use-map-store';
import { useToast } from '../Toast';
import { CompareDialog, RestoreDialog, SaveVersionDialog, ViewVersionDialog } from './VersionDialogs';
import { formatTime, groupByDay, versionLabel } from './version-labels';

const small = 'rounded px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600';

function KindIcon({ kind }: { kind: VersionKind }): ReactNode {
  const common = { width: 16, height: 16, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const, 'aria-hidden': true };
  const tone = kind === 'named' ? 'bg-indigo-100 text-indigo-700' : kind === 'restore' ? 'bg-amber-100 text-amber-800' : 'bg-slate-100 text-slate-600';
  return (
    <span className={`mt-0.5 inline-flex h-7 w-7 shrink-0 items-center justify-center rounded-full ${tone}`}>
      {kind === 'named' ? (
        <svg {...common}>
          <path d="M6 3h12v18l-6-4-6 4z" />
        </svg>
      ) : kind === 'restore' ? (
        <svg {...common}>
          <path d="M3 12a9 9 0 1 0 3-6.7" />
          <path d="M3 4v5h5" />
        </svg>
      ) : (
        <svg {...common}>
          <circle cx="12" cy="12" r="9" />
          <path d="M12 7v5l3 2" />
        </svg>
      )}
    </span>
  );
}

function VersionItem({
  version,
  canRestore,
  onView,
  onCompare,
  onRestore,
}: {
  version: VersionMeta;
  canRestore: boolean;
  onView: () => void;
  onCompare: () => void;
  onRestore: () => void;
}) {
  const { t, i18n } = useTranslation();
  const label = versionLabel(version, i18n.language, t);
  const s = version.summary;
  return (
    <li className="flex gap-3 px-4 py-3" data-testid="version-item" data-kind={version.kind}>
      <KindIcon kind={version.kind} />
      <div className="min-w-0 flex-1">
        <p className={`break-words text-sm ${version.kind === 'named' ? 'font-semibold text-slate-900' : 'text-slate-800'}`} data-testid="version-label">
          {label}
        </p>
        <p className="text-xs text-slate-500">
          <time dateTime={version.createdAt}>{formatTime(version.createdAt, i18n.language)}</time>
          {' · '}
          {t(`versions.kind.${version.kind}`)}
          {version.author ? ` · ${t('versions.by', { author: version.author })}` : ''}
        </p>
        <p className="text-xs text-slate-500">{t('versions.summary', { stages: s.stages, cards: s.cards, mots: s.mots })}</p>
        <div role="group" aria-label={t('versions.actionsFor', { label })} className="-ml-2 mt-1 flex flex-wrap gap-1">
          <button type="button" className={small} onClick={onView}>
            {t('versions.view')}
          </button>
          <button type="button" className={small} onClick={onCompare}>
            {t('versions.compare')}
          </button>
          {canRestore ? (
            <button type="button" className={small} onClick={onRestore}>
              {t('versions.restore')}
            </button>
          ) : null}
        </div>
      </div>
    </li>
  );
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function VersionsPanel() {
  const { t, i18n } = useTranslation();
  const mapId = useMapSelector((d) => d.id);
  const store = useMapStore();
  const live = useContext(LiveContext);
  const readOnly = useReadOnly();
  const mayEdit = !readOnly && (live ? canEdit(live.role) : true);
  const author = live?.me.name ?? '';
  const toast = useToast();

  const versions = useVersions(mapId);
  const { refetch } = versions;
  useEffect(() => live?.on('versions', () => void refetch()), [live, refetch]);

  const save = useSaveVersion(mapId);
  const restore = useRestoreVersion(mapId);
  const [saving, setSaving] = useState(false);
  const [viewing, setViewing] = useState<VersionMeta | null>(null);
  const [comparing, setComparing] = useState<VersionMeta | null>(null);
  const [restoring, setRestoring] = useState<VersionMeta | null>(null);

  const groups = useMemo(() => groupByDay(versions.data ?? [], new Date(), i18n.language, t), [versions.data, i18n.language, t]);

  const askRestore = (v: VersionMeta) => {
    setViewing(null);
    setComparing(null);
    restore.reset();
    setRestoring(v);
  };

  const doRestore = (v: VersionMeta) => {
    restore.mutate(
      { versionId: v.id, author },
      {
        onSuccess: async () => {
          setRestoring(null);
          toast.show({ message: t('versions.restoredToast') });
          // With a live channel the restore arrives as an operation; without one, load it here.
          if (!live) {
            const fresh = await mapsApi.get(mapId);
            store.replaceDocument(fresh.map, 'remote');
          }
        },
      },
    );
  };

  return (
    <div className="flex flex-col" data-testid="versions-panel">
      <div className="flex flex-col gap-2 border-b border-slate-200 p-4">
        <h2 className="text-sm font-semibold text-slate-900">{t('versions.title')}</h2>
        <p className="text-xs text-slate-600">{mayEdit ? t('versions.intro') : t('versions.viewerNote')}</p>
        {mayEdit ? (
          <div>
            <button
              type="button"
              className={buttonPrimary}
              onClick={() => {
                save.reset();
                setSaving(true);
              }}
            >
              {t('versions.saveVersion')}
            </button>
          </div>
        ) : null}
      </div>

      {versions.isPending ? (
        <p className="p-4 text-sm text-slate-500">{t('versions.loading')}</p>
      ) : versions.isError ? (
        <div className="flex flex-col items-start gap-2 p-4">
          <p role="alert" className="text-sm text-rose-700">
            {t('versions.loadError', { message: versions.error.message })}
          </p>
          <button type="button" className={buttonSecondary} onClick={() => void refetch()}>
            {t('versions.retry')}
          </button>
        </div>
      ) : groups.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">{t('versions.empty')}</p>
      ) : (
        groups.map((g) => (
          <section key={g.key} aria-label={g.label}>
            <h3 className="sticky top-0 z-10 border-b border-slate-100 bg-slate-50 px-4 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-600">{g.label}</h3>
            <ul className="divide-y divide-slate-100">
              {g.versions.map((v) => (
                <VersionItem
                  key={v.id}
                  version={v}
                  canRestore={mayEdit}
                  onView={() => setViewing(v)}
                  onCompare={() => setComparing(v)}
                  onRestore={() => askRestore(v)}
                />
              ))}
            </ul>
          </section>
        ))
      )}

      <SaveVersionDialog
        open={saving}
        busy={save.isPending}
        error={save.isError ? t('versions.saveFailed', { message: messageOf(save.error) }) : null}
        onClose={() => setSaving(false)}
        onSave={(name) =>
          save.mutate(
            { name, author },
            {
              onSuccess: () => {
                setSaving(false);
                toast.show({ message: t('versions.savedToast', { name }) });
              },
            },
          )
        }
      />
      <ViewVersionDialog
        mapId={mapId}
        version={viewing}
        canRestore={mayEdit}
        onClose={() => setViewing(null)}
        onCompare={(v) => {
          setViewing(null);
          setComparing(v);
        }}
        onRestore={askRestore}
      />
      <CompareDialog mapId={mapId} version={comparing} canRestore={mayEdit} onClose={() => setComparing(null)} onRestore={askRestore} />
      <RestoreDialog
        version={restoring}
        busy={restore.isPending}
        error={restore.isError ? t('versions.restoreFailed', { message: messageOf(restore.error) }) : null}
        onClose={() => setRestoring(null)}
        onConfirm={doRestore}
      />
    </div>
  );
}

import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppHeader } from '../components/AppHeader';
import { buttonGhost, buttonSecondary } from '../components/buttons';
import { useCreateMap, useDeleteMap, useDuplicateMap, useMapsList, useRenameMap, type MapSummary, type TemplateChoice } from '../api/maps';
import { currentLocale } from '../i18n';
import { RenameDialog } from './RenameDialog';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog';
import { useJsonImport } from '../export/ImportJson';

const TEMPLATE_CHOICES: { id: TemplateChoice; name: 'list.templateAirline' | 'list.templateHotel'; description: 'list.templateAirlineDescription' | 'list.templateHotelDescription'; icon: string }[] = [
  { id: 'airline', name: 'list.templateAirline', description: 'list.templateAirlineDescription', icon: '✈️' },
  { id: 'hotel', name: 'list.templateHotel', description: 'list.templateHotelDescription', icon: '🏨' },
];

export function MapsListPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const list = useMapsList();
  const create = useCreateMap();
  const rename = useRenameMap();
  const duplicate = useDuplicateMap();
  const remove = useDeleteMap();
  const [renaming, setRenaming] = useState<MapSummary | null>(null);
  const [deleting, setDeleting] = useState<MapSummary | null>(null);
  const importer = useJsonImport();

  const createMap = (template?: TemplateChoice) => {
    create.mutate(
      { locale: currentLocale(), ...(template ? { template } : { title: t('list.untitled') }) },
      { onSuccess: (data) => void navigate(`/maps/${data.map.id}`) },
    );
  };
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="flex min-h-full flex-col bg-slate-50" {...importer.dropZone}>
      <AppHeader />
      <main id="main" className="mx-auto flex w-full max-w-5xl flex-col gap-8 px-6 py-8">
        <section aria-labelledby="new-map-title" className="flex flex-col gap-3">
          <h1 id="new-map-title" className="text-2xl font-semibold text-slate-900">
            {t('list.title')}
          </h1>
          <p className="text-sm text-slate-600">{t('app.tagline')}</p>
          <div className="grid gap-3 sm:grid-cols-3">
            <button type="button" className={`${buttonSecondary} h-full flex-col items-start justify-start p-4 text-left`} onClick={() => createMap()} disabled={create.isPending}>
              <span aria-hidden="true" className="text-2xl">＋</span>
              <span className="font-semibold">{t('list.newBlank')}</span>
            </button>
            {TEMPLATE_CHOICES.map((c) => (
              <button
                key={c.id}
                type="button"
                className={`${buttonSecondary} h-full flex-col items-start justify-start p-4 text-left`}
                onClick={() => createMap(c.id)}
                disabled={create.isPending}
                data-testid={`create-${c.id}`}
              >
                <span aria-hidden="true" className="text-2xl">{c.icon}</span>
                <span className="font-semibold">{t(c.name)}</span>
                <span className="text-xs font-normal text-slate-500">{t(c.description)}</span>
              </button>
            ))}
          </div>
          <div className="flex flex-wrap items-center gap-3">{importer.button}</div>
          <p className="text-xs text-slate-500">{t('list.createIn', { language: t(`language.${currentLocale()}`) })}</p>
          {create.isError ? (
            <p role="alert" className="text-sm text-rose-700">
              {t('list.createError', { message: create.error.message })}
            </p>
          ) : null}
        </section>

        <section aria-label={t('list.title')} className="flex flex-col gap-2">
          {list.isPending ? <p className="text-sm text-slate-500">{t('common.loading')}</p> : null}
          {list.isError ? (
            <div role="alert" className="flex items-center gap-3 text-sm text-rose-700">
              {t('list.loadError', { message: list.error.message })}
              <button type="button" className={buttonSecondary} onClick={() => void list.refetch()}>
                {t('common.retry')}
              </button>
            </div>
          ) : null}
          {list.data && list.data.length === 0 ? <p className="text-sm text-slate-500">{t('list.empty')}</p> : null}
          <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="map-list">
            {list.data?.map((m) => (
              <li key={m.id} className="flex items-center gap-4 px-4 py-3" data-testid="map-row">
                <div className="flex min-w-0 flex-1 flex-col">
                  <Link to={`/maps/${m.id}`} className="truncate font-medium text-indigo-700 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600">
                    {m.title}
                  </Link>
                  <span className="text-xs text-slate-500">
                    {t('list.counts', { stages: m.stageCount, touchpoints: m.touchpointCount, mots: m.motCount })} ·{' '}
                    {t('list.updated', { date: dateFormat.format(new Date(m.updatedAt)) })}
                  </span>
                </div>
                <div className="flex gap-1" role="group" aria-label={t('list.actionsFor', { title: m.title })}>
                  <button type="button" className={buttonGhost} onClick={() => setRenaming(m)}>
                    {t('common.rename')}
                  </button>
                  <button type="button" className={buttonGhost} onClick={() => duplicate.mutate(m.id)}>
                    {t('common.duplicate')}
                  </button>
                  <button type="button" className={`${buttonGhost} text-rose-700`} onClick={() => setDeleting(m)}>
                    {t('common.delete')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      </main>
      {importer.element}
      {renaming ? (
        <RenameDialog
          title={renaming.title}
          onCancel={() => setRenaming(null)}
          onRename={(title) => {
            rename.mutate({ id: renaming.id, title });
            setRenaming(null);
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDeleteDialog
          title={deleting.title}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            remove.mutate(deleting.id);
            setDeleting(null);
          }}
        />
      ) : null}
    </div>
  );
}

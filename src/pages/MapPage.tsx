import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppHeader } from '../components/AppHeader';
import { buttonGhost } from '../components/buttons';
import { useMap } from '../api/maps';
import { ApiError } from '../api/http';
import { JourneyCanvas } from '../canvas/JourneyCanvas';
import { PersonaLegend } from '../panels/PersonaLegend';

export function MapPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useMap(id);

  return (
    <div className="flex h-full flex-col">
      <AppHeader>
        <Link to="/" className={buttonGhost}>
          ← {t('common.back')}
        </Link>
        {query.data ? (
          <h1 className="truncate text-lg font-semibold text-slate-900" data-testid="map-title">
            {query.data.map.title}
          </h1>
        ) : null}
      </AppHeader>
      <main id="main" className="relative flex min-h-0 flex-1 flex-col">
        {query.isPending ? <p className="p-6 text-sm text-slate-500">{t('common.loading')}</p> : null}
        {query.isError ? (
          <p role="alert" className="p-6 text-sm text-rose-700">
            {query.error instanceof ApiError && query.error.status === 404
              ? t('map.notFound')
              : t('map.loadError', { message: query.error.message })}
          </p>
        ) : null}
        {query.data ? (
          <>
            <div className="flex shrink-0 items-center gap-6 border-b border-slate-200 bg-white px-4 py-2">
              <PersonaLegend personas={query.data.map.personas} />
            </div>
            <div className="min-h-0 flex-1">
              <JourneyCanvas map={query.data.map} />
            </div>
          </>
        ) : null}
      </main>
    </div>
  );
}

import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppHeader } from '../components/AppHeader';
import { buttonGhost } from '../components/buttons';
import { useMap } from '../api/maps';
import { ApiError } from '../api/http';
import { MapEditor } from './MapEditor';

/** Loads a map, then hands it to the editor (which owns the document from then on). */
export function MapPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useMap(id);

  if (query.data) return <MapEditor key={query.data.map.id} initial={query.data} />;
  return (
    <div className="flex h-full flex-col">
      <AppHeader>
        <Link to="/" className={buttonGhost}>
          ← {t('common.back')}
        </Link>
      </AppHeader>
      <main id="main" className="p-6">
        {query.isPending ? <p className="text-sm text-slate-500">{t('common.loading')}</p> : null}
        {query.isError ? (
          <p role="alert" className="text-sm text-rose-700">
            {query.error instanceof ApiError && query.error.status === 404 ? t('map.notFound') : t('map.loadError', { message: query.error.message })}
          </p>
        ) : null}
      </main>
    </div>
  );
}

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { lazy, Suspense } from 'react';
import { MapsListPage } from './pages/MapsListPage';
import { ToastProvider } from './panels/Toast';
import { SessionGate } from './pages/SessionGate';
import { prefetchMap } from './api/maps';
import { mapPageModule } from './route-preload';

/** The editor (React Flow, the store, the panels) loads only when a map is opened (see route-preload). */
const MapPage = lazy(() => mapPageModule().then((m) => ({ default: m.MapPage })));
/** A share link (`/s/<token>`): outside the workspace sign-in, the token is the credential. */
const GuestMapPage = lazy(() => import('./pages/GuestMapPage').then((m) => ({ default: m.GuestMapPage })));

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

export function App() {
  const { t } = useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        {t('app.skipToContent')}
      </a>
      <ToastProvider>
        <BrowserRouter>
          <Routes>
            <Route
              path="/"
              element={
                <SessionGate>
                  <MapsListPage />
                </SessionGate>
              }
            />
            <Route path="/maps/:id" element={<MapRoute />} />
            <Route
              path="/s/:token"
              element={
                <Suspense fallback={<p className="p-6 text-sm text-slate-500">{t('common.loading')}</p>}>
                  <GuestMapPage />
                </Suspense>
              }
            />
            <Route
              path="*"
              element={
                <SessionGate>
                  <MapsListPage />
                </SessionGate>
              }
            />
          </Routes>
        </BrowserRouter>
      </ToastProvider>
    </QueryClientProvider>
  );
}

/** A map's page behind the sign-in gate; the map itself is fetched while the session is checked. */
function MapRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <SessionGate preload={() => prefetchMap(queryClient, id)}>
      <Suspense fallback={<p className="p-6 text-sm text-slate-500">{t('common.loading')}</p>}>
        <MapPage />
      </Suspense>
    </SessionGate>
  );
}

import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { mapKeys } from '../api/keys';
import { Link } from 'react-router';
import { ReactFlowProvider } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { AppHeader } from '../components/AppHeader';
import { buttonGhost } from '../components/buttons';
import type { LoadedMap } from '../api/maps';
import { MapStore } from '../store/map-store';
import { MapStoreProvider } from '../store/use-map-store';
import { ViewStore, ViewStoreProvider, useViewState, useViewStore } from '../canvas/view-state';
import { JourneyCanvas } from '../canvas/JourneyCanvas';
import { useEditorKeyboard } from '../canvas/use-editor-keyboard';
import { useCardClipboard } from '../canvas/use-clipboard';
import { useMapSync } from '../sync/use-map-sync';
import { SaveStatus } from '../panels/SaveStatus';
import { ConflictDialog } from '../panels/ConflictDialog';
import { ShortcutSheet } from '../panels/ShortcutSheet';
import { PersonasPanel } from '../panels/personas/PersonasPanel';
import { MapTitleField } from './MapTitleField';
import { EditorToolbar } from './EditorToolbar';
import { SidePanel } from './SidePanel';
import { CanvasNarrative } from './CanvasNarrative';

/** The map editor: one MapStore for the open document, autosave, canvas and side panels. */
export function MapEditor({ initial }: { initial: LoadedMap }) {
  const [store] = useState(() => new MapStore(initial.map));
  const [view] = useState(() => new ViewStore());
  return (
    <MapStoreProvider store={store}>
      <ViewStoreProvider store={view}>
        <ReactFlowProvider>
          <EditorLayout store={store} view={view} version={initial.version} />
        </ReactFlowProvider>
      </ViewStoreProvider>
    </MapStoreProvider>
  );
}

function EditorLayout({ store, view, version }: { store: MapStore; view: ViewStore; version: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // Keep the cached copy current, so reopening the map starts from the latest saved version.
  const sync = useMapSync(store, version, {
    onSaved: (saved) => {
      qc.setQueryData(mapKeys.detail(saved.map.id), saved);
      void qc.invalidateQueries({ queryKey: mapKeys.lists() });
    },
  });
  useEditorKeyboard(store, view);
  useCardClipboard(store, view);
  return (
    <div className="flex h-full flex-col">
      <AppHeader>
        <Link to="/" className={buttonGhost}>
          ← {t('common.back')}
        </Link>
        <MapTitleField />
        <SaveStatus status={sync.status} onRetry={sync.retryNow} />
      </AppHeader>
      <div className="flex shrink-0 flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-200 bg-white px-4 py-2">
        <EditorToolbar />
        <PersonasPanel />
      </div>
      <main id="main" className="flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1">
          <CanvasNarrative id="canvas-narrative" />
          <JourneyCanvas describedBy="canvas-narrative" />
        </div>
        <SidePanel />
      </main>
      {sync.status.kind === 'conflict' ? <ConflictDialog conflicts={sync.status.conflicts} onResolve={sync.resolve} /> : null}
      <ShortcutsHost />
    </div>
  );
}

function ShortcutsHost() {
  const view = useViewStore();
  const open = useViewState((s) => s.shortcutsOpen);
  return <ShortcutSheet open={open} onClose={() => view.set({ shortcutsOpen: false })} />;
}

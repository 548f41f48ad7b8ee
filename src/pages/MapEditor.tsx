import { useState } from 'react';
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
import { LevelOfDetailProvider } from '../canvas/nodes/level-of-detail';
import { useEditorKeyboard } from '../canvas/use-editor-keyboard';
import { useCardClipboard } from '../canvas/use-clipboard';
import { LiveProvider, useLiveStatus } from '../live/LiveProvider';
import { LiveStatus } from '../live/LiveStatus';
import { ShortcutSheet } from '../panels/ShortcutSheet';
import { PersonasPanel } from '../panels/personas/PersonasPanel';
import { MapTitleField } from './MapTitleField';
import { EditorToolbar } from './EditorToolbar';
import { SidePanel } from './SidePanel';
import { CanvasNarrative } from './CanvasNarrative';
import { VotingProvider } from '../panels/voting/voting-context';
import { PresenceProvider } from '../canvas/presence/PresenceProvider';
import { PresenceBar } from '../live/PresenceBar';
import { WalkthroughProvider } from '../walkthrough/WalkthroughProvider';
import type { MapRole } from '../api/maps';
import { canEdit, isOwner } from '../live/live-context';
import { ShareButton } from '../panels/share/ShareDialog';
import { GuestRoleNote, ReadOnlyTitle } from '../panels/share/ReadOnlyBadge';

/** The map editor: one MapStore for the open document, live co-editing (LiveProvider), canvas and side panels. */
export function MapEditor({ initial }: { initial: LoadedMap }) {
  // View / comment links: the store itself refuses every local change.
  const [store] = useState(() => new MapStore(initial.map, { readOnly: !canEdit(initial.role) }));
  const [view] = useState(() => new ViewStore());
  return (
    <MapStoreProvider store={store}>
      <ViewStoreProvider store={view}>
        <ReactFlowProvider>
          <LevelOfDetailProvider>
            <LiveProvider mapId={initial.map.id} role={initial.role} version={initial.version} store={store} view={view}>
              <EditorLayout store={store} view={view} role={initial.role} />
            </LiveProvider>
          </LevelOfDetailProvider>
        </ReactFlowProvider>
      </ViewStoreProvider>
    </MapStoreProvider>
  );
}

function EditorLayout({ store, view, role }: { store: MapStore; view: ViewStore; role: MapRole }) {
  const { t } = useTranslation();
  // Live co-editing status (LiveProvider): saving / saved / offline / reconnecting / revoked / deleted.
  const live = useLiveStatus();
  const showStatus = canEdit(role) || !['saved', 'saving', 'connecting'].includes(live.status.kind);
  useEditorKeyboard(store, view);
  useCardClipboard(store, view);
  return (
    <PresenceProvider>
    <WalkthroughProvider>
    <div className="flex h-full flex-col">
      <AppHeader home={isOwner(role)}>
        {isOwner(role) ? (
          <Link to="/" className={buttonGhost}>
            ← {t('common.back')}
          </Link>
        ) : null}
        {canEdit(role) ? <MapTitleField /> : <ReadOnlyTitle />}
        {isOwner(role) ? null : <GuestRoleNote role={role} />}
        {showStatus ? <LiveStatus status={live.status} onRetry={live.retryNow} /> : null}
        {isOwner(role) ? <ShareButton mapId={store.getDoc().id} /> : null}
        <PresenceBar />
      </AppHeader>
      <div className="flex shrink-0 flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-200 bg-white px-4 py-2">
        <EditorToolbar />
        <PersonasPanel />
      </div>
      <VotingProvider role={role}>
      <main id="main" className="flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1">
          <CanvasNarrative id="canvas-narrative" />
          <JourneyCanvas describedBy="canvas-narrative" />
        </div>
        <SidePanel />
      </main>
      </VotingProvider>
      <ShortcutsHost />
    </div>
    </WalkthroughProvider>
    </PresenceProvider>
  );
}

function ShortcutsHost() {
  const view = useViewStore();
  const open = useViewState((s) => s.shortcutsOpen);
  return <ShortcutSheet open={open} onClose={() => view.set({ shortcutsOpen: false })} />;
}

import { useTranslation } from 'react-i18next';
import { useViewState, useViewStore, type PanelId } from '../canvas/view-state';
import { InspectorPanel, type InspectorDeletion } from '../panels/inspector/InspectorPanel';
import { useToast } from '../panels/Toast';
import { useMapStore } from '../store/use-map-store';
import { PeakEndPanel } from '../panels/emotion/PeakEndPanel';
import { MotsPanel } from '../panels/mots/MotsPanel';
import { CommentsPanel } from '../panels/comments/CommentsPanel';
import { VotingPanel } from '../panels/voting/VotingPanel';
import { VersionsPanel } from '../panels/versions/VersionsPanel';

const TABS: {
  id: PanelId;
  label: 'map.tabInspector' | 'map.tabEmotion' | 'map.tabMots' | 'comments.tab' | 'voting.tab' | 'versions.tab';
}[] = [
  { id: 'inspector', label: 'map.tabInspector' },
  { id: 'emotion', label: 'map.tabEmotion' },
  { id: 'mots', label: 'map.tabMots' },
  { id: 'comments', label: 'comments.tab' },
  { id: 'votes', label: 'voting.tab' },
  { id: 'history', label: 'versions.tab' },
];

function PanelBody({ panel, onDeleted }: { panel: PanelId; onDeleted: (d: InspectorDeletion) => void }) {
  switch (panel) {
    case 'inspector':
      return <InspectorPanel onDeleted={onDeleted} />;
    case 'emotion':
      return <PeakEndPanel />;
    case 'mots':
      return <MotsPanel />;
    case 'comments':
      return <CommentsPanel />;
    case 'votes':
      return <VotingPanel />;
    case 'history':
      return <VersionsPanel />;
  }
}

/** The right-hand panel: inspector, peak-end figures, Moments of Truth — one tab at a time. */
export function SidePanel() {
  const { t } = useTranslation();
  const view = useViewStore();
  const panel = useViewState((s) => s.panel);
  const select = (id: PanelId) => view.set({ panel: id });
  const toast = useToast();
  const store = useMapStore();
  const onDeleted = (d: InspectorDeletion) => {
    const message =
      d.kind === 'touchpoints'
        ? t('map.deletedCards', { count: d.count })
        : d.kind === 'stage'
          ? t('map.deletedStage', { name: d.name, count: d.cardCount })
          : d.kind === 'lane'
            ? t('map.deletedLane', { name: d.name, count: d.cardCount })
            : t('map.deletedPersona', { name: d.name });
    toast.show({ message, action: { label: t('map.undo'), onClick: () => store.undo() } });
  };
  return (
    <aside className="flex w-[400px] shrink-0 flex-col border-l border-slate-200 bg-white" aria-label={t('map.panels')}>
      <div
        role="tablist"
        aria-label={t('map.panels')}
        className="flex shrink-0 border-b border-slate-200"
        onKeyDown={(e) => {
          if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
          e.preventDefault();
          e.stopPropagation();
          const i = TABS.findIndex((tab) => tab.id === panel);
          const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
          if (next) {
            select(next.id);
            document.getElementById(`tab-${next.id}`)?.focus();
          }
        }}
      >
        {TABS.map((tab) => (
          <button
            key={tab.id}
            id={`tab-${tab.id}`}
            type="button"
            role="tab"
            aria-selected={panel === tab.id}
            aria-controls={`tabpanel-${tab.id}`}
            tabIndex={panel === tab.id ? 0 : -1}
            className={`flex-1 border-b-2 px-1.5 py-2.5 text-[13px] font-medium focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${
              panel === tab.id ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900'
            }`}
            onClick={() => select(tab.id)}
          >
            {t(tab.label)}
          </button>
        ))}
      </div>
      <div id={`tabpanel-${panel}`} role="tabpanel" aria-labelledby={`tab-${panel}`} className="min-h-0 flex-1 overflow-y-auto">
        <PanelBody panel={panel} onDeleted={onDeleted} />
      </div>
    </aside>
  );
}

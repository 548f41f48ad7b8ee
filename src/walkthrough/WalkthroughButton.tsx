import { useTranslation } from 'react-i18next';
import { buttonSecondary } from '../components/buttons';
import { useMapStore } from '../store/use-map-store';
import { useViewStore } from '../canvas/view-state';
import { useWalkthroughStore } from './walkthrough-store';
import { startStageId } from './stage-slice';

/** The toolbar's "Walkthrough" button: present the map stage by stage (shortcut P). */
export function WalkthroughButton() {
  const { t } = useTranslation();
  const store = useWalkthroughStore();
  const doc = useMapStore();
  const view = useViewStore();
  return (
    <button
      type="button"
      className={buttonSecondary}
      onClick={() => store.present(startStageId(doc.getDoc(), view.getState()))}
      title={t('walkthrough.startHint')}
      aria-keyshortcuts="P"
      data-testid="walkthrough-start"
    >
      <span aria-hidden="true">▶</span> {t('walkthrough.start')}
    </button>
  );
}

/**
 * The keyboard shortcut sheet (opened with "?"): every shortcut of the editor, grouped.
 * Shows ⌘ on Apple platforms and Ctrl elsewhere.
 */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { buttonGhost } from '../components/buttons';

/** True on macOS / iOS, where the command key plays Ctrl's part. */
export function isApplePlatform(): boolean {
  if (typeof navigator === 'undefined') return false;
  return /Mac|iPhone|iPad|iPod/i.test(navigator.platform);
}

/** "⌘" on Apple platforms, "Ctrl" elsewhere. */
export function modifierLabel(): string {
  return isApplePlatform() ? '⌘' : 'Ctrl';
}

/** One key press: the keys held together, e.g. ['mod', 'shift', 'Z']. */
type Combo = readonly string[];
interface Shortcut {
  /** Alternatives ("or"). */
  combos: readonly Combo[];
  description: string;
  /** Show the alternatives side by side without "or" (arrow keys). */
  compact?: boolean;
}

export interface ShortcutSheetProps {
  open: boolean;
  onClose: () => void;
}

export function ShortcutSheet({ open, onClose }: ShortcutSheetProps) {
  const { t } = useTranslation();
  const k = (key: 'ctrl' | 'shift' | 'enter' | 'esc' | 'tab' | 'delete' | 'backspace' | 'click' | 'doubleClick' | 'dragBox') =>
    t(`editor.shortcuts.keys.${key}`);
  const mod = isApplePlatform() ? '⌘' : k('ctrl');
  const shift = k('shift');

  const groups: { title: string; items: Shortcut[] }[] = [
    {
      title: t('editor.shortcuts.groups.selection'),
      items: [
        { combos: [['←'], ['→'], ['↑'], ['↓']], compact: true, description: t('editor.shortcuts.moveSelection') },
        { combos: [[k('tab')], [shift, k('tab')]], description: t('editor.shortcuts.nextCard') },
        { combos: [[k('enter')]], description: t('editor.shortcuts.editTitle') },
        { combos: [[k('esc')]], description: t('editor.shortcuts.escape') },
        { combos: [[shift, k('click')], [k('dragBox')]], description: t('editor.shortcuts.multiSelect') },
      ],
    },
    {
      title: t('editor.shortcuts.groups.editing'),
      items: [
        { combos: [[k('delete')], [k('backspace')]], description: t('editor.shortcuts.delete') },
        { combos: [[mod, 'Z']], description: t('editor.shortcuts.undo') },
        { combos: [[mod, shift, 'Z'], [mod, 'Y']], description: t('editor.shortcuts.redo') },
        { combos: [[mod, 'C']], description: t('editor.shortcuts.copy') },
        { combos: [[mod, 'V']], description: t('editor.shortcuts.paste') },
        { combos: [[mod, 'D']], description: t('editor.shortcuts.duplicate') },
        { combos: [['N']], description: t('editor.shortcuts.addCard') },
        { combos: [[k('doubleClick')]], description: t('editor.shortcuts.addCardMouse') },
      ],
    },
    {
      title: t('editor.shortcuts.groups.emotion'),
      items: [
        { combos: [[k('tab')]], description: t('editor.shortcuts.focusPoint') },
        { combos: [['↑'], ['↓']], compact: true, description: t('editor.shortcuts.changeValue') },
      ],
    },
    {
      title: t('editor.shortcuts.groups.view'),
      items: [
        { combos: [['?']], description: t('editor.shortcuts.sheet') },
        { combos: [['+'], ['−']], compact: true, description: t('editor.shortcuts.zoom') },
        { combos: [[shift, '1']], description: t('editor.shortcuts.fit') },
      ],
    },
    {
      title: t('walkthrough.title'),
      items: [
        { combos: [['P']], description: t('walkthrough.shortcut') },
        { combos: [['→'], ['←'], ['Home'], ['End'], [k('esc')]], compact: true, description: t('walkthrough.shortcutKeys') },
      ],
    },
  ];

  return (
    <Dialog open={open} title={t('editor.shortcuts.title')} onClose={onClose}>
      {/* First in the dialog, so it is what showModal() focuses (the <dialog> is its containing block). */}
      <button
        type="button"
        aria-label={t('editor.shortcuts.close')}
        title={t('editor.shortcuts.close')}
        className={`${buttonGhost} absolute right-3 top-3 h-8 w-8 justify-center text-lg leading-none`}
        onClick={onClose}
      >
        ×
      </button>
      <div
        className="-mx-1 -mt-2 flex max-h-[72vh] flex-col gap-3 overflow-y-auto rounded px-1 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
        data-testid="shortcut-sheet"
      >
        {groups.map((g) => (
          <section key={g.title}>
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{g.title}</h3>
            <dl className="divide-y divide-slate-100">
              {g.items.map((item) => (
                <div key={item.description} className="flex items-center justify-between gap-3 py-1">
                  <dt className="text-sm text-slate-700">{item.description}</dt>
                  <dd className="flex shrink-0 flex-wrap items-center justify-end gap-1 text-xs text-slate-500">
                    {item.combos.map((combo, i) => (
                      <Fragment key={combo.join('+')}>
                        {i > 0 && !item.compact ? <span className="px-0.5">{t('editor.shortcuts.or')}</span> : null}
                        <ComboKeys combo={combo} />
                      </Fragment>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}

const kbdClass =
  'inline-block min-w-[1.5rem] rounded border border-slate-300 border-b-2 bg-slate-50 px-1.5 py-0.5 text-center font-sans text-xs font-medium text-slate-700';

/** Keys pressed together, as <kbd><kbd>Ctrl</kbd>+<kbd>Z</kbd></kbd> (the HTML idiom for a combination). */
function ComboKeys({ combo }: { combo: Combo }) {
  return (
    <kbd className="inline-flex items-center gap-0.5 font-sans">
      {combo.map((key, i) => (
        <Fragment key={key}>
          {i > 0 ? (
            <span aria-hidden="true" className="text-slate-400">
              +
            </span>
          ) : null}
          <kbd className={kbdClass}>{key}</kbd>
        </Fragment>
      ))}
    </kbd>
  );
}

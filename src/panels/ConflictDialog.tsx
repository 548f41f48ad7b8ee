import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Dialog } from '../components/Dialog';
import { buttonPrimary, buttonSecondary } from '../components/buttons';
import { CHANNELS, LANE_TYPES, LOCALES } from '../domain/schema';
import { syncEn } from '../i18n/features/sync';
import { conflictKey, type Conflict, type ConflictChoices, type ConflictSide } from '../sync/merge';

interface Props {
  conflicts: readonly Conflict[];
  /** Called with one choice per conflict (keyed by `conflictKey`). */
  onResolve: (choices: ConflictChoices) => unknown;
  /** Controlled visibility. Omitted: open, and "Decide later"/Esc hide it behind a reopen button. */
  open?: boolean;
  onClose?: () => void;
}

type FieldKey = keyof typeof syncEn.fields;
const FIELD_KEYS: ReadonlySet<string> = new Set(Object.keys(syncEn.fields));
const isFieldKey = (k: string): k is FieldKey => FIELD_KEYS.has(k);

function isOneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}

function fieldName(t: TFunction, key: string): string {
  return isFieldKey(key) ? t(`sync.fields.${key}`) : key;
}

/** "Emotion › Frequent flyer › Target" */
function fieldLabel(t: TFunction, c: Conflict): string {
  if (c.field === '*') return t('sync.fields.document');
  if (c.field === '') return c.kind === 'delete' ? t('sync.fields.existence') : t('sync.fields.whole');
  const segments = c.field.split('.');
  return segments
    .map((s, i) => (i === 1 && segments[0] === 'emotions' && c.context ? c.context : fieldName(t, s)))
    .join(' › ');
}

function formatValue(t: TFunction, v: unknown, key: string | undefined): string {
  if (v === undefined) return t('sync.conflict.notSet');
  if (v === null) return t('sync.conflict.none');
  if (typeof v === 'boolean') return v ? t('sync.conflict.yes') : t('sync.conflict.no');
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    if (v === '') return t('sync.conflict.empty');
    if (key === 'channel' && isOneOf(CHANNELS, v)) return t(`channels.${v}`);
    if (key === 'type' && isOneOf(LANE_TYPES, v)) return t(`laneTypes.${v}`);
    if (key === 'locale' && isOneOf(LOCALES, v)) return t(`language.${v}`);
    return v;
  }
  if (Array.isArray(v)) return v.length ? v.map((x) => formatValue(t, x, undefined)).join('; ') : t('sync.conflict.none');
  if (typeof v === 'object') {
    const rec = v as Record<string, unknown>;
    const name = rec.title ?? rec.name ?? rec.body;
    if (typeof name === 'string' && 'id' in rec) return name || t('sync.conflict.empty');
    return Object.entries(rec)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${fieldName(t, k)}: ${formatValue(t, x, k)}`)
      .join(', ');
  }
  return String(v);
}

function sideText(t: TFunction, c: Conflict, side: ConflictSide): string {
  if (c.display) return c.display[side];
  if (c.field === '*') return side === 'mine' ? t('sync.conflict.wholeMine') : t('sync.conflict.wholeTheirs');
  const v = side === 'mine' ? c.mine : c.theirs;
  if (c.kind === 'delete') return v === undefined ? t('sync.conflict.deleted') : t('sync.conflict.kept');
  return formatValue(t, v, c.field.split('.').at(-1));
}

function itemTitle(t: TFunction, c: Conflict): string {
  const entity = t(`sync.entity.${c.entity}`);
  return c.label ? t('sync.conflict.item', { entity, label: c.label }) : t('sync.conflict.itemUnnamed', { entity });
}

function ConflictForm({ conflicts, onResolve, onLater }: { conflicts: readonly Conflict[]; onResolve: Props['onResolve']; onLater: () => void }) {
  const { t } = useTranslation();
  const baseId = useId();
  const [choices, setChoices] = useState<ConflictChoices>({});
  const complete = conflicts.every((c) => choices[conflictKey(c)] !== undefined);
  const chooseAll = (side: ConflictSide) => setChoices(Object.fromEntries(conflicts.map((c) => [conflictKey(c), side])));

  return (
    <form
      className="flex flex-col gap-4"
      data-testid="conflict-dialog"
      onSubmit={(e) => {
        e.preventDefault();
        if (complete) onResolve(choices);
      }}
    >
      <p className="text-sm text-slate-600">{t('sync.conflict.intro')}</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonSecondary} onClick={() => chooseAll('mine')}>
          {t('sync.conflict.keepAllMine')}
        </button>
        <button type="button" className={buttonSecondary} onClick={() => chooseAll('theirs')}>
          {t('sync.conflict.keepAllTheirs')}
        </button>
      </div>
      <ul className="-mx-1 flex max-h-[55vh] flex-col gap-3 overflow-y-auto px-1">
        {conflicts.map((c, i) => {
          const key = conflictKey(c);
          const name = `${baseId}-c${i}`;
          return (
            <li key={key}>
              <fieldset className="rounded-md border border-slate-200 p-3" data-conflict={key}>
                <legend className="px-1 text-sm font-medium text-slate-900">
                  {itemTitle(t, c)} <span className="font-normal text-slate-500">— {fieldLabel(t, c)}</span>
                </legend>
                <div className="flex flex-col gap-2">
                  {(['mine', 'theirs'] as const).map((side) => (
                    <label
                      key={side}
                      className="flex cursor-pointer items-start gap-2 rounded-md p-2 text-sm hover:bg-slate-50 has-[:checked]:bg-indigo-50"
                    >
                      <input
                        type="radio"
                        name={name}
                        value={side}
                        className="mt-0.5"
                        checked={choices[key] === side}
                        onChange={() => setChoices((prev) => ({ ...prev, [key]: side }))}
                      />
                      <span className="flex min-w-0 flex-col">
                        <span className="font-medium text-slate-800">
                          {side === 'mine' ? t('sync.conflict.keepMine') : t('sync.conflict.keepTheirs')}
                        </span>
                        <span className="max-h-24 overflow-y-auto whitespace-pre-wrap break-words text-slate-600">
                          {sideText(t, c, side)}
                        </span>
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ul>
      {!complete ? <p className="text-sm text-slate-500">{t('sync.conflict.chooseAll')}</p> : null}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonSecondary} onClick={onLater}>
          {t('sync.conflict.later')}
        </button>
        <button type="submit" className={buttonPrimary} disabled={!complete}>
          {t('sync.conflict.apply')}
        </button>
      </div>
    </form>
  );
}

/** Lists the conflicts of a stale save, "Keep mine" / "Keep theirs" for each; Apply resolves. */
export function ConflictDialog({ conflicts, onResolve, open, onClose }: Props) {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState(false);
  const controlled = open !== undefined;
  const isOpen = controlled ? open : !hidden;
  const close = () => {
    if (controlled) onClose?.();
    else setHidden(true);
  };
  // A new set of conflicts starts with no choices made.
  const formKey = conflicts.map(conflictKey).join('|');
  return (
    <>
      <Dialog open={isOpen && conflicts.length > 0} title={t('sync.conflict.title')} onClose={close}>
        <ConflictForm key={formKey} conflicts={conflicts} onResolve={onResolve} onLater={close} />
      </Dialog>
      {!controlled && hidden && conflicts.length > 0 ? (
        <button type="button" className={`${buttonPrimary} fixed bottom-4 right-4 z-50`} onClick={() => setHidden(false)}>
          {t('sync.conflict.reopen')}
        </button>
      ) : null}
    </>
  );
}

/**
 * The persona bar of the map header: one chip per persona (colour dot + name) that selects it
 * for the inspector, and "+ Persona" to add one.
 */
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../domain/schema';
import * as cmd from '../../store/commands';
import { useMapSelector, useMapStore, useReadOnly } from '../../store/use-map-store';
import { useViewState, useViewStore } from '../../canvas/view-state';
import { requestFieldFocus } from '../inspector/fields';
import { nextNumberedName, nextPersonaColor } from './persona-defaults';

const focus = 'focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';

export function PersonasPanel() {
  const { t } = useTranslation();
  const store = useMapStore();
  const view = useViewStore();
  const personas = useMapSelector((d) => d.personas);
  const selectedId = useViewState((s) => (s.selection?.kind === 'persona' && s.selection.ids.length === 1 ? s.selection.ids[0] : null));
  const full = personas.length >= LIMITS.personas;
  const readOnly = useReadOnly();

  const select = (id: string) => view.set({ selection: { kind: 'persona', ids: [id] }, panel: 'inspector' });
  const add = () => {
    if (full) return;
    const doc = store.getDoc();
    const name = nextNumberedName(
      doc.personas.map((p) => p.name),
      (n) => t('editor.personas.defaultName', { n }),
    );
    const color = nextPersonaColor(doc.personas.map((p) => p.color));
    const id = store.run((d) => cmd.addPersona(d, name, color), { label: t('editor.history.addPersona') });
    if (!id) return;
    requestFieldFocus(`persona-name:${id}`);
    select(id);
  };

  return (
    <section aria-labelledby="personas-panel-title" className="flex min-w-0 flex-wrap items-center gap-2" data-testid="personas-panel">
      <h2 id="personas-panel-title" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {t('editor.personas.label')}
      </h2>
      <ul className="flex min-w-0 flex-wrap items-center gap-1.5">
        {personas.map((p) => {
          const selected = p.id === selectedId;
          return (
            <li key={p.id}>
              <button
                type="button"
                aria-pressed={selected}
                title={p.name}
                data-testid="persona-chip"
                data-persona-id={p.id}
                className={`inline-flex max-w-[14rem] items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-sm ${focus} ${
                  selected
                    ? 'border-indigo-500 bg-indigo-50 text-indigo-900 ring-1 ring-indigo-500'
                    : 'border-slate-200 bg-white text-slate-700 hover:border-slate-300 hover:bg-slate-50'
                }`}
                onClick={() => select(p.id)}
              >
                <span aria-hidden="true" className="inline-block h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: p.color }} />
                <span className={`truncate ${p.name.trim() ? '' : 'italic text-slate-400'}`}>
                  {p.name.trim() || t('editor.inspector.untitled')}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {readOnly ? null : (
      <button
        type="button"
        aria-disabled={full}
        aria-describedby={full ? 'personas-panel-full' : undefined}
        title={full ? t('editor.personas.full', { max: LIMITS.personas }) : t('editor.personas.addTitle')}
        data-testid="add-persona"
        className={`inline-flex items-center rounded-full border border-dashed border-slate-300 px-2.5 py-0.5 text-sm text-slate-600 hover:border-indigo-400 hover:text-indigo-700 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 ${focus}`}
        onClick={add}
      >
        {t('editor.personas.add')}
      </button>
      )}
      {full ? (
        <span id="personas-panel-full" className="sr-only">
          {t('editor.personas.full', { max: LIMITS.personas })}
        </span>
      ) : null}
    </section>
  );
}

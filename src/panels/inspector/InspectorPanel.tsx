/**
 * The inspector: the fields of whatever is selected on the canvas (a card, several cards, a
 * stage, a lane, a persona), or of the map itself when nothing is. Every change goes through the
 * store commands, so it is undoable; typing bursts are one undo step each (see `fields.tsx`).
 */
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, LANE_TYPES, LIMITS, type Channel, type LaneType } from '../../domain/schema';
import * as cmd from '../../store/commands';
import { laneById, personaById, stageById, touchpointById } from '../../store/selectors';
import { shallowEqual } from '../../store/equal';
import { useMapSelector, useMapStore, useReadOnly } from '../../store/use-map-store';
import { useViewState, useViewStore } from '../../canvas/view-state';
import { CHANNEL_ICONS } from '../../canvas/nodes/channel-icons';
import { buttonDanger, buttonSecondary } from '../../components/buttons';
import { modifierLabel } from '../ShortcutSheet';
import { nextNumberedName } from '../personas/persona-defaults';
import { EmotionFields } from '../emotion/EmotionFields';
import { LanesList } from './LanesList';
import { ColorField, SelectField, TextField, handleFieldKeys, hintClass, requestFieldFocus } from './fields';

/** What the inspector just deleted (for a "Deleted … — Undo" notice). */
export type InspectorDeletion =
  | { kind: 'touchpoints'; count: number }
  | { kind: 'stage' | 'lane'; name: string; cardCount: number }
  | { kind: 'persona'; name: string };

export interface InspectorPanelProps {
  /** Called after the inspector deleted something (it already cleared the selection). */
  onDeleted?: (deletion: InspectorDeletion) => void;
}

const sectionHeading = 'text-xs font-semibold uppercase tracking-wide text-slate-500';
const smallButton = `${buttonSecondary} justify-center px-2 py-1 text-xs aria-disabled:cursor-not-allowed aria-disabled:opacity-50`;

export function InspectorPanel({ onDeleted }: InspectorPanelProps = {}) {
  const { t } = useTranslation();
  const store = useMapStore();
  const selection = useViewState((s) => s.selection);
  const root = useRef<HTMLElement>(null);
  const readOnly = useReadOnly();
  /** After a delete the focused button is gone: keep keyboard users inside the panel. */
  const deleted = (info: InspectorDeletion) => {
    root.current?.focus();
    onDeleted?.(info);
  };

  let body: ReactNode;
  const ids = selection?.ids ?? [];
  const first = ids[0];
  if (!selection || first === undefined) body = <MapFields />;
  else if (selection.kind === 'touchpoint')
    body =
      ids.length === 1 ? (
        <TouchpointFields key={first} id={first} onDeleted={deleted} />
      ) : (
        <MultiTouchpointFields key={ids.join(' ')} ids={ids} onDeleted={deleted} />
      );
  else if (selection.kind === 'stage') body = <StageFields key={first} id={first} onDeleted={deleted} />;
  else if (selection.kind === 'lane') body = <LaneFields key={first} id={first} onDeleted={deleted} />;
  else if (selection.kind === 'persona') body = <PersonaFields key={first} id={first} onDeleted={deleted} />;
  else
    body = (
      <>
        <p className="text-sm text-slate-600">{t('editor.inspector.motSelected')}</p>
        <MapFields />
      </>
    );

  return (
    <section
      ref={root}
      tabIndex={-1}
      aria-label={t('editor.inspector.label')}
      data-testid="inspector"
      className="flex flex-col gap-4 p-4 text-sm text-slate-800 focus:outline-none"
      onKeyDown={(e) => handleFieldKeys(e, store)}
    >
      {/* View / comment links: every field shows its value but cannot be changed. */}
      <fieldset
        disabled={readOnly}
        className="contents [&_input:disabled]:bg-slate-50 [&_input:disabled]:text-slate-700 [&_textarea:disabled]:bg-slate-50 [&_textarea:disabled]:text-slate-700"
        data-testid="inspector-fields"
        data-read-only={readOnly || undefined}
      >
        {body}
      </fieldset>
    </section>
  );
}

function UndoHint({ id }: { id?: string }) {
  const { t } = useTranslation();
  if (useReadOnly()) return null;
  return (
    <p id={id} className={hintClass}>
      {t('editor.inspector.undoHint', { keys: `${modifierLabel()}+Z` })}
    </p>
  );
}

function DeleteBlock({ label, hint, onDelete, testId }: { label: string; hint?: string; onDelete: () => void; testId: string }) {
  const hintId = `${testId}-hint`;
  if (useReadOnly()) return null;
  return (
    <div className="border-t border-slate-200 pt-4">
      <button type="button" className={buttonDanger} aria-describedby={hintId} data-testid={testId} onClick={onDelete}>
        {label}
      </button>
      <div id={hintId}>
        {hint ? <p className={hintClass}>{hint}</p> : null}
        <UndoHint />
      </div>
    </div>
  );
}

/** A button that stays focusable when it cannot act (so focus is not lost at the edge). */
function StepButton({ label, enabled, onClick }: { label: string; enabled: boolean; onClick: () => void }) {
  return (
    <button type="button" className={smallButton} aria-disabled={!enabled} onClick={() => enabled && onClick()}>
      {label}
    </button>
  );
}

// ── nothing selected: the map ───────────────────────────────────────────────────────────────

function MapFields() {
  const { t } = useTranslation();
  const title = useMapSelector((d) => d.title);
  const description = useMapSelector((d) => d.description);
  const readOnly = useReadOnly();
  const history = t('editor.history.editMap');
  return (
    <>
      <fieldset className="flex flex-col gap-3">
        <legend className={`${sectionHeading} mb-3`}>{t('editor.inspector.mapHeading')}</legend>
        <TextField
          label={t('editor.inspector.mapTitle')}
          value={title}
          maxLength={LIMITS.mapTitle}
          historyLabel={history}
          required
          write={(d, v) => cmd.setTitle(d, v)}
          testId="inspector-map-title"
        />
        <TextField
          label={t('editor.inspector.mapDescription')}
          value={description}
          maxLength={LIMITS.description}
          historyLabel={history}
          multiline
          rows={4}
          write={(d, v) => cmd.setDescription(d, v)}
        />
      </fieldset>
      {readOnly ? null : (
        <div className="rounded-md bg-slate-50 p-3 text-xs leading-5 text-slate-600">
          <p>{t('editor.inspector.hintSelect')}</p>
          <p>{t('editor.inspector.hintAdd')}</p>
        </div>
      )}
      <LanesList />
    </>
  );
}

// ── one card ───────────────────────────────────────────────────────────────────────────────

interface CardProps {
  onDeleted: (info: InspectorDeletion) => void;
}

function useStageOptions() {
  const { t } = useTranslation();
  const stages = useMapSelector((d) => d.stages);
  return stages.map((s) => ({ value: s.id, label: s.name.trim() || t('editor.inspector.untitled') }));
}

function useLaneOptions() {
  const { t } = useTranslation();
  const lanes = useMapSelector((d) => d.lanes);
  return lanes.map((l) => {
    const name = l.name.trim() || t('editor.inspector.untitled');
    return { value: l.id, label: l.hidden ? t('editor.touchpoint.hiddenLane', { name }) : name };
  });
}

function TouchpointFields({ id, onDeleted }: CardProps & { id: string }) {
  const { t } = useTranslation();
  const store = useMapStore();
  const view = useViewStore();
  const tp = useMapSelector((d) => touchpointById(d, id));
  const stageOptions = useStageOptions();
  const laneOptions = useLaneOptions();
  if (!tp) return <MapFields />;

  const history = t('editor.history.editCard');
  const move = (target: { stageId: string; laneId: string }) =>
    store.apply((d) => void cmd.moveTouchpoint(d, id, target), { label: t('editor.history.moveCard') });

  return (
    <>
      <h2 className={sectionHeading}>{t('editor.touchpoint.heading')}</h2>
      <TextField
        label={t('editor.touchpoint.title')}
        value={tp.title}
        maxLength={LIMITS.cardTitle}
        historyLabel={history}
        multiline
        enterEnds
        rows={2}
        placeholder={t('editor.inspector.untitled')}
        write={(d, v) => cmd.updateTouchpoint(d, id, { title: v })}
        testId="inspector-card-title"
      />
      <TextField
        label={t('editor.touchpoint.description')}
        value={tp.description}
        maxLength={LIMITS.description}
        historyLabel={history}
        multiline
        rows={3}
        write={(d, v) => cmd.updateTouchpoint(d, id, { description: v })}
      />
      <SelectField
        label={t('editor.touchpoint.channel')}
        value={tp.channel}
        options={CHANNELS.map((c) => ({ value: c, label: `${CHANNEL_ICONS[c]}  ${t(`channels.${c}`)}` }))}
        onChange={(v) => store.apply((d) => void cmd.updateTouchpoint(d, id, { channel: v as Channel }), { label: history })}
      />
      <div className="grid grid-cols-2 gap-2">
        <SelectField
          label={t('editor.touchpoint.stage')}
          value={tp.stageId}
          options={stageOptions}
          onChange={(stageId) => move({ stageId, laneId: tp.laneId })}
        />
        <SelectField
          label={t('editor.touchpoint.lane')}
          value={tp.laneId}
          options={laneOptions}
          onChange={(laneId) => move({ stageId: tp.stageId, laneId })}
        />
      </div>
      <p className={`${hintClass} -mt-2`}>{t('editor.touchpoint.moveHint')}</p>
      <div className="border-t border-slate-200 pt-4">
        <EmotionFields touchpointId={id} />
      </div>
      <DeleteBlock
        label={t('editor.touchpoint.delete')}
        testId="inspector-delete-card"
        onDelete={() => {
          const n = store.run((d) => cmd.deleteTouchpoints(d, [id]), { label: t('editor.history.deleteCards') });
          view.set((s) => ({ selection: null, editingTouchpointId: s.editingTouchpointId === id ? null : s.editingTouchpointId }));
          if (n) onDeleted({ kind: 'touchpoints', count: n });
        }}
      />
    </>
  );
}

// ── several cards ──────────────────────────────────────────────────────────────────────────

function MultiTouchpointFields({ ids, onDeleted }: CardProps & { ids: readonly string[] }) {
  const { t } = useTranslation();
  const store = useMapStore();
  const view = useViewStore();
  const existing = useMapSelector((d) => ids.filter((id) => touchpointById(d, id)), shallowEqual);
  const firstCell = useMapSelector((d) => {
    const tp = existing[0] ? touchpointById(d, existing[0]) : undefined;
    return tp ? `${tp.stageId}\u0000${tp.laneId}` : '';
  });
  const stageOptions = useStageOptions();
  const laneOptions = useLaneOptions();
  const [stagePick, setStagePick] = useState<string | null>(null);
  const [lanePick, setLanePick] = useState<string | null>(null);

  const only = existing[0];
  if (existing.length === 0) return <MapFields />;
  if (existing.length === 1 && only) return <TouchpointFields id={only} onDeleted={onDeleted} />;

  const [firstStage = '', firstLane = ''] = firstCell.split('\u0000');
  const valid = (pick: string | null, options: readonly { value: string }[], fallback: string) =>
    pick !== null && options.some((o) => o.value === pick) ? pick : fallback;
  const stageId = valid(stagePick, stageOptions, firstStage);
  const laneId = valid(lanePick, laneOptions, firstLane);
  const count = existing.length;

  return (
    <>
      <h2 className={sectionHeading} data-testid="inspector-multi-count">
        {t('editor.multi.heading', { count })}
      </h2>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-slate-700">{t('editor.multi.moveHeading')}</legend>
        <div className="grid grid-cols-2 gap-2">
          <SelectField label={t('editor.multi.stage')} value={stageId} options={stageOptions} onChange={setStagePick} />
          <SelectField label={t('editor.multi.lane')} value={laneId} options={laneOptions} onChange={setLanePick} />
        </div>
        <div>
          <button
            type="button"
            className={buttonSecondary}
            onClick={() =>
              store.apply((d) => void cmd.moveTouchpoints(d, existing, { stageId, laneId }), { label: t('editor.history.moveCards') })
            }
          >
            {t('editor.multi.move')}
          </button>
        </div>
      </fieldset>
      <DeleteBlock
        label={t('editor.multi.deleteAll', { count })}
        testId="inspector-delete-cards"
        onDelete={() => {
          const n = store.run((d) => cmd.deleteTouchpoints(d, existing), { label: t('editor.history.deleteCards') });
          view.set({ selection: null, editingTouchpointId: null });
          if (n) onDeleted({ kind: 'touchpoints', count: n });
        }}
      />
    </>
  );
}

// ── stage ──────────────────────────────────────────────────────────────────────────────────

function countWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  let n = 0;
  for (const item of items) if (test(item)) n++;
  return n;
}

function StageFields({ id, onDeleted }: { id: string; onDeleted: (info: InspectorDeletion) => void }) {
  const { t } = useTranslation();
  const store = useMapStore();
  const view = useViewStore();
  const stage = useMapSelector((d) => stageById(d, id));
  const index = useMapSelector((d) => d.stages.findIndex((s) => s.id === id));
  const total = useMapSelector((d) => d.stages.length);
  const cardCount = useMapSelector((d) => countWhere(d.touchpoints, (tp) => tp.stageId === id));
  if (!stage) return <MapFields />;

  const history = t('editor.history.editStage');
  const add = (at: cmd.Position) => {
    const doc = store.getDoc();
    if (doc.stages.length >= LIMITS.stages) return;
    const name = nextNumberedName(
      doc.stages.map((s) => s.name),
      (n) => t('editor.stage.newName', { n }),
    );
    const newId = store.run((d) => cmd.addStage(d, name, at), { label: t('editor.history.addStage') });
    if (!newId) return;
    requestFieldFocus(`stage-name:${newId}`);
    view.select({ kind: 'stage', ids: [newId] });
  };
  const moveTo = (to: number) => store.apply((d) => void cmd.moveStage(d, id, to), { label: t('editor.history.moveStage') });

  return (
    <>
      <h2 className={sectionHeading}>{t('editor.stage.heading', { n: index + 1, total })}</h2>
      <TextField
        label={t('editor.stage.name')}
        value={stage.name}
        maxLength={LIMITS.name}
        historyLabel={history}
        required
        focusKey={`stage-name:${id}`}
        write={(d, v) => cmd.renameStage(d, id, v)}
        testId="inspector-stage-name"
      />
      <TextField
        label={t('editor.stage.description')}
        value={stage.description}
        maxLength={LIMITS.description}
        historyLabel={history}
        multiline
        write={(d, v) => cmd.setStageDescription(d, id, v)}
      />
      <ColorField
        label={t('editor.stage.color')}
        customLabel={t('editor.stage.customColor')}
        value={stage.color}
        allowNone
        historyLabel={history}
        write={(d, c) => cmd.setStageColor(d, id, c)}
      />
      <div className="grid grid-cols-2 gap-2">
        <StepButton label={`← ${t('editor.stage.moveLeft')}`} enabled={index > 0} onClick={() => moveTo(index - 1)} />
        <StepButton label={`${t('editor.stage.moveRight')} →`} enabled={index < total - 1} onClick={() => moveTo(index + 1)} />
        <StepButton label={t('editor.stage.addBefore')} enabled={total < LIMITS.stages} onClick={() => add({ before: id })} />
        <StepButton label={t('editor.stage.addAfter')} enabled={total < LIMITS.stages} onClick={() => add({ after: id })} />
      </div>
      <DeleteBlock
        label={t('editor.stage.delete')}
        testId="inspector-delete-stage"
        hint={cardCount ? t('editor.stage.deleteHint', { count: cardCount }) : undefined}
        onDelete={() => {
          const name = stage.name;
          if (!store.run((d) => cmd.deleteStage(d, id), { label: t('editor.history.deleteStage') })) return;
          view.set({ selection: null, activeCell: null });
          onDeleted({ kind: 'stage', name, cardCount });
        }}
      />
    </>
  );
}

// ── lane ───────────────────────────────────────────────────────────────────────────────────

function LaneFields({ id, onDeleted }: { id: string; onDeleted: (info: InspectorDeletion) => void }) {
  const { t } = useTranslation();
  const store = useMapStore();
  const view = useViewStore();
  const lane = useMapSelector((d) => laneById(d, id));
  const index = useMapSelector((d) => d.lanes.findIndex((l) => l.id === id));
  const total = useMapSelector((d) => d.lanes.length);
  const cardCount = useMapSelector((d) => countWhere(d.touchpoints, (tp) => tp.laneId === id));
  if (!lane) return <MapFields />;

  const history = t('editor.history.editLane');
  const moveTo = (to: number) => store.apply((d) => void cmd.moveLane(d, id, to), { label: t('editor.history.moveLane') });

  return (
    <>
      <h2 className={sectionHeading}>{t('editor.lane.heading', { n: index + 1, total })}</h2>
      <TextField
        label={t('editor.lane.name')}
        value={lane.name}
        maxLength={LIMITS.name}
        historyLabel={history}
        required
        write={(d, v) => cmd.renameLane(d, id, v)}
        testId="inspector-lane-name"
      />
      <SelectField
        label={t('editor.lane.type')}
        value={lane.type}
        options={LANE_TYPES.map((type) => ({ value: type, label: t(`laneTypes.${type}`) }))}
        onChange={(v) => store.apply((d) => void cmd.setLaneType(d, id, v as LaneType), { label: history })}
      />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          checked={lane.hidden}
          className="h-4 w-4 rounded border-slate-300 accent-indigo-600 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          onChange={(e) => {
            const hidden = e.target.checked;
            store.apply((d) => void cmd.setLaneHidden(d, id, hidden), { label: history });
          }}
        />
        {t('editor.lane.hidden')}
      </label>
      <div className="grid grid-cols-2 gap-2">
        <StepButton label={`↑ ${t('editor.lane.moveUp')}`} enabled={index > 0} onClick={() => moveTo(index - 1)} />
        <StepButton label={`↓ ${t('editor.lane.moveDown')}`} enabled={index < total - 1} onClick={() => moveTo(index + 1)} />
      </div>
      <DeleteBlock
        label={t('editor.lane.delete')}
        testId="inspector-delete-lane"
        hint={cardCount ? t('editor.lane.deleteHint', { count: cardCount }) : undefined}
        onDelete={() => {
          const name = lane.name;
          if (!store.run((d) => cmd.deleteLane(d, id), { label: t('editor.history.deleteLane') })) return;
          view.set({ selection: null, activeCell: null });
          onDeleted({ kind: 'lane', name, cardCount });
        }}
      />
    </>
  );
}

// ── persona ────────────────────────────────────────────────────────────────────────────────

function PersonaFields({ id, onDeleted }: { id: string; onDeleted: (info: InspectorDeletion) => void }) {
  const { t } = useTranslation();
  const store = useMapStore();
  const view = useViewStore();
  const persona = useMapSelector((d) => personaById(d, id));
  const isLast = useMapSelector((d) => d.personas.length <= 1);
  if (!persona) return <MapFields />;

  const history = t('editor.history.editPersona');
  const hintId = `persona-delete-hint-${id}`;

  return (
    <>
      <h2 className={`${sectionHeading} flex items-center gap-2`}>
        <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full" style={{ backgroundColor: persona.color }} />
        {t('editor.persona.heading')}
      </h2>
      <TextField
        label={t('editor.persona.name')}
        value={persona.name}
        maxLength={LIMITS.name}
        historyLabel={history}
        required
        focusKey={`persona-name:${id}`}
        write={(d, v) => cmd.updatePersona(d, id, { name: v })}
        testId="inspector-persona-name"
      />
      <TextField
        label={t('editor.persona.description')}
        value={persona.description}
        maxLength={LIMITS.description}
        historyLabel={history}
        multiline
        rows={4}
        write={(d, v) => cmd.updatePersona(d, id, { description: v })}
      />
      <ColorField
        label={t('editor.persona.color')}
        customLabel={t('editor.persona.customColor')}
        value={persona.color}
        historyLabel={history}
        write={(d, c) => (c ? cmd.updatePersona(d, id, { color: c }) : false)}
      />
      <div className="border-t border-slate-200 pt-4">
        <button
          type="button"
          className={`${buttonDanger} aria-disabled:cursor-not-allowed aria-disabled:opacity-50`}
          aria-disabled={isLast}
          aria-describedby={hintId}
          data-testid="inspector-delete-persona"
          onClick={() => {
            if (isLast) return;
            const name = persona.name;
            if (!store.run((d) => cmd.deletePersona(d, id), { label: t('editor.history.deletePersona') })) return;
            view.set((s) => {
              if (!s.hiddenPersonas.has(id)) return { selection: null };
              const hiddenPersonas = new Set(s.hiddenPersonas);
              hiddenPersonas.delete(id);
              return { selection: null, hiddenPersonas };
            });
            onDeleted({ kind: 'persona', name });
          }}
        >
          {t('editor.persona.delete')}
        </button>
        <div id={hintId}>
          {isLast ? (
            <p className={hintClass}>{t('editor.persona.lastPersona')}</p>
          ) : (
            <>
              <p className={hintClass}>{t('editor.persona.deleteHint')}</p>
              <UndoHint />
            </>
          )}
        </div>
      </div>
    </>
  );
}

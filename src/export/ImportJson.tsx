/**
 * JSON import on the maps list: a file picker button and drag-and-drop of a .json file onto the
 * page. The file is read (5 MB at most), parsed and salvaged on the client (salvage.ts): a refused
 * file (not a map, newer version, prototype-pollution key) says why; otherwise the dialog shows the
 * map's contents and every dropped part with its reason, and imports only when asked — always as a
 * new map (POST /api/maps/import, which validates strictly again). Nothing existing is overwritten.
 */
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { buttonPrimary, buttonSecondary } from '../components/buttons';
import { mapsApi, type LoadedMap } from '../api/maps';
import { mapKeys } from '../api/keys';
import { salvageJourneyMap, type SalvageResult } from '../domain/salvage';
import { WideDialog } from './WideDialog';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const MAX_REPORT_LINES = 200;

type Salvaged = Extract<SalvageResult, { ok: true }>;
type State =
  | { kind: 'idle' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'error'; fileName: string; message: string }
  | { kind: 'review'; fileName: string; result: Salvaged }
  | { kind: 'importing'; fileName: string; result: Salvaged }
  | { kind: 'failed'; fileName: string; result: Salvaged; message: string };

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

export interface JsonImport {
  /** The "Import JSON" button (with its hidden file input). */
  button: ReactNode;
  /** Spread on the element that accepts a dropped file. */
  dropZone: {
    onDragOver: (e: DragEvent<HTMLElement>) => void;
    onDragLeave: (e: DragEvent<HTMLElement>) => void;
    onDrop: (e: DragEvent<HTMLElement>) => void;
  };
  /** The drop hint and the review dialog; render once. */
  element: ReactNode;
}

export function useJsonImport(): JsonImport {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);

  const readFile = async (file: File) => {
    const fileName = file.name;
    if (file.size > MAX_IMPORT_BYTES) {
      setState({ kind: 'error', fileName, message: t('export.import.tooLarge', { size: (file.size / 1024 / 1024).toFixed(1) }) });
      return;
    }
    setState({ kind: 'reading', fileName });
    let raw: unknown;
    try {
      raw = JSON.parse(await file.text());
    } catch (e) {
      setState({ kind: 'error', fileName, message: t('export.import.notJson', { message: e instanceof Error ? e.message : String(e) }) });
      return;
    }
    const result = salvageJourneyMap(raw);
    if (!result.ok) {
      const key = result.path?.split('.').pop() ?? '';
      setState({ kind: 'error', fileName, message: t(`export.import.refused.${result.kind}`, { version: result.version ?? '', key, path: result.path ?? '' }) });
      return;
    }
    setState({ kind: 'review', fileName, result });
  };

  const confirm = async () => {
    if (state.kind !== 'review' && state.kind !== 'failed') return;
    const { fileName, result } = state;
    setState({ kind: 'importing', fileName, result });
    try {
      const created = await mapsApi.importDocument(result.map);
      qc.setQueryData<LoadedMap>(mapKeys.detail(created.map.id), { map: created.map, version: created.version, role: 'owner' });
      void qc.invalidateQueries({ queryKey: mapKeys.lists() });
      setState({ kind: 'idle' });
      void navigate(`/maps/${created.map.id}`);
    } catch (e) {
      setState({ kind: 'failed', fileName, result, message: e instanceof Error ? e.message : String(e) });
    }
  };

  const close = () => {
    if (state.kind !== 'importing') setState({ kind: 'idle' });
  };

  const button = (
    <>
      <button type="button" className={buttonSecondary} onClick={() => input.current?.click()} title={t('export.import.help')} data-testid="import-json-button">
        ⤒ {t('export.import.button')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="hidden"
        data-testid="import-json-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void readFile(file);
        }}
      />
    </>
  );

  const dropZone: JsonImport['dropZone'] = {
    onDragOver: (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    },
    onDragLeave: (e) => {
      if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
      setDragging(false);
    },
    onDrop: (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer.files[0];
      if (!file) return;
      if (!/\.json$/i.test(file.name) && file.type !== 'application/json') {
        setState({ kind: 'error', fileName: file.name, message: t('export.import.notFile') });
        return;
      }
      void readFile(file);
    },
  };

  const open = state.kind !== 'idle';
  const result = state.kind === 'review' || state.kind === 'importing' || state.kind === 'failed' ? state.result : null;
  const counts = result ? { stages: result.map.stages.length, touchpoints: result.map.touchpoints.length, mots: result.map.mots.length } : null;

  const element = (
    <>
      {dragging ? (
        <div className="pointer-events-none fixed inset-4 z-40 flex items-center justify-center rounded-xl border-4 border-dashed border-indigo-400 bg-indigo-50/80" data-testid="import-drop-hint">
          <p className="text-lg font-semibold text-indigo-800">{t('export.import.dropHint')}</p>
        </div>
      ) : null}
      <WideDialog open={open} title={t('export.import.title')} onClose={close} testId="import-dialog" width="w-[min(44rem,96vw)]">
        {state.kind !== 'idle' ? <p className="break-all font-mono text-xs text-slate-500">{state.fileName}</p> : null}
        {state.kind === 'reading' ? <p className="text-sm text-slate-600">{t('export.import.reading')}</p> : null}
        {state.kind === 'error' ? (
          <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="import-error">
            {state.message}
          </p>
        ) : null}
        {result && counts ? (
          <div className="flex min-h-0 flex-col gap-2 overflow-y-auto text-sm text-slate-700">
            {result.report.length === 0 ? (
              <p data-testid="import-clean">{t('export.import.clean', { title: result.map.title, ...counts })}</p>
            ) : (
              <>
                <p className="font-medium text-amber-900" data-testid="import-damaged">
                  {t('export.import.damaged', { count: result.report.length })}
                </p>
                <ul className="max-h-72 overflow-y-auto rounded-md border border-slate-200 text-xs" data-testid="import-report">
                  {result.report.slice(0, MAX_REPORT_LINES).map((note, i) => (
                    <li key={i} className="flex gap-2 border-b border-slate-100 px-2 py-1 last:border-b-0" data-testid="import-report-line" data-code={note.code}>
                      <span className="shrink-0 font-semibold text-slate-800">{t(`export.import.codes.${note.code}`)}</span>
                      <span className="shrink-0 font-mono text-slate-500">{note.path}</span>
                      <span className="min-w-0 break-words">{note.reason}</span>
                    </li>
                  ))}
                  {result.report.length > MAX_REPORT_LINES ? <li className="px-2 py-1 text-slate-500">… +{result.report.length - MAX_REPORT_LINES}</li> : null}
                </ul>
                <p>{t('export.import.kept', counts)}</p>
              </>
            )}
            <p className="text-xs text-slate-500">{t('export.import.newMapNote')}</p>
            {state.kind === 'failed' ? (
              <p role="alert" className="text-rose-700">
                {t('export.import.failed', { message: state.message })}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="flex justify-end gap-2 pt-2">
          <button type="button" className={buttonSecondary} onClick={close} disabled={state.kind === 'importing'}>
            {t('common.cancel')}
          </button>
          {result ? (
            <button type="button" className={buttonPrimary} onClick={() => void confirm()} disabled={state.kind === 'importing'} data-testid="import-confirm">
              {state.kind === 'importing' ? t('export.import.importing') : t('export.import.confirm')}
            </button>
          ) : null}
        </div>
      </WideDialog>
    </>
  );

  return { button, dropZone, element };
}

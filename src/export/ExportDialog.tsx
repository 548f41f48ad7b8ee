/**
 * The Export dialog (and its toolbar button): format, resolution, background, 16:9 slides with an
 * optional split by stages, what to include, lanes to show, a live preview (the renderer's SVG in an
 * <img>), the file name, a progress bar with Cancel, and a notice when the canvas limits force a
 * lower resolution. Everything it draws comes from the pure renderer; see run-export.ts.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { WideDialog } from './WideDialog';
import { useTranslation } from 'react-i18next';
import { buttonPrimary, buttonSecondary } from '../components/buttons';
import { useMapSelector } from '../store/use-map-store';
import { useViewState } from '../canvas/view-state';
import type { JourneyMap, Locale } from '../domain/schema';
import {
  drawsMap,
  EXPORT_FORMATS,
  previewFor,
  runExport,
  slideCount,
  slidePresetFor,
  type ExportFormat,
  type ExportSettings,
  type ExportSource,
  type ProgressStep,
  type ReducedScale,
  type SlidesChoice,
} from './run-export';
import { fileNameFor } from './file-name';
import { svgDataUrl } from './rasterize';
import { downloadBlob } from './download';
import { formatLongDate } from './labels';

const selectDoc = (doc: JourneyMap): JourneyMap => doc;

const HELP_FORMATS = ['view', 'json', 'csv', 'pptx', 'pdf'] as const;
const isHelpFormat = (f: ExportFormat): f is (typeof HELP_FORMATS)[number] => (HELP_FORMATS as readonly string[]).includes(f);

/** The toolbar's "Export…" button with its dialog. */
export function ExportButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonSecondary} onClick={() => setOpen(true)} title={t('export.buttonHelp')} data-testid="export-button">
        ⤓ {t('export.button')}
      </button>
      {open ? <ExportDialog open onClose={() => setOpen(false)} /> : null}
    </>
  );
}

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; fraction: number; step: ProgressStep }
  | { kind: 'done'; names: string[]; reduced: ReducedScale | null }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

const fieldset = 'flex flex-col gap-1.5 rounded-md border border-slate-200 p-3';
const legendClass = 'px-1 text-sm font-semibold text-slate-800';
const labelRow = 'flex items-center gap-2 text-sm text-slate-700';
const select = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-800';

export function ExportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const map = useMapSelector(selectDoc);
  const hiddenPersonas = useViewState((s) => s.hiddenPersonas);
  const showTargets = useViewState((s) => s.showTargets);
  const visibleLanes = useMemo(() => map.lanes.filter((l) => !l.hidden), [map.lanes]);

  const [settings, setSettings] = useState<ExportSettings>(() => ({
    format: 'png',
    scale: 2,
    background: 'white',
    slides: 'none',
    splitStages: false,
    stagesPerSlide: 3,
    include: { title: true, legend: true, curves: true, mots: 'all', sideList: true, dateLine: true },
    lanes: visibleLanes.map((l) => l.id),
    author: '',
  }));
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const patch = (p: Partial<ExportSettings>) => setSettings((s) => ({ ...s, ...p }));
  const patchInclude = (p: Partial<ExportSettings['include']>) => setSettings((s) => ({ ...s, include: { ...s.include, ...p } }));

  const date = useMemo(() => formatLongDate(new Date(), locale), [locale]);
  const source: ExportSource = useMemo(
    () => ({ map, locale, hiddenPersonas: [...hiddenPersonas], showTargets, date }),
    [map, locale, hiddenPersonas, showTargets, date],
  );
  const deferred = useDeferredValue(settings);
  const format = settings.format;
  const lanesOk = settings.lanes.length > 0;
  const preview = useMemo(
    () => (drawsMap(deferred.format) && deferred.lanes.length > 0 ? previewFor(source, deferred) : null),
    [source, deferred],
  );
  const previewUrl = useMemo(() => (preview ? svgDataUrl(preview.svg) : ''), [preview]);
  const count = drawsMap(format) ? slideCount(map, settings) : 1;
  const preset = slidePresetFor(settings);
  const ext = { png: 'png', jpeg: 'jpg', svg: 'svg', pdf: 'pdf', pptx: 'pptx', json: 'mot.json', csv: 'csv', view: 'png' }[format];
  const multiFile = count > 1 && (format === 'png' || format === 'jpeg' || format === 'svg');
  const fileName = fileNameFor(map.title, ext, format === 'view' ? '-view' : multiFile ? '-1' : '');
  const running = status.kind === 'running';
  const rasterOptions = format === 'png' || format === 'jpeg' || format === 'pdf' || format === 'view';
  const help = isHelpFormat(format) ? t(`export.formatHelp.${format}`) : null;

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setStatus({ kind: 'running', fraction: 0, step: { key: 'rendering' } });
    try {
      const outcome = await runExport(source, settings, {
        signal: controller.signal,
        onProgress: (fraction, step) => setStatus({ kind: 'running', fraction, step }),
      });
      if (controller.signal.aborted) throw new DOMException('cancelled', 'AbortError');
      for (const file of outcome.files) downloadBlob(file.blob, file.name);
      setStatus({ kind: 'done', names: outcome.files.map((f) => f.name), reduced: outcome.reduced });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') setStatus({ kind: 'cancelled' });
      else setStatus({ kind: 'failed', message: e instanceof Error ? (e.message === 'view-missing' ? t('export.viewMissing') : e.message) : String(e) });
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  };

  const stepText = (step: ProgressStep): string =>
    step.key === 'rasterising' ? t('export.progress.rasterising', { n: step.n, count: step.count }) : t(`export.progress.${step.key}`);

  return (
    <WideDialog open={open} title={t('export.title')} onClose={() => (running ? abort.current?.abort() : onClose())} testId="export-dialog">
      <div className="grid min-h-0 flex-1 gap-4 overflow-y-auto md:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (!running && lanesOk) void start();
          }}
        >
          <label className="flex flex-col gap-1 text-sm font-semibold text-slate-800">
            {t('export.format.label')}
            <select className={select} value={format} onChange={(e) => patch({ format: e.target.value as ExportFormat })} disabled={running} data-testid="export-format">
              {EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(`export.format.${f}`)}
                </option>
              ))}
            </select>
            {help ? <span className="text-xs font-normal text-slate-500">{help}</span> : null}
          </label>

          {rasterOptions || drawsMap(format) ? (
            <div className="grid grid-cols-2 gap-3">
              <label className="flex flex-col gap-1 text-sm font-semibold text-slate-800">
                {t('export.scale.label')}
                <select
                  className={select}
                  value={settings.scale}
                  onChange={(e) => patch({ scale: Number(e.target.value) as 1 | 2 | 3 })}
                  disabled={running || (!!preset && format !== 'view') || !rasterOptions}
                  data-testid="export-scale"
                >
                  {[1, 2, 3].map((s) => (
                    <option key={s} value={s}>
                      {t('export.scale.option', { scale: s })}
                    </option>
                  ))}
                </select>
                {preset && format !== 'view' ? <span className="text-xs font-normal text-slate-500">{t('export.scale.slidesNote')}</span> : null}
              </label>
              <fieldset className="flex flex-col gap-1" disabled={running || format === 'jpeg' || format === 'pdf' || format === 'pptx'}>
                <legend className="text-sm font-semibold text-slate-800">{t('export.background.label')}</legend>
                {(['white', 'transparent'] as const).map((b) => (
                  <label key={b} className={labelRow}>
                    <input type="radio" name="export-background" value={b} checked={settings.background === b} onChange={() => patch({ background: b })} />
                    {t(`export.background.${b}`)}
                  </label>
                ))}
                {format === 'jpeg' || format === 'pdf' || format === 'pptx' ? <span className="text-xs text-slate-500">{t('export.background.jpegNote')}</span> : null}
              </fieldset>
            </div>
          ) : null}

          {drawsMap(format) ? (
            <>
              <fieldset className={fieldset} disabled={running}>
                <legend className={legendClass}>{t('export.slides.label')}</legend>
                <select className={select} value={settings.slides} onChange={(e) => patch({ slides: e.target.value as SlidesChoice })} data-testid="export-slides" aria-label={t('export.slides.label')}>
                  <option value="none">{t('export.slides.none')}</option>
                  <option value="1920x1080">{t('export.slides.hd')}</option>
                  <option value="3840x2160">{t('export.slides.uhd')}</option>
                </select>
                <label className={labelRow}>
                  <input type="checkbox" checked={settings.splitStages} onChange={(e) => patch({ splitStages: e.target.checked })} disabled={!preset} data-testid="export-split" />
                  {t('export.slides.split')}
                </label>
                <label className={`${labelRow} pl-6`}>
                  {t('export.slides.stagesPerSlide')}
                  <input
                    type="number"
                    min={1}
                    max={Math.max(1, map.stages.length)}
                    className="w-16 rounded-md border border-slate-300 px-2 py-1"
                    value={settings.stagesPerSlide}
                    onChange={(e) => patch({ stagesPerSlide: Math.max(1, Math.floor(Number(e.target.value) || 1)) })}
                    disabled={!preset || !settings.splitStages}
                    data-testid="export-stages-per-slide"
                  />
                </label>
                {preset ? <span className="text-xs text-slate-500">{t('export.slides.count', { count })}</span> : null}
              </fieldset>

              <fieldset className={fieldset} disabled={running}>
                <legend className={legendClass}>{t('export.include.legend')}</legend>
                <label className={labelRow}>
                  <input type="checkbox" checked={settings.include.title} onChange={(e) => patchInclude({ title: e.target.checked })} data-testid="export-include-title" />
                  {t('export.include.title')}
                </label>
                <label className={labelRow}>
                  <input type="checkbox" checked={settings.include.legend} onChange={(e) => patchInclude({ legend: e.target.checked })} data-testid="export-include-legend" />
                  {t('export.include.personaLegend')}
                </label>
                <label className={labelRow}>
                  <input type="checkbox" checked={settings.include.curves} onChange={(e) => patchInclude({ curves: e.target.checked })} data-testid="export-include-curves" />
                  {t('export.include.curves')}
                </label>
                <label className={labelRow}>
                  <input
                    type="checkbox"
                    checked={settings.include.mots !== 'none'}
                    onChange={(e) => patchInclude({ mots: e.target.checked ? 'all' : 'none', sideList: e.target.checked })}
                    data-testid="export-include-mots"
                  />
                  {t('export.include.mots')}
                </label>
                <label className={`${labelRow} pl-6`}>
                  <input
                    type="checkbox"
                    checked={settings.include.mots === 'chosen'}
                    disabled={settings.include.mots === 'none'}
                    onChange={(e) => patchInclude({ mots: e.target.checked ? 'chosen' : 'all' })}
                    data-testid="export-chosen-only"
                  />
                  {t('export.include.chosenOnly')}
                </label>
                <label className={labelRow}>
                  <input type="checkbox" checked={settings.include.dateLine} onChange={(e) => patchInclude({ dateLine: e.target.checked })} data-testid="export-include-date" />
                  {t('export.include.dateLine')}
                </label>
                <label className={`${labelRow} pl-6`}>
                  {t('export.include.author')}
                  <input
                    type="text"
                    className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1"
                    value={settings.author}
                    maxLength={200}
                    placeholder={t('export.include.authorPlaceholder')}
                    onChange={(e) => patch({ author: e.target.value })}
                    disabled={!settings.include.dateLine}
                    data-testid="export-author"
                  />
                </label>
              </fieldset>

              <fieldset className={fieldset} disabled={running}>
                <legend className={legendClass}>{t('export.lanes.legend')}</legend>
                {visibleLanes.map((lane) => (
                  <label key={lane.id} className={labelRow}>
                    <input
                      type="checkbox"
                      checked={settings.lanes.includes(lane.id)}
                      onChange={(e) =>
                        setSettings((s) => ({
                          ...s,
                          lanes: e.target.checked ? visibleLanes.map((l) => l.id).filter((id) => id === lane.id || s.lanes.includes(id)) : s.lanes.filter((id) => id !== lane.id),
                        }))
                      }
                      data-testid="export-lane"
                    />
                    {lane.name}
                  </label>
                ))}
                {!lanesOk ? (
                  <span role="alert" className="text-xs text-rose-700">
                    {t('export.lanes.noneSelected')}
                  </span>
                ) : null}
              </fieldset>
            </>
          ) : null}
          {/* Submitting with Enter in the author field starts the export. */}
          <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
        </form>

        <section className="flex min-w-0 flex-col gap-2 md:sticky md:top-0 md:self-start" aria-label={t('export.preview.label')}>
          <h3 className="text-sm font-semibold text-slate-800">{t('export.preview.label')}</h3>
          <div className="flex h-[min(52vh,30rem)] items-center justify-center overflow-hidden rounded-md border border-slate-200 bg-[repeating-conic-gradient(#f1f5f9_0%_25%,#ffffff_0%_50%)] bg-[length:16px_16px] p-2">
            {previewUrl ? (
              <img src={previewUrl} alt={t('export.preview.alt')} className="max-h-full max-w-full object-contain shadow" data-testid="export-preview" />
            ) : (
              <p className="p-6 text-center text-sm text-slate-500" data-testid="export-preview">
                {help ?? ''}
              </p>
            )}
          </div>
          {preview ? (
            <p className="text-xs text-slate-500" data-testid="export-size">
              {count > 1
                ? t('export.preview.sizeSlides', { count, width: preview.width, height: preview.height })
                : preview.fit
                  ? t('export.preview.size', { width: preview.fit.width, height: preview.fit.height })
                  : t('export.preview.size', { width: preview.width, height: preview.height })}
            </p>
          ) : null}
          {preview?.fit?.reduced ? (
            <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="export-limit-ahead">
              {t('export.limitAhead', { requested: settings.scale, used: preview.fit.scale })}
            </p>
          ) : null}
          <p className="text-sm text-slate-700">
            <span className="font-semibold">{t('export.fileName')}:</span>{' '}
            <span className="break-all font-mono text-xs" data-testid="export-file-name">
              {fileName}
            </span>
          </p>
          {multiFile ? <p className="text-xs text-slate-500">{t('export.filesNote')}</p> : null}

          {running ? (
            <div className="flex flex-col gap-1">
              <progress className="h-2 w-full accent-indigo-600" max={1} value={status.fraction} aria-label={t('export.progress.label')} data-testid="export-progress" />
              <span className="text-xs text-slate-600" aria-live="polite">
                {stepText(status.step)}
              </span>
            </div>
          ) : null}
          <div role="status" aria-live="polite" className="text-sm" data-testid="export-status" data-state={status.kind}>
            {status.kind === 'done' ? (
              <>
                <p className="text-emerald-700">{t('export.done', { name: status.names.join(', ') })}</p>
                {status.reduced ? (
                  <p className="mt-1 rounded-md bg-amber-50 px-3 py-2 text-amber-900" data-testid="export-reduced">
                    {t('export.reduced', { ...status.reduced })}
                  </p>
                ) : null}
              </>
            ) : status.kind === 'cancelled' ? (
              <p className="text-slate-600">{t('export.cancelled')}</p>
            ) : status.kind === 'failed' ? (
              <p className="text-rose-700">{t('export.failed', { message: status.message })}</p>
            ) : null}
          </div>
        </section>
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-100 pt-3">
        {running ? (
          <button type="button" className={buttonSecondary} onClick={() => abort.current?.abort()} data-testid="export-cancel">
            {t('export.cancel')}
          </button>
        ) : (
          <button type="button" className={buttonSecondary} onClick={onClose}>
            {t('export.close')}
          </button>
        )}
        <button type="button" className={buttonPrimary} onClick={() => void start()} disabled={running || (drawsMap(format) && !lanesOk)} data-testid="export-start">
          {t('export.start')}
        </button>
      </div>
    </WideDialog>
  );
}

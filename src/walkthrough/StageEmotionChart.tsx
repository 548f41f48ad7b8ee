/**
 * One stage's part of every persona's emotion curve, drawn large for a projector: the −3..+3 grid,
 * the smooth curve through the stage's points, dashed stubs to where the curve comes from and goes
 * to, and the peak / trough / end marks that fall in this stage (glyphs as on the canvas).
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { ROLE_GLYPHS } from '../canvas/emotion/EmotionLaneNode';
import { estimateTextWidth, placeLabels, type LabelRequest } from '../canvas/emotion/emotion-geometry';
import { formatEmotion } from '../domain/scale';
import type { StageSlice } from './stage-slice';
import { stageChart } from './stage-chart';

function useSize<T extends HTMLElement>(): [React.RefObject<T | null>, { width: number; font: number }] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState({ width: 0, font: 24 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const font = Number.parseFloat(getComputedStyle(el).fontSize) || 24;
      setSize((s) => (s.width === el.clientWidth && s.font === font ? s : { width: el.clientWidth, font }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, size];
}

export function StageEmotionChart({ slice, titles, t }: { slice: StageSlice; titles: ReadonlyMap<string, string>; t: TFunction }) {
  const [ref, { width, font }] = useSize<HTMLDivElement>();
  const label = Math.round(font * 0.75);
  const height = Math.round(Math.min(Math.max(width * 0.38, 180), font * 10));
  const chart = useMemo(
    () => (width > 0 ? stageChart(slice, { width, height, left: label * 2.2, right: label * 0.8 }) : null),
    [slice, width, height, label],
  );
  const placed = useMemo(() => {
    if (!chart) return new Map<string, { x: number; y: number }>();
    const requests: LabelRequest[] = [];
    const texts = new Map<string, string>();
    for (const c of chart.curves) {
      for (const p of c.points) {
        for (const role of p.roles) {
          const key = `${c.personaId}:${role}`;
          const text = `${ROLE_GLYPHS[role]} ${t(`emotion.roles.${role}`)}`;
          texts.set(key, text);
          const side = role === 'peak' || (role === 'end' && p.value >= 0) ? 'above' : 'below';
          requests.push({ key, x: p.x, y: p.y, side, width: estimateTextWidth(text, label) + 8 });
        }
      }
    }
    const out = new Map<string, { x: number; y: number }>();
    for (const l of placeLabels(requests, { left: chart.plot.left, right: width, height, fontSize: label, gap: 12 })) out.set(l.key, l);
    return out;
  }, [chart, t, label, width, height]);

  const summary = slice.curves
    .map((c) =>
      c.points.length
        ? c.points
            .map((p) => t('walkthrough.pointSummary', { persona: c.personaName, value: formatEmotion(p.value), title: titles.get(p.touchpointId) ?? '' }))
            .join('; ')
        : `${c.personaName}: ${t('walkthrough.noPoints')}`,
    )
    .join('. ');
  const anyPoint = slice.curves.some((c) => c.points.length > 0 || (c.before && c.after));

  return (
    <div ref={ref} className="w-full" data-testid="walkthrough-chart">
      {!anyPoint ? (
        <p className="text-[0.85em] italic text-slate-600">{t('walkthrough.noEmotion')}</p>
      ) : chart ? (
        <svg width={width} height={height} role="img" aria-label={t('walkthrough.chartLabel', { summary })} className="block overflow-visible">
          {chart.grid.map((g) => (
            <g key={g.value}>
              <line
                x1={chart.plot.left}
                x2={chart.plot.right}
                y1={g.y}
                y2={g.y}
                stroke={g.value === 0 ? '#64748b' : '#e2e8f0'}
                strokeWidth={g.value === 0 ? 2 : 1}
                strokeDasharray={g.value === 0 ? undefined : '4 6'}
              />
              {g.value % 3 === 0 ? (
                <text x={chart.plot.left - 10} y={g.y} dy="0.35em" textAnchor="end" fontSize={label} fill="#334155" className="tabular-nums">
                  {formatEmotion(g.value)}
                </text>
              ) : null}
            </g>
          ))}
          {chart.curves.map((c) => (
            <g key={c.personaId} data-testid="walkthrough-curve" data-persona-id={c.personaId}>
              {c.stubs.map((s, i) => (
                <line key={i} x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} stroke={c.color} strokeWidth={3} strokeDasharray="6 6" opacity={0.55} />
              ))}
              {c.d ? <path d={c.d} fill="none" stroke={c.color} strokeWidth={5} strokeLinecap="round" /> : null}
              {c.points.map((p) => (
                <g key={p.touchpointId}>
                  {p.roles.length ? <circle cx={p.x} cy={p.y} r={15} fill="none" stroke={c.color} strokeWidth={3} /> : null}
                  <circle cx={p.x} cy={p.y} r={8} fill={c.color} stroke="#ffffff" strokeWidth={2.5}>
                    <title>{`${c.personaName}: ${titles.get(p.touchpointId) ?? ''} (${formatEmotion(p.value)})`}</title>
                  </circle>
                </g>
              ))}
            </g>
          ))}
          {chart.curves.flatMap((c) =>
            c.points.flatMap((p) =>
              p.roles.map((role) => {
                const at = placed.get(`${c.personaId}:${role}`);
                if (!at) return null;
                return (
                  <text
                    key={`${c.personaId}:${role}`}
                    x={at.x}
                    y={at.y}
                    textAnchor="middle"
                    fontSize={label}
                    fontWeight={700}
                    fill={c.color}
                    stroke="#ffffff"
                    strokeWidth={4}
                    paintOrder="stroke"
                    data-testid="walkthrough-chart-mark"
                    data-role={role}
                    data-persona-id={c.personaId}
                  >
                    {`${ROLE_GLYPHS[role]} ${t(`emotion.roles.${role}`)}`}
                  </text>
                );
              }),
            ),
          )}
        </svg>
      ) : null}
    </div>
  );
}

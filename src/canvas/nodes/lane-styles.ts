import type { LaneType } from '../../domain/schema';

/** Tailwind classes per lane type: label tint, cell tint, card accent. */
export const LANE_STYLES: Record<LaneType, { label: string; cell: string; card: string }> = {
  action: { label: 'bg-sky-50', cell: 'bg-sky-50/40', card: 'border-l-sky-500' },
  touchpoint: { label: 'bg-indigo-50', cell: 'bg-indigo-50/40', card: 'border-l-indigo-500' },
  frontstage: { label: 'bg-emerald-50', cell: 'bg-emerald-50/40', card: 'border-l-emerald-500' },
  backstage: { label: 'bg-slate-100', cell: 'bg-slate-50', card: 'border-l-slate-500' },
  pain: { label: 'bg-rose-50', cell: 'bg-rose-50/40', card: 'border-l-rose-500' },
  opportunity: { label: 'bg-amber-50', cell: 'bg-amber-50/40', card: 'border-l-amber-500' },
};

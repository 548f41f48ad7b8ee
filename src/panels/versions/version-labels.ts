/** How versions are named and grouped in the history panel (pure apart from `t`). */
import type { TFunction } from 'i18next';
import { restoreLabel, type VersionMeta } from '../../api/versions';

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const k = `${locale}|${key}`;
  let f = timeFormats.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    timeFormats.set(k, f);
  }
  return f;
}

/** "14:05" */
export function formatTime(iso: string, locale: string): string {
  return fmt(locale, { hour: '2-digit', minute: '2-digit' }, 'time').format(new Date(iso));
}

/** "23 Nov 2026, 14:05" */
export function formatDateTime(iso: string, locale: string): string {
  return fmt(locale, { dateStyle: 'medium', timeStyle: 'short' }, 'datetime').format(new Date(iso));
}

/** The local calendar day of a time, as a sortable key. */
export function dayKey(date: Date): string {
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${m}-${d}`;
}

export interface DayGroup {
  key: string;
  /** "Today", "Yesterday" or the date. */
  label: string;
  versions: VersionMeta[];
}

/** Versions (newest first) grouped by local day, newest day first. */
export function groupByDay(versions: readonly VersionMeta[], now: Date, locale: string, t: TFunction): DayGroup[] {
  const today = dayKey(now);
  const yesterday = dayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
  const groups: DayGroup[] = [];
  for (const v of versions) {
    const date = new Date(v.createdAt);
    const key = dayKey(date);
    let group = groups[groups.length - 1];
    if (!group || group.key !== key) {
      const label =
        key === today ? t('versions.today') : key === yesterday ? t('versions.yesterday') : fmt(locale, { dateStyle: 'full' }, 'day').format(date);
      group = { key, label, versions: [] };
      groups.push(group);
    }
    group.versions.push(v);
  }
  return groups;
}

/** What a version is called in the list and in dialog titles. */
export function versionLabel(v: VersionMeta, locale: string, t: TFunction): string {
  if (v.kind === 'named') return v.name;
  if (v.kind === 'restore') {
    const r = restoreLabel(v.name);
    if (r?.kind === 'named') return t('versions.restoreNamed', { name: r.name });
    if (r?.kind === 'time') return t('versions.restoreTime', { time: formatDateTime(r.at, locale) });
    return v.name || t('versions.kind.restore');
  }
  return t('versions.kind.auto');
}

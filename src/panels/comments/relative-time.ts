/** "3 minutes ago" / "3分钟前" with Intl.RelativeTimeFormat in the UI language. */
import { useEffect, useState } from 'react';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const formatters = new Map<string, Intl.RelativeTimeFormat>();
function formatter(locale: string): Intl.RelativeTimeFormat {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    formatters.set(locale, f);
  }
  return f;
}

export function relativeTime(iso: string, now: number, locale: string): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  if (!Number.isFinite(seconds)) return '';
  const abs = Math.abs(seconds);
  // Under a minute (and small clock differences into the future): "now".
  if (abs < 45) return formatter(locale).format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (abs >= size * 0.95) return formatter(locale).format(Math.round(seconds / size), unit);
  }
  return formatter(locale).format(Math.round(seconds / 60) || -1, 'minute');
}

export function absoluteTime(iso: string, locale: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The current time, refreshed every `ms` (one timer per caller). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

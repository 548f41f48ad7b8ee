/**
 * The message catalogues for pure code (the SVG renderer, CSV, PPTX) that runs without i18next,
 * on the server too: the same texts the interface shows, read straight from the catalogues.
 */
import { en, type Messages } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import type { Locale } from '../domain/schema';

export function messagesFor(locale: Locale): Messages {
  return locale === 'zh-CN' ? zhCN : en;
}

/** Fill `{{name}}` placeholders (no escaping: callers escape for their format). */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

/** A date in the locale's long style ("1 January 2025" / "2025年1月1日"); the input itself if it is not a date. */
export function formatLongDate(value: string | Date, locale: Locale): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return typeof value === 'string' ? value : '';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(d);
  } catch {
    return d.toISOString().slice(0, 10);
  }
}

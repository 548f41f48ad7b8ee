/** Default and derived map titles, in the map's language. */
import { LIMITS, type Locale } from '../../src/domain/schema';

export function defaultTitle(locale: Locale): string {
  return locale === 'zh-CN' ? '未命名旅程' : 'Untitled journey';
}

/** "<title> (copy)" / "<title>（副本）", shortening the original so the result fits the limit. */
export function copyTitle(title: string, locale: Locale): string {
  const suffix = locale === 'zh-CN' ? '（副本）' : ' (copy)';
  const chars = Array.from(title.trim() || defaultTitle(locale));
  while (chars.length > 0 && chars.join('').length + suffix.length > LIMITS.mapTitle) chars.pop();
  return `${chars.join('')}${suffix}`;
}

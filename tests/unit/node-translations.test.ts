import { beforeAll, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { initI18n } from '../../src/i18n';
import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zh-CN';
import { sharedT } from '../../src/canvas/nodes/use-node-t';

/** Every string in a catalogue, by dotted key. */
function strings(obj: unknown, prefix = ''): Array<[string, string]> {
  if (typeof obj === 'string') return [[prefix, obj]];
  if (!obj || typeof obj !== 'object') return [];
  return Object.entries(obj).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
}

const call = (t: unknown, ...args: unknown[]) => (t as (...a: unknown[]) => unknown)(...args);

describe('sharedT (the canvas nodes’ translation function)', () => {
  beforeAll(() => {
    initI18n();
  });

  for (const [lng, catalogue] of [['en', en], ['zh-CN', zhCN]] as const) {
    it(`gives exactly what i18next gives for every ${lng} string, with and without values`, () => {
      const fast = sharedT(lng);
      const slow = i18next.getFixedT(lng);
      let withValues = 0;
      for (const [key, text] of strings(catalogue)) {
        expect(call(fast, key), key).toBe(call(slow, key));
        const names = [...text.matchAll(/\{\{\s*([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
        if (names.length === 0) continue;
        withValues++;
        const values = Object.fromEntries(names.map((n, i) => [n, i % 2 ? i * 7 : `“${n}” <b>&</b> {{x}} $t(y)`]));
        expect(call(fast, key, values), key).toBe(call(slow, key, values));
        // Twice: the second call uses the compiled template.
        expect(call(fast, key, values), key).toBe(call(slow, key, values));
        // A missing value and special options are left to i18next.
        expect(call(fast, key, {}), key).toBe(call(slow, key, {}));
        expect(call(fast, key, { ...values, count: 2 }), key).toBe(call(slow, key, { ...values, count: 2 }));
      }
      expect(withValues).toBeGreaterThan(20);
    });
  }

  it('falls back like i18next for a key missing in the language', () => {
    expect(call(sharedT('zh-CN'), 'no.such.key', { a: 1 })).toBe(call(i18next.getFixedT('zh-CN'), 'no.such.key', { a: 1 }));
    expect(call(sharedT('en'), 'no.such.key')).toBe('no.such.key');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { produce } from 'immer';
import { initI18n } from '../../src/i18n';
import { syncEn, syncZhCN } from '../../src/i18n/features/sync';
import * as cmd from '../../src/store/commands';
import { SaveStatus } from '../../src/panels/SaveStatus';
import { ConflictDialog } from '../../src/panels/ConflictDialog';
import { threeWayMerge } from '../../src/sync/merge';
import type { SyncStatus } from '../../src/sync/map-sync';
import { makeMap } from './helpers/make-map';

beforeAll(() => {
  initI18n();
});

const render = (status: SyncStatus) => renderToStaticMarkup(createElement(SaveStatus, { status }));

function keysOf(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('sync catalogue', () => {
  it('has the same keys in both languages, none empty', () => {
    expect(keysOf(syncZhCN).sort()).toEqual(keysOf(syncEn).sort());
    for (const k of keysOf(syncZhCN)) expect(k).not.toBe('');
  });
});

describe('SaveStatus', () => {
  it('renders each state with role=status, aria-live and data-state', async () => {
    await i18next.changeLanguage('en');
    const saved = render({ kind: 'saved' });
    expect(saved).toContain('role="status"');
    expect(saved).toContain('aria-live="polite"');
    expect(saved).toContain('data-testid="save-status"');
    expect(saved).toContain('data-state="saved"');
    expect(saved).toContain('All changes saved');
    expect(render({ kind: 'saving' })).toContain('Saving…');
    expect(render({ kind: 'offline', waiting: 1 })).toContain('Offline — 1 change waiting');
    expect(render({ kind: 'offline', waiting: 3 })).toContain('Offline — 3 changes waiting');
    expect(render({ kind: 'conflict', conflicts: [] })).toContain('Conflict — choose what to keep');
    expect(render({ kind: 'error', message: 'Bad map' })).toContain('Not saved: Bad map');
    const storage = render({ kind: 'storage-error', message: 'quota', reason: 'quota' });
    expect(storage).toContain('data-state="storage-error"');
    expect(storage).toContain('Browser storage is full: changes are not kept offline');
  });

  it('speaks Chinese', async () => {
    await i18next.changeLanguage('zh-CN');
    expect(render({ kind: 'offline', waiting: 3 })).toContain('离线 — 3 处更改待保存');
    expect(render({ kind: 'saved' })).toContain('所有更改已保存');
    await i18next.changeLanguage('en');
  });
});

describe('ConflictDialog', () => {
  it('lists each conflict with Keep mine / Keep theirs and the bulk buttons', async () => {
    await i18next.changeLanguage('en');
    const base = makeMap({ personas: [{ id: 'p1', name: 'Traveller' }], touchpoints: [{ id: 't1', title: 'Check in' }] });
    const mine = produce(base, (d) => {
      cmd.updateTouchpoint(d, 't1', { title: 'Mine', channel: 'web' });
      cmd.setEmotion(d, 't1', 'p1', 2);
    });
    const theirs = produce(base, (d) => {
      cmd.updateTouchpoint(d, 't1', { title: 'Theirs', channel: 'app' });
      cmd.setEmotion(d, 't1', 'p1', -1);
    });
    const { conflicts } = threeWayMerge(base, mine, theirs);
    expect(conflicts).toHaveLength(3);
    const html = renderToStaticMarkup(createElement(ConflictDialog, { conflicts, onResolve: () => true }));
    expect(html).toContain('Someone else changed this map');
    expect(html).toContain('Keep all mine');
    expect(html).toContain('Keep all theirs');
    expect(html.match(/type="radio"/g)).toHaveLength(6);
    expect(html).toContain('Card “Mine”');
    expect(html).toContain('Title');
    expect(html).toContain('Website'); // channel values translated
    expect(html).toContain('Mobile app');
    expect(html).toContain('Emotion › Traveller');
    expect(html).toContain('Apply');
  });
});

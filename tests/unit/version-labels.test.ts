import { describe, expect, it } from 'vitest';
import { restoreLabel } from '../../src/api/versions';
import { restoreName } from '../../server/http/routes/versions';
import type { VersionMeta } from '../../server/versions/version-repository';

const meta = (kind: VersionMeta['kind'], name: string): VersionMeta => ({
  id: 'v1',
  mapId: 'm1',
  kind,
  name,
  author: '',
  mapVersion: 3,
  createdAt: '2026-11-23T12:34:56.789Z',
  title: 'Trip',
  summary: { stages: 1, cards: 2, mots: 0, personas: 1, comments: 0 },
});

describe('restore snapshot names: what the server writes, the panel can read back', () => {
  it('names a restore after a named version, otherwise after its time', () => {
    expect(restoreName(meta('named', ' Before the workshop '))).toBe('Before restoring “Before the workshop”');
    expect(restoreName(meta('auto', ''))).toBe('Before restoring the version of 2026-11-23T12:34:56.789Z');
    // A restore snapshot is named by its time, so names never nest.
    expect(restoreName(meta('restore', 'Before restoring “X”'))).toBe('Before restoring the version of 2026-11-23T12:34:56.789Z');
  });

  it('parses both forms (and nothing else)', () => {
    expect(restoreLabel(restoreName(meta('named', '工作坊 “一”')))).toEqual({ kind: 'named', name: '工作坊 “一”' });
    expect(restoreLabel(restoreName(meta('auto', '')))).toEqual({ kind: 'time', at: '2026-11-23T12:34:56.789Z' });
    expect(restoreLabel('Something else')).toBeNull();
    expect(restoreLabel('Before restoring the version of yesterday')).toBeNull();
  });
});

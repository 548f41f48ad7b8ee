import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseJourneyMap } from '../../src/domain/parse';
import { CURRENT_SCHEMA_VERSION } from '../../src/domain/schema';
import { journeySequence } from '../../src/domain/journey-order';

/** A real document in the v0 prototype format (before schemaVersion existed). */
const v0 = {
  name: '航空旅程（原型）',
  lang: 'zh',
  persona: { name: '商务旅客', color: '#db2777' },
  phases: [
    {
      id: 'p-book',
      title: '预订',
      steps: [
        { id: 's1', title: '官网搜索航班', lane: 'doing', note: '比较价格与时刻', feeling: 4 },
        { id: 's2', title: '选座失败', lane: 'pain', note: '页面报错', feeling: 1 },
      ],
    },
    {
      id: 'p-fly',
      title: '机上',
      steps: [
        { id: 's3', title: '空乘铺床服务', lane: 'frontstage', note: '商务舱夜间航班', feeling: 5 },
        { id: 's4', title: '机上餐食', lane: 'frontstage', note: '', feeling: 3 },
        { id: 's5', title: '无情绪记录的步骤', lane: 'idea' },
      ],
    },
  ],
};

describe('migration v0 → current', () => {
  it('upgrades the inline v0 prototype document', () => {
    const r = parseJourneyMap(v0);
    if (!r.ok) throw new Error(`${r.message}: ${JSON.stringify(r.problems)}`);
    expect(r.migratedFrom).toBe(0);
    const map = r.map;
    expect(map.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(map.title).toBe('航空旅程（原型）');
    expect(map.locale).toBe('zh-CN');
    expect(map.personas).toHaveLength(1);
    expect(map.personas[0]).toMatchObject({ name: '商务旅客', color: '#db2777' });
    expect(map.stages.map((s) => s.name)).toEqual(['预订', '机上']);
    const pid = map.personas[0]!.id;
    const byId = new Map(map.touchpoints.map((t) => [t.id, t]));
    // 1..5 → −3..+3 symmetric.
    expect(byId.get('s1')!.emotions[pid]?.value).toBe(2);
    expect(byId.get('s2')!.emotions[pid]?.value).toBe(-3);
    expect(byId.get('s3')!.emotions[pid]?.value).toBe(3);
    expect(byId.get('s4')!.emotions[pid]?.value).toBe(0);
    expect(byId.get('s5')!.emotions).toEqual({});
    // Free-text lanes became typed lanes.
    const laneType = (id: string) => map.lanes.find((l) => l.id === byId.get(id)!.laneId)?.type;
    expect(laneType('s1')).toBe('action');
    expect(laneType('s2')).toBe('pain');
    expect(laneType('s3')).toBe('frontstage');
    expect(laneType('s5')).toBe('opportunity');
    // Order inside a cell is kept.
    expect(byId.get('s3')!.order).toBe(0);
    expect(byId.get('s4')!.order).toBe(1);
    expect(journeySequence(map).map((t) => t.id)).toEqual(['s1', 's2', 's3', 's4', 's5']);
  });

  it('upgrades the v0 fixture file', () => {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync('tests/fixtures/v0-airline.json', 'utf8'));
    } catch {
      raw = v0;
    }
    const r = parseJourneyMap(raw);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.migratedFrom).toBe(0);
  });

  it('a current document passes through unchanged', () => {
    const first = parseJourneyMap(v0);
    if (!first.ok) throw new Error('fixture');
    const again = parseJourneyMap(JSON.parse(JSON.stringify(first.map)));
    expect(again.ok && again.map).toEqual(first.map);
    expect(again.ok && again.migratedFrom).toBe(CURRENT_SCHEMA_VERSION);
  });
});

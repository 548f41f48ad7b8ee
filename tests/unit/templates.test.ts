import { describe, it, expect } from 'vitest';
import { journeyMapSchema, DEFAULT_GROUP_WEIGHTS, LANE_TYPES, type JourneyMap, type Locale } from '../../src/domain/schema';
import { DEFAULT_LANE_NAMES, PERSONA_COLORS } from '../../src/domain/defaults';
import { journeySequence } from '../../src/domain/journey-order';
import { buildCurve, endingWarning } from '../../src/domain/emotion';
import { motCompleteness } from '../../src/domain/mot-rules';
import {
  createFromTemplate,
  TEMPLATE_IDS,
  TEMPLATES,
  templateIdSchema,
  airlineTemplate,
  hotelTemplate,
  type TemplateId,
} from '../../src/domain/templates';

const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

const EXPECTED_STAGES: Record<TemplateId, Record<Locale, string[]>> = {
  airline: {
    en: ['Booking & ticketing', 'Check-in', 'Security', 'Boarding', 'In-flight', 'Arrival'],
    'zh-CN': ['预订购票', '值机', '安检', '登机', '机上', '抵达'],
  },
  hotel: {
    en: ['Booking', 'Check-in', 'Stay & dining', 'Checkout'],
    'zh-CN': ['预订', '入住', '住店与餐饮', '退房'],
  },
};

const CJK = /\p{Script=Han}/u;

function touchpointLaneCards(map: JourneyMap) {
  const lane = map.lanes.find((l) => l.type === 'touchpoint');
  if (!lane) throw new Error('no touchpoint lane');
  return journeySequence(map).filter((tp) => tp.laneId === lane.id);
}

function allIds(map: JourneyMap): string[] {
  return [map.id, ...[...map.personas, ...map.stages, ...map.lanes, ...map.touchpoints, ...map.mots].map((x) => x.id)];
}

const blank = (s: string) => s.trim() === '';

/** Emotion values per persona, in journey order (touchpoint lane only). */
function curves(map: JourneyMap): number[][] {
  const cards = touchpointLaneCards(map);
  return map.personas.map((p) => cards.map((c) => c.emotions[p.id]?.value ?? Number.NaN));
}

/** Stage index of the peak / trough / end of one persona's curve (later wins on ties, like the product). */
function highlightStages(map: JourneyMap, personaId: string) {
  const stageIndex = new Map(map.stages.map((s, i) => [s.id, i]));
  const points = touchpointLaneCards(map).map((c) => ({ stage: stageIndex.get(c.stageId) ?? -1, value: c.emotions[personaId]!.value }));
  let peak = points[0]!;
  let trough = points[0]!;
  for (const p of points) {
    if (p.value >= peak.value) peak = p;
    if (p.value <= trough.value) trough = p;
  }
  const end = points[points.length - 1]!;
  return { peak, trough, end };
}

describe('template registry', () => {
  it('lists the two templates with names and descriptions in both languages', () => {
    expect(TEMPLATE_IDS).toEqual(['airline', 'hotel']);
    for (const id of TEMPLATE_IDS) {
      expect(templateIdSchema.parse(id)).toBe(id);
      for (const locale of LOCALES) {
        expect(TEMPLATES[id].name[locale].trim()).not.toBe('');
        expect(TEMPLATES[id].description[locale].trim()).not.toBe('');
      }
      expect(CJK.test(TEMPLATES[id].name['zh-CN'])).toBe(true);
      expect(CJK.test(TEMPLATES[id].name.en)).toBe(false);
    }
    expect(templateIdSchema.safeParse('retail').success).toBe(false);
  });

  it('builds the same map as the per-template functions', () => {
    const now = new Date('2024-05-01T08:00:00.000Z');
    const texts = (m: JourneyMap) => [m.title, m.createdAt, ...m.stages.map((s) => s.name), ...m.touchpoints.map((t) => t.title)];
    expect(texts(createFromTemplate('airline', 'en', now))).toEqual(texts(airlineTemplate('en', now)));
    expect(texts(createFromTemplate('hotel', 'zh-CN', now))).toEqual(texts(hotelTemplate('zh-CN', now)));
    expect(texts(createFromTemplate('airline', 'en', now))).not.toEqual(texts(hotelTemplate('en', now)));
  });
});

describe.each(TEMPLATE_IDS.flatMap((id) => LOCALES.map((locale) => [id, locale] as const)))('template %s (%s)', (id, locale) => {
  const now = new Date('2024-05-01T08:00:00.000Z');
  const map = createFromTemplate(id, locale, now);

  it('is a valid journey map', () => {
    const r = journeyMapSchema.safeParse(map);
    if (!r.success) console.error(JSON.stringify(r.error.issues, null, 2));
    expect(r.success).toBe(true);
    // Nothing relies on schema defaults: parsing changes nothing.
    if (r.success) expect(r.data).toEqual(map);
  });

  it('has the locale, timestamps and settings asked for', () => {
    expect(map.locale).toBe(locale);
    expect(map.createdAt).toBe(now.toISOString());
    expect(map.updatedAt).toBe(now.toISOString());
    expect(map.settings.coreMessage.trim()).not.toBe('');
    expect(map.settings.focusDimension).toBe('repurchase');
    expect(map.settings.groupWeights).toEqual(DEFAULT_GROUP_WEIGHTS);
    expect(map.comments).toEqual([]);
  });

  it('has the expected stages, in order', () => {
    expect(map.stages.map((s) => s.name)).toEqual(EXPECTED_STAGES[id][locale]);
  });

  it('has all six lanes in schema order, named for the locale', () => {
    expect(map.lanes.map((l) => l.type)).toEqual([...LANE_TYPES]);
    expect(map.lanes.map((l) => l.name)).toEqual(LANE_TYPES.map((t) => DEFAULT_LANE_NAMES[locale][t]));
    expect(map.lanes.every((l) => !l.hidden)).toBe(true);
  });

  it('has 4–7 cards per stage, cards in several lanes, and orders 0, 1, 2… inside each cell', () => {
    for (const stage of map.stages) {
      const cards = map.touchpoints.filter((t) => t.stageId === stage.id);
      expect(cards.length, stage.name).toBeGreaterThanOrEqual(4);
      expect(cards.length, stage.name).toBeLessThanOrEqual(7);
      expect(new Set(cards.map((c) => c.laneId)).size, stage.name).toBeGreaterThanOrEqual(3);
      for (const lane of map.lanes) {
        const orders = cards.filter((c) => c.laneId === lane.id).map((c) => c.order);
        expect(orders).toEqual(orders.map((_, i) => i));
      }
    }
    for (const tp of map.touchpoints) {
      expect(tp.title.trim()).not.toBe('');
      expect(tp.description.trim()).not.toBe('');
    }
  });

  it('has at least two personas with descriptions and distinct palette colours', () => {
    expect(map.personas.length).toBeGreaterThanOrEqual(2);
    expect(new Set(map.personas.map((p) => p.color)).size).toBe(map.personas.length);
    for (const p of map.personas) {
      expect((PERSONA_COLORS as readonly string[]).includes(p.color)).toBe(true);
      expect(p.description.trim()).not.toBe('');
    }
  });

  it('puts an emotion for every persona on every touchpoint-lane card, and emotions nowhere else but actions', () => {
    const touchpointLane = map.lanes.find((l) => l.type === 'touchpoint')!;
    const actionLane = map.lanes.find((l) => l.type === 'action')!;
    const cards = touchpointLaneCards(map);
    expect(cards.length).toBeGreaterThanOrEqual(map.stages.length);
    expect(new Set(cards.map((c) => c.channel)).size).toBeGreaterThanOrEqual(3);
    for (const card of cards)
      for (const p of map.personas) expect(card.emotions[p.id], `${card.title} / ${p.name}`).toBeDefined();
    for (const tp of map.touchpoints)
      if (tp.laneId !== touchpointLane.id && tp.laneId !== actionLane.id) expect(tp.emotions).toEqual({});
  });

  it('draws curves with a clear peak and trough, different for each persona', () => {
    const cs = curves(map);
    for (const c of cs) {
      expect(Math.max(...c)).toBeGreaterThanOrEqual(2);
      expect(Math.min(...c)).toBeLessThanOrEqual(-2);
    }
    expect(cs[0]).not.toEqual(cs[1]);
  });

  it('has to-be targets for the first persona and evidence, including an assumption', () => {
    const first = map.personas[0]!;
    const points = touchpointLaneCards(map).flatMap((c) => Object.values(c.emotions));
    for (const card of touchpointLaneCards(map)) expect(card.emotions[first.id]?.target, card.title).toBeDefined();
    expect(points.filter((p) => p.evidence).length).toBeGreaterThanOrEqual(3);
    expect(points.some((p) => p.evidence?.source === 'assumption')).toBe(true);
    expect(points.some((p) => (p.evidence?.quotes.length ?? 0) > 0)).toBe(true);
  });

  it('has 4–6 MOTs pinned on touchpoint-lane cards, 1–2 chosen, exactly one incomplete', () => {
    const touchpointIds = new Set(map.touchpoints.map((t) => t.id));
    const laneCards = new Set(touchpointLaneCards(map).map((t) => t.id));
    expect(map.mots.length).toBeGreaterThanOrEqual(4);
    expect(map.mots.length).toBeLessThanOrEqual(6);
    for (const mot of map.mots) {
      expect(touchpointIds.has(mot.touchpointId)).toBe(true);
      expect(laneCards.has(mot.touchpointId)).toBe(true);
      expect(mot.dimension).not.toBeNull();
      expect(mot.source).not.toBeNull();
    }
    const incomplete = map.mots.filter((m) => blank(m.who) || blank(m.situation) || blank(m.feeling));
    expect(incomplete).toHaveLength(1);
    const chosen = map.mots.filter((m) => m.chosen);
    expect(chosen.length).toBeGreaterThanOrEqual(1);
    expect(chosen.length).toBeLessThanOrEqual(2);
    expect(chosen.every((m) => !incomplete.includes(m))).toBe(true);
  });

  it('writes complete MOTs well, most of them landing the core message and one diverging', () => {
    const complete = map.mots.filter((m) => motCompleteness(m).complete);
    for (const m of complete) expect(motCompleteness(m).hints, m.situation).toEqual([]);
    const core = map.settings.coreMessage.toLowerCase();
    const carrying = complete.filter((m) => m.feeling.toLowerCase().includes(core));
    expect(complete.length - carrying.length).toBe(1);
    expect(carrying.length).toBeGreaterThanOrEqual(2);
    for (const m of map.mots.filter((x) => x.chosen)) expect(m.feeling.toLowerCase()).toContain(core);
  });

  it('gives fresh ids on every call', () => {
    const again = createFromTemplate(id, locale, now);
    const a = allIds(map);
    const b = new Set(allIds(again));
    expect(new Set(a).size).toBe(a.length);
    expect(a.some((x) => b.has(x))).toBe(false);
    expect(a.every((x) => /^[A-Za-z0-9]{21}$/.test(x))).toBe(true);
  });

  it('is written in the language of its locale', () => {
    const texts = [
      map.title,
      map.description,
      ...map.stages.map((s) => s.name),
      ...map.personas.map((p) => p.name),
      ...map.touchpoints.map((t) => t.title),
      ...map.mots.filter((m) => !blank(m.who)).map((m) => m.who),
    ];
    if (locale === 'zh-CN') {
      for (const text of texts) expect(CJK.test(text), text).toBe(true);
      const englishStages = EXPECTED_STAGES[id].en;
      for (const s of map.stages) expect(englishStages).not.toContain(s.name);
    } else {
      const everything = JSON.stringify(map);
      expect(CJK.test(everything)).toBe(false);
    }
  });
});

describe('English and Chinese templates are structurally identical', () => {
  it.each(TEMPLATE_IDS)('%s', (id) => {
    const en = createFromTemplate(id, 'en');
    const zh = createFromTemplate(id, 'zh-CN');
    const shape = (m: JourneyMap) => {
      const stageIndex = new Map(m.stages.map((s, i) => [s.id, i]));
      const laneIndex = new Map(m.lanes.map((l, i) => [l.id, i]));
      const personaIndex = new Map(m.personas.map((p, i) => [p.id, i]));
      const tpIndex = new Map(m.touchpoints.map((t, i) => [t.id, i]));
      return {
        personas: m.personas.map((p) => p.color),
        stages: m.stages.length,
        touchpoints: m.touchpoints.map((t) => ({
          stage: stageIndex.get(t.stageId),
          lane: laneIndex.get(t.laneId),
          order: t.order,
          channel: t.channel,
          emotions: Object.entries(t.emotions).map(([pid, e]) => ({
            persona: personaIndex.get(pid),
            value: e.value,
            target: e.target,
            source: e.evidence?.source,
            respondents: e.evidence?.respondents,
            spread: e.evidence?.spread,
            quotes: e.evidence?.quotes.length,
          })),
        })),
        mots: m.mots.map((x) => ({
          on: tpIndex.get(x.touchpointId),
          dimension: x.dimension,
          source: x.source,
          ratings: x.ratings,
          votes: x.votes,
          chosen: x.chosen,
          blank: [blank(x.who), blank(x.situation), blank(x.feeling)],
        })),
        settings: { ...m.settings, coreMessage: blank(m.settings.coreMessage) },
      };
    };
    expect(shape(zh)).toEqual(shape(en));
    // ...and really translated: no text is the same in both.
    en.touchpoints.forEach((t, i) => expect(zh.touchpoints[i]!.title).not.toBe(t.title));
  });
});

describe('airline emotion curves (peak–end rule)', () => {
  const map = airlineTemplate('en');
  const [business, family] = map.personas;
  const stage = (name: string) => EXPECTED_STAGES.airline.en.indexOf(name);

  it('has every trough at security or boarding and every peak in-flight', () => {
    for (const p of map.personas) {
      const h = highlightStages(map, p.id);
      expect([stage('Security'), stage('Boarding')], p.name).toContain(h.trough.stage);
      expect(h.peak.stage, p.name).toBe(stage('In-flight'));
      expect(h.end.stage, p.name).toBe(stage('Arrival'));
      expect(h.end.value, p.name).toBeLessThanOrEqual(0);
    }
  });

  it('warns that the family journey ends near its trough, and not the business one', () => {
    expect(endingWarning(buildCurve(map, family!.id))).toMatchObject({ level: 'ends-near-trough' });
    expect(endingWarning(buildCurve(map, business!.id))).toBeNull();
  });

  it('pins the turn-down MOT, chosen, at the business flyer’s peak', () => {
    const h = highlightStages(map, business!.id);
    expect(h.peak.value).toBe(3);
    const turnDown = map.mots.find((m) => /turns his seat into a flat bed/.test(m.situation));
    expect(turnDown?.chosen).toBe(true);
    const card = map.touchpoints.find((t) => t.id === turnDown?.touchpointId);
    expect(card?.emotions[business!.id]?.value).toBe(3);
  });
});

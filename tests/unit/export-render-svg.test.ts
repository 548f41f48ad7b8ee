import { describe, expect, it } from 'vitest';
import { createFromTemplate } from '../../src/domain/templates';
import { goldenIndex, rolesOf } from '../../src/domain/emotion';
import { LANE_STYLES } from '../../src/canvas/nodes/lane-styles';
import { LANE_TYPES } from '../../src/domain/schema';
import { defaultRenderOptions, escapeXml, LANE_COLORS, renderMapSvg, type RenderOptions } from '../../src/export/render-svg';
import { renderSlides, slideRanges } from '../../src/export/slides';
import { makeMap, goodMot } from './helpers/make-map';

/**
 * A small XML 1.0 well-formedness check (no DOMParser in Node): one root, balanced tags, quoted
 * attributes without duplicates, only the five predefined or numeric entities, no forbidden characters.
 * Returns a list of problems (empty = well-formed).
 */
function parseXml(xml: string): { problems: string[]; attributes: string[]; elements: string[] } {
  const problems: string[] = [];
  const attributes: string[] = [];
  const elements: string[] = [];
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)) problems.push('forbidden character');
  const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const stack: string[] = [];
  let roots = 0;
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/?[^>]*>|[^<]+/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = token.exec(xml))) {
    const t = m[0];
    consumed += t.length;
    if (t.startsWith('<!--') || t.startsWith('<?')) continue;
    if (!t.startsWith('<')) {
      if (entity.test(t)) problems.push(`bad entity in text near ${t.slice(0, 40)}`);
      if (stack.length === 0 && t.trim()) problems.push('text outside the root');
      continue;
    }
    if (t.startsWith('</')) {
      const name = t.slice(2, -1).trim();
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}>`);
      continue;
    }
    const selfClosing = t.endsWith('/>');
    const inner = t.slice(1, selfClosing ? -2 : -1);
    const nameMatch = /^([A-Za-z_][\w:.-]*)/.exec(inner);
    if (!nameMatch?.[1]) {
      problems.push(`bad tag ${t.slice(0, 40)}`);
      continue;
    }
    const name = nameMatch[1];
    elements.push(name);
    let rest = inner.slice(name.length);
    const seen = new Set<string>();
    const attr = /^\s+([A-Za-z_:][\w:.-]*)="([^"<]*)"/;
    let a: RegExpExecArray | null;
    while ((a = attr.exec(rest))) {
      const [whole, key = '', value = ''] = a;
      if (seen.has(key)) problems.push(`duplicate attribute ${key} on <${name}>`);
      seen.add(key);
      attributes.push(key);
      if (entity.test(value)) problems.push(`bad entity in ${key}`);
      rest = rest.slice(whole.length);
    }
    if (rest.trim() !== '') problems.push(`unparsed attributes in <${name}>: ${rest.slice(0, 40)}`);
    if (stack.length === 0) roots++;
    if (!selfClosing) stack.push(name);
  }
  if (consumed !== xml.length) problems.push('unconsumed input');
  if (stack.length) problems.push(`unclosed: ${stack.join(',')}`);
  if (roots !== 1) problems.push(`${roots} roots`);
  return { problems, attributes, elements };
}

/** `text` contains `part` (without printing a huge SVG when it does not). */
function has(text: string, part: string | RegExp): boolean {
  return typeof part === 'string' ? text.includes(part) : part.test(text);
}
function expectHas(text: string, ...parts: Array<string | RegExp>): void {
  for (const part of parts) expect(has(text, part), `expected the SVG to contain ${String(part)}`).toBe(true);
}
function expectHasNot(text: string, ...parts: Array<string | RegExp>): void {
  for (const part of parts) expect(has(text, part), `expected the SVG not to contain ${String(part)}`).toBe(false);
}

function expectSafeSvg(svg: string): void {
  const parsed = parseXml(svg);
  expect(parsed.problems).toEqual([]);
  expect(parsed.attributes.filter((a) => /^on/i.test(a) || /href$/i.test(a))).toEqual([]);
  expect(parsed.elements.filter((e) => /^(script|foreignObject|image|use|style|a|iframe|object|embed)$/i.test(e))).toEqual([]);
  expectHasNot(svg, /<script/i, /href="http/i, /@import/i, /url\(\s*["']?(?!#)/i);
}

const HOSTILE = `<script>alert(1)</script> & "x"`;

function hostileMap() {
  return makeMap({
    title: `Map ${HOSTILE}`,
    personas: [{ id: 'p1', name: `Persona <b onload="x">` }, { id: 'p2', name: 'Second' }],
    stages: [
      { id: 's1', name: 'Arrive & "greet"' },
      { id: 's2', name: 'Stay' },
      { id: 's3', name: 'Leave' },
    ],
    lanes: ['l1', { id: 'l2', type: 'pain', name: 'Pains' }],
    touchpoints: [
      { id: 't1', stage: 's1', title: HOSTILE, description: `desc \u0001\u0008 ok ]]> <!--`, emotions: { p1: 1, p2: { value: -1, target: 2 } } },
      { id: 't2', stage: 's2', title: 'Middle', emotions: { p1: 3, p2: 0 } },
      { id: 't3', stage: 's3', title: 'End', channel: 'phone', emotions: { p1: -2, p2: 2 } },
      { id: 't4', stage: 's2', lane: 'l2', title: 'Pain card' },
    ],
    mots: [
      goodMot('m1', 't2', { chosen: true, who: 'Who <i>', situation: 'Situation & scene', feeling: 'Feeling "quoted"' }),
      goodMot('m2', 't3', { who: '', situation: 'Only a situation here, long enough', feeling: '' }),
    ],
  });
}

describe('renderMapSvg', () => {
  it('produces a well-formed standalone SVG with no script, handlers or external references', () => {
    const r = renderMapSvg(hostileMap(), defaultRenderOptions('en'));
    expectSafeSvg(r.svg);
    expect(r.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(r.width).toBeGreaterThan(500);
    expect(r.height).toBeGreaterThan(400);
    expectHas(r.svg, `width="${r.width}" height="${r.height}"`);
  });

  it('escapes every text: titles, names, descriptions, MOT elements', () => {
    const { svg } = renderMapSvg(hostileMap(), defaultRenderOptions('en'));
    expectHas(svg, '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expectHasNot(svg, '<script>');
    expectHas(svg, 'Persona &lt;b onload=&quot;x&quot;&gt;');
    expectHas(svg, 'Arrive &amp; &quot;greet&quot;');
    expectHas(svg, 'Who &lt;i&gt;');
    expectHas(svg, 'Feeling &quot;quoted&quot;');
    expectHasNot(svg, '\u0001');
    expect(escapeXml(`a'b<\u0000\uD800>`)).toBe('a&apos;b&lt;&gt;');
  });

  it('shows every stage name and lane label', () => {
    const map = createFromTemplate('airline', 'en');
    const { svg } = renderMapSvg(map, defaultRenderOptions('en'));
    for (const stage of map.stages) expectHas(svg, `>${escapeXml(stage.name)}</text>`);
    for (const lane of map.lanes.filter((l) => !l.hidden)) expectHas(svg, `data-lane-id="${lane.id}"`);
  });

  it('marks peak, trough and end for each visible persona, with labels', () => {
    const map = createFromTemplate('hotel', 'en');
    const { svg } = renderMapSvg(map, defaultRenderOptions('en'));
    for (const entry of goldenIndex(map).personas) {
      const h = entry.highlights;
      expect(h).not.toBeNull();
      if (!h) continue;
      for (const role of ['peak', 'trough', 'end'] as const) {
        const tp = h[role].touchpointId;
        const roles = rolesOf(tp, h).join(' ');
        expectHas(svg, `data-persona-id="${entry.personaId}" data-touchpoint-id="${tp}" data-roles="${roles}"`);
      }
      const marks = [...svg.matchAll(new RegExp(`<g class="mark" data-persona-id="${entry.personaId}"[^>]*>(.*?)</g>`, 'g'))];
      const labelText = marks.map((m) => m[1]).join('');
      expectHas(labelText, '>Peak</text>');
      expectHas(labelText, '>Trough</text>');
      expectHas(labelText, '>End</text>');
    }
    // One curve per persona, to-be dashed.
    expect(svg.match(/<g class="curve"/g)?.length).toBe(map.personas.length);
    expectHas(svg, /class="target"[^>]*stroke-dasharray="6 5"/);
  });

  it('leaves out hidden personas and, without curves, the emotion lane', () => {
    const map = createFromTemplate('hotel', 'en');
    const hidden = map.personas[1]?.id ?? '';
    const opts = defaultRenderOptions('en');
    const one = renderMapSvg(map, { ...opts, hiddenPersonas: [hidden] }).svg;
    expect(one.match(/<g class="curve"/g)?.length).toBe(1);
    expectHasNot(one, `class="curve" data-persona-id="${hidden}"`);
    const none = renderMapSvg(map, { ...opts, include: { ...opts.include, curves: false } });
    expectHasNot(none.svg, 'emotion-lane');
    expectHasNot(none.svg, 'class="mark"');
    expect(none.height).toBeLessThan(renderMapSvg(map, opts).height);
  });

  it('lists the MOTs with who / situation / feeling, all or chosen only, and numbers the pins', () => {
    const map = hostileMap();
    const opts = defaultRenderOptions('en');
    const all = renderMapSvg(map, opts).svg;
    expectHas(all, '>Moments of Truth</text>');
    expectHas(all, 'data-mot-id="m1"');
    expectHas(all, 'data-mot-id="m2"');
    expectHas(all, '>Situation &amp; scene</text>');
    expectHas(all, '>Who</text>');
    expectHas(all, '>Situation</text>');
    expectHas(all, '>Feeling</text>');
    expectHas(all, '>not written yet</text>'); // m2 has no who / feeling
    // Chosen pins are gold.
    expectHas(all, /<g class="pin" data-mot-id="m1"><rect[^>]*fill="#fbbf24"/);
    expectHas(all, /<g class="pin" data-mot-id="m2"><rect[^>]*fill="#ffffff"/);

    const chosen = renderMapSvg(map, { ...opts, include: { ...opts.include, mots: 'chosen' } }).svg;
    expectHas(chosen, '>Chosen Moments of Truth</text>');
    expectHas(chosen, 'data-mot-id="m1"');
    expectHasNot(chosen, 'data-mot-id="m2"');

    const none = renderMapSvg(map, { ...opts, include: { ...opts.include, mots: 'none' } }).svg;
    expectHasNot(none, 'data-mot-id=');
    expectHasNot(none, 'Moments of Truth');
  });

  it('renders Chinese maps with Chinese labels and a CJK font first in the stack', () => {
    const map = createFromTemplate('hotel', 'zh-CN');
    const { svg } = renderMapSvg(map, { ...defaultRenderOptions('zh-CN'), author: '王小明' });
    expectSafeSvg(svg);
    expectHas(svg, map.title);
    for (const s of map.stages) expectHas(svg, s.name);
    expectHas(svg, '>峰值</text>');
    expectHas(svg, '>谷底</text>');
    expectHas(svg, '>终点</text>');
    expectHas(svg, '>关键时刻</text>');
    expectHas(svg, '作者：王小明');
    expectHas(svg, /font-family="&apos;Noto Sans CJK SC&apos;, &apos;Noto Sans SC&apos;, &apos;PingFang SC&apos;, &apos;Microsoft YaHei&apos;/);
  });

  it('limits stages to stageRange and lanes to the chosen ones', () => {
    const map = createFromTemplate('airline', 'en');
    const opts: RenderOptions = defaultRenderOptions('en');
    const part = renderMapSvg(map, { ...opts, stageRange: [1, 2] });
    expect(part.stageRange).toEqual([1, 2]);
    const shown = [...part.svg.matchAll(/<g class="stage" data-stage-id="([^"]+)"/g)].map((m) => m[1]);
    expect(shown).toEqual([map.stages[1]?.id, map.stages[2]?.id]);
    expectHasNot(part.svg, `data-stage-id="${map.stages[0]?.id}"`);
    // Stage numbers continue from the full journey.
    expectHas(part.svg, />2<\/text>/);
    // Cards only from those stages.
    const inRange = new Set([map.stages[1]?.id, map.stages[2]?.id]);
    const cards = [...part.svg.matchAll(/class="card" data-touchpoint-id="([^"]+)"/g)].map((m) => m[1]);
    expect(cards.length).toBeGreaterThan(0);
    for (const id of cards) expect(inRange.has(map.touchpoints.find((t) => t.id === id)?.stageId)).toBe(true);
    expect(part.width).toBeLessThan(renderMapSvg(map, opts).width);

    const lane = map.lanes[1]?.id ?? '';
    const oneLane = renderMapSvg(map, { ...opts, lanes: [lane] }).svg;
    expect([...oneLane.matchAll(/<g class="lane" data-lane-id="([^"]+)"/g)].map((m) => m[1])).toEqual([lane]);
    // Out-of-range values are clamped.
    expect(renderMapSvg(map, { ...opts, stageRange: [4, 99] }).stageRange).toEqual([4, map.stages.length - 1]);
  });

  it('puts a long MOT list below a wide map instead of many columns beside it', () => {
    const stages = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, name: `Stage ${i}` }));
    const touchpoints = Array.from({ length: 120 }, (_, i) => ({ id: `t${i}`, stage: `s${i % 12}`, title: `Card ${i}`, value: (i % 7) - 3 }));
    const map = makeMap({ stages, touchpoints, mots: touchpoints.map((t, i) => goodMot(`m${i}`, t.id)) });
    const r = renderMapSvg(map, defaultRenderOptions('en'));
    const mapOnly = renderMapSvg(map, { ...defaultRenderOptions('en'), include: { ...defaultRenderOptions('en').include, sideList: false } });
    expect(r.width).toBe(mapOnly.width);
    expect(r.height).toBeGreaterThan(mapOnly.height + 400);
    expect(r.svg.match(/class="mot-entry"/g)).toHaveLength(120);
    // A short list stays beside the map.
    const few = makeMap({ stages, touchpoints, mots: [goodMot('m1', 't1')] });
    expect(renderMapSvg(few, defaultRenderOptions('en')).width).toBeGreaterThan(mapOnly.width + 400);
  });

  it('draws a white background or none', () => {
    const map = hostileMap();
    const opts = defaultRenderOptions('en');
    const white = renderMapSvg(map, opts);
    expectHas(white.svg, `<rect width="${white.width}" height="${white.height}" fill="#ffffff"/>`);
    const clear = renderMapSvg(map, { ...opts, background: 'transparent' });
    expectHasNot(clear.svg, `<rect width="${clear.width}" height="${clear.height}" fill="#ffffff"/>`);
  });

  it('omits title, legend and date line when asked, and shows author and date when given', () => {
    const map = hostileMap();
    const opts = defaultRenderOptions('en');
    const bare = renderMapSvg(map, { ...opts, include: { ...opts.include, title: false, legend: false, dateLine: false } });
    expectHasNot(bare.svg, 'class="header"');
    const full = renderMapSvg(map, { ...opts, author: 'Ana & Bo', date: '3 March 2025' }).svg;
    expectHas(full, '3 March 2025 · By Ana &amp; Bo');
    expectHas(full, 'class="header"');
  });

  it('keeps colours of lane types in sync with the canvas classes', () => {
    for (const type of LANE_TYPES) {
      expect(LANE_STYLES[type].card).toBe(`border-l-${LANE_COLORS[type].family}-500`);
      expectHas(LANE_STYLES[type].label, `-${LANE_COLORS[type].family}-`);
    }
  });

  it('renders 1000 touchpoints quickly', () => {
    const stages = Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, name: `Stage ${i}` }));
    const touchpoints = Array.from({ length: 1000 }, (_, i) => ({
      id: `t${i}`,
      stage: `s${i % 20}`,
      lane: `l${i % 3}`,
      title: `Touchpoint number ${i} with a longer title that wraps`,
      description: 'Some description',
      emotions: { p1: ((i * 7) % 7) - 3, p2: ((i * 3) % 7) - 3 },
    }));
    const map = makeMap({ personas: ['p1', 'p2'], stages, lanes: ['l0', 'l1', 'l2'], touchpoints, mots: Array.from({ length: 100 }, (_, i) => goodMot(`m${i}`, `t${i * 10}`, { chosen: i % 3 === 0 })) });
    const t0 = performance.now();
    const r = renderMapSvg(map, defaultRenderOptions('en'));
    const ms = performance.now() - t0;
    expect(r.svg.match(/class="card"/g)?.length).toBe(1000);
    expect(ms).toBeLessThan(1500);
  });
});

describe('slides', () => {
  it('splits stages into ranges', () => {
    expect(slideRanges(6, 0)).toEqual([[0, 5]]);
    expect(slideRanges(6, 3)).toEqual([
      [0, 2],
      [3, 5],
    ]);
    expect(slideRanges(7, 3)).toEqual([
      [0, 2],
      [3, 5],
      [6, 6],
    ]);
    expect(slideRanges(2, 5)).toEqual([[0, 1]]);
    expect(slideRanges(0, 3)).toEqual([[0, 0]]);
  });

  it('renders 16:9 slides with the map fitted, title and legend, one per stage range', () => {
    const map = createFromTemplate('airline', 'en');
    const slides = renderSlides(map, defaultRenderOptions('en'), { preset: '1920x1080', stagesPerSlide: 3 });
    expect(slides).toHaveLength(2);
    for (const s of slides) {
      expectSafeSvg(s.svg);
      expect(s.width).toBe(1920);
      expect(s.height).toBe(1080);
      expectHas(s.svg, 'viewBox="0 0 1920 1080"');
      expectHas(s.svg, escapeXml(map.title));
      expectHas(s.svg, 'preserveAspectRatio="xMidYMid meet"');
      expectHas(s.svg, `>${s.index + 1} / 2</text>`);
    }
    expectHas(slides[0]?.svg ?? '', `>${escapeXml(map.stages[0]?.name ?? '')}</text>`);
    expectHasNot(slides[0]?.svg ?? '', `>${escapeXml(map.stages[3]?.name ?? '')}</text>`);
    expectHas(slides[1]?.svg ?? '', `>${escapeXml(map.stages[3]?.name ?? '')}</text>`);
    const uhd = renderSlides(map, defaultRenderOptions('en'), { preset: '3840x2160' });
    expect(uhd).toHaveLength(1);
    expectHas(uhd[0]?.svg ?? '', /^<svg [^>]*width="3840" height="2160" viewBox="0 0 1920 1080"/);
  });
});

import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { buildPptx, deckFont } from '../../src/export/pptx';
import { createFromTemplate } from '../../src/domain/templates';
import { makeMap, goodMot } from './helpers/make-map';

// A 1 × 1 transparent PNG.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function slides(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files)
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => Number(/(\d+)\.xml/.exec(a)?.[1]) - Number(/(\d+)\.xml/.exec(b)?.[1]));
  return Promise.all(names.map((n) => zip.file(n)?.async('string') ?? ''));
}

describe('PPTX deck', () => {
  it('has a title slide, map slides, one slide per chosen MOT and a summary, all as editable text', async () => {
    const map = makeMap({
      title: 'Deck & "test" <map>',
      personas: [{ id: 'p1', name: 'Flyer' }],
      stages: [{ id: 's1', name: 'Board' }, { id: 's2', name: 'Fly' }],
      touchpoints: [
        { id: 't1', stage: 's1', title: 'Gate', value: -2 },
        { id: 't2', stage: 's2', title: 'Meal', value: 3 },
      ],
      mots: [
        goodMot('m1', 't2', { chosen: true, who: 'A weekly flyer <b>', situation: 'Served a meal by name', feeling: 'Known & valued' }),
        goodMot('m2', 't1', { chosen: false }),
        goodMot('m3', 't1', { chosen: true, feeling: '' }),
      ],
    });
    const bytes = (await buildPptx(map, { locale: 'en', mapImages: [{ dataUrl: PNG, width: 1920, height: 1080 }, { dataUrl: PNG, width: 1920, height: 1080 }], date: '1 May 2025' }, 'uint8array')) as Uint8Array;
    const xml = await slides(bytes);
    // title + 2 map slides + 2 chosen MOTs + summary
    expect(xml).toHaveLength(6);
    expect(xml[0]).toContain('Deck &amp; &quot;test&quot; &lt;map&gt;');
    expect(xml[0]).toContain('Exported 1 May 2025');
    expect(xml[1]).toContain('<p:pic>');
    expect(xml[2]).toContain('<p:pic>');
    // Chosen MOTs in number order: m2, m3 (on t1, stage 1) are MOTs 1 and 2, m1 is MOT 3; m2 is not chosen.
    expect(xml[3]).toContain('MOT 2: Gate');
    expect(xml[3]).toContain('not written yet');
    expect(xml[4]).toContain('MOT 3: Meal');
    expect(xml[4]).toContain('A weekly flyer &lt;b&gt;');
    expect(xml[4]).toContain('Served a meal by name');
    expect(xml[4]).toContain('Known &amp; valued');
    expect(xml[4]).toContain('Stage: Fly');
    expect(xml[4]).toContain('latin typeface="Calibri"');
    expect(xml[5]).toContain('Peak–end summary');
    expect(xml[5]).toContain('<a:tbl>');
    expect(xml[5]).toContain('+0.5'); // average of −2 and 3
    expect(xml[5]).toContain('+1.3'); // remembered: (peak 3 + trough −2 + end 3) ÷ 3
    expect(xml[5]).toContain('+0.8'); // difference
    expect(xml[5]).toContain('Peak at Meal (+3)');
  });

  it('writes Chinese decks with Microsoft YaHei', async () => {
    const map = createFromTemplate('hotel', 'zh-CN');
    const bytes = (await buildPptx(map, { locale: 'zh-CN', mapImages: [{ dataUrl: PNG, width: 1920, height: 1080 }] }, 'uint8array')) as Uint8Array;
    const xml = await slides(bytes);
    const chosen = map.mots.filter((m) => m.chosen).length;
    expect(xml).toHaveLength(1 + 1 + chosen + 1);
    expect(deckFont('zh-CN')).toBe('Microsoft YaHei');
    expect(xml[0]).toContain(map.title);
    expect(xml[2]).toContain('关键时刻');
    expect(xml[2]).toContain('typeface="Microsoft YaHei"');
    expect(xml.at(-1)).toContain('峰终总结');
    expect(xml.at(-1)).toContain('峰值在');
  });
});

import { describe, expect, it } from 'vitest';
import { CANVAS_LIMITS, fitScale } from '../../src/export/rasterize';

describe('canvas limits', () => {
  it('keeps the requested scale when it fits', () => {
    expect(fitScale(2000, 1200, 2)).toEqual({ scale: 2, reduced: false, width: 4000, height: 2400 });
    expect(fitScale(1000, 800, 3)).toEqual({ scale: 3, reduced: false, width: 3000, height: 2400 });
  });

  it('reduces the scale to respect 16 384 px a side', () => {
    const fit = fitScale(18_000, 2000, 2);
    expect(fit.reduced).toBe(true);
    expect(fit.width).toBeLessThanOrEqual(CANVAS_LIMITS.maxSide);
    expect(fit.scale).toBeCloseTo(0.91, 2);
  });

  it('reduces the scale to respect 268 M pixels', () => {
    const fit = fitScale(10_000, 9_000, 3);
    expect(fit.reduced).toBe(true);
    expect(fit.width * fit.height).toBeLessThanOrEqual(CANVAS_LIMITS.maxPixels);
    expect(fit.width).toBeLessThanOrEqual(CANVAS_LIMITS.maxSide);
    expect(fit.height).toBeLessThanOrEqual(CANVAS_LIMITS.maxSide);
  });

  it('honours custom limits', () => {
    expect(fitScale(100, 100, 3, { maxSide: 150, maxPixels: 1e9 })).toEqual({ scale: 1.5, reduced: true, width: 150, height: 150 });
  });
});

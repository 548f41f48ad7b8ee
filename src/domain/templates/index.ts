/**
 * The built-in templates. Each is one bilingual data table, built into a map in the requested locale
 * with fresh ids on every call.
 */
import { z } from 'zod';
import type { JourneyMap, Locale } from '../schema';
import { airlineTemplate } from './airline';
import { hotelTemplate } from './hotel';

export { airlineTemplate } from './airline';
export { hotelTemplate } from './hotel';

export const TEMPLATE_IDS = ['airline', 'hotel'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
export const templateIdSchema = z.enum(TEMPLATE_IDS);

export interface TemplateInfo {
  name: Record<Locale, string>;
  description: Record<Locale, string>;
}

/** Names and one-line descriptions for a template picker. */
export const TEMPLATES: Record<TemplateId, TemplateInfo> = {
  airline: {
    name: { en: 'Airline passenger journey', 'zh-CN': '航空旅客旅程' },
    description: {
      en: 'Six stages from booking to arrival, a frequent business flyer and a family on holiday, with sample Moments of Truth such as the business-class turn-down service.',
      'zh-CN': '从订票到抵达共六个阶段，包含高频商务旅客和度假家庭两类画像，以及商务舱铺床服务等示例关键时刻。',
    },
  },
  hotel: {
    name: { en: 'Hotel guest journey', 'zh-CN': '酒店宾客旅程' },
    description: {
      en: "Four stages from booking to checkout, a business guest and a couple on a weekend stay, with sample Moments of Truth such as a room prepared to the guest's known preferences.",
      'zh-CN': '从预订到退房共四个阶段，包含商务客和周末度假的夫妻两类画像，以及按宾客偏好提前布置客房等示例关键时刻。',
    },
  },
};

const BUILDERS: Record<TemplateId, (locale: Locale, now?: Date) => JourneyMap> = {
  airline: airlineTemplate,
  hotel: hotelTemplate,
};

/** A new map from a template, in `locale`: fresh unguessable ids every call, createdAt = updatedAt = `now`. */
export function createFromTemplate(id: TemplateId, locale: Locale, now: Date = new Date()): JourneyMap {
  return BUILDERS[id](locale, now);
}

import { findSlogans } from '../places.js';
import { perParagraph } from '../text.js';
import type { Rule } from '../types.js';

/**
 * Slogans of another province: “<place>精神” (新时代贵州精神, 浙江精神) and the table's regional
 * slogans (蒙古马精神, 八八战略). The spirits of the 中国共产党人精神谱系 (红船精神, 井冈山精神,
 * 延安精神 …) belong to every place and are never reported.
 */
export const regionalSlogan: Rule = {
  id: 'regional-slogan',
  severity: 'warning',
  description: '外省的地方精神或口号：新时代贵州精神、浙江精神、蒙古马精神、八八战略一类；中国共产党人精神谱系中的精神（红船精神、井冈山精神、延安精神……）不算；未声明地区时不查',
  check: perParagraph((text, context) => {
    const province = context.province;
    if (!province) return [];
    return findSlogans(text)
      .filter((s) => s.province !== province)
      .map((s) => ({
        offset: s.offset,
        text: s.text,
        message: `出现外省的地方精神“${s.text}”（${s.province.short}），本清单的地区是${province.short}：应为本地的提法，或删去`,
      }));
  }),
};

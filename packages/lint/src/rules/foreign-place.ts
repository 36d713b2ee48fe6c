import { findPlaces, findSlogans, type PlaceMention } from '../places.js';
import { perParagraph } from '../text.js';
import type { ResolvedContext, Rule } from '../types.js';

/** Why a place is foreign to the declared context, or `undefined` when it is local. */
function foreignness(m: PlaceMention, context: ResolvedContext): string | undefined {
  const { province, city } = context;
  if (!province) return undefined;
  if (m.province !== province) return `本清单的地区是${province.short}`;
  if (city && m.prefecture && m.prefecture !== city) return `本清单的地区是${city.province.short}${city.name}`;
  return undefined;
}

/**
 * Provinces and prefecture-level cities that are not the declared ones (and not inside them):
 * place names carried over from another place's sample text. A place inside a regional slogan is
 * left to `regional-slogan`; places inside a national spirit (延安精神) are never foreign.
 */
export const foreignPlace: Rule = {
  id: 'foreign-place',
  severity: 'warning',
  description: '外地地名：不是所声明的省（市）或其下属地级市的省级、地级地名（依 GB/T 2260 行政区划）；中国共产党人精神谱系中的地名（延安精神、大庆精神）不算；未声明地区时不查（见 mixed-places）',
  check: perParagraph((text, context) => {
    if (!context.province) return [];
    const slogans = findSlogans(text);
    return findPlaces(text)
      .filter((m) => !slogans.some((s) => m.offset >= s.offset && m.offset < s.offset + s.text.length))
      .flatMap((m) => {
        const why = foreignness(m, context);
        if (why === undefined) return [];
        const full = m.prefecture ? `${m.province.short}${m.prefecture.name}` : m.province.name;
        return [{ offset: m.offset, text: m.text, message: `出现外地地名“${m.text}”（${full}），${why}：应为本地的名称，或核对是否从外地范文带来` }];
      });
  }),
};

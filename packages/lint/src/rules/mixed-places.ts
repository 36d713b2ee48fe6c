import { findPlaces, type Province } from '../places.js';
import type { Hit, Rule } from '../types.js';

/**
 * Without a declared place: a list that names places of more than one province was probably put
 * together from other places' samples. Each province's first mention is reported.
 */
export const mixedPlaces: Rule = {
  id: 'mixed-places',
  severity: 'warning',
  description: '未声明地区时，同一份清单出现了两个以上省份的地名（可能是从不同地方的范文拼来的）；声明了 --province 时由 foreign-place 检查',
  check(paragraphs, context) {
    if (context.province) return [];
    const first = new Map<Province, Hit & { name: string }>();
    for (const [i, p] of paragraphs.entries()) {
      for (const m of findPlaces(p.text)) {
        if (!first.has(m.province)) first.set(m.province, { paragraph: i, offset: m.offset, text: m.text, message: '', name: m.province.short });
      }
    }
    if (first.size < 2) return [];
    const names = [...first.values()].map((h) => h.name).join('、');
    return [...first.values()].map(({ name, ...h }) => ({
      ...h,
      message: `出现多个省份的地名（${names}），此处为“${h.text}”（${name}）：应只有本地的地名，请核对是否从外地范文带来`,
    }));
  },
};

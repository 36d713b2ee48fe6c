import { perParagraph, spans } from '../text.js';
import type { Rule } from '../types.js';

const BODY = '(?:自治区|[省市区县旗])?(?:政协|人大常委会|人大)(?:党组)?';
/**
 * Sentences that make a body the unit's superior: it reports to it (请示报告, or reports how it
 * carries out 全面从严治党), joins its leadership's 民主生活会, or is led by it. 人大 may hear a
 * government organ's work report and supervise it (向人大常委会报告工作, 接受人大监督): those
 * sentences are not matched.
 */
const PATTERNS = [
  new RegExp(`(?<=向)${BODY}(?=请示报告|请示|报告重大事项|报告[^。；]{0,20}(?:全面从严治党|主体责任|党风廉政))`, 'gu'),
  new RegExp(`(?<=参加)${BODY}(?=领导班子(?:专题)?民主生活会|民主生活会)`, 'gu'),
  new RegExp(`(?<=接受)${BODY}(?=(?:的)?(?:统一)?领导)`, 'gu'),
  new RegExp(`(?<=在)${BODY}(?=(?:的)?(?:统一)?领导下)`, 'gu'),
];

/** A 政协 or 人大 named as the body the unit's leaders report to or are led by. */
export const superiorBody: Rule = {
  id: 'superior-body',
  severity: 'warning',
  description: '把政协、人大写成本单位请示报告、参加其民主生活会或接受其领导的上级机关（应为上级党委）；政协、人大自身的机关不查，单位未知时不查',
  check: perParagraph((text, context) => {
    const { unit, level } = context;
    if (unit === undefined || /政协|人大/u.test(unit)) return [];
    return PATTERNS.flatMap((re) => spans(re, text)).map((m) => ({
      offset: m.offset,
      text: m.text,
      message: `出现“${m.text}”作为本单位的上级机关，${unit}的上级是党委：应为${level !== undefined ? `“${level}委”` : '上级党委（如“区委”）'}`,
      ...(level !== undefined ? { suggestion: `${level}委` } : {}),
    })).sort((a, b) => a.offset - b.offset);
  }),
};

import { perParagraph, spans } from '../text.js';
import type { Rule } from '../types.js';

/** “同志同志”: a name entered with 同志 into a text that adds 同志 again. */
export const doubledTongzhi: Rule = {
  id: 'doubled-tongzhi',
  severity: 'error',
  description: '“同志同志”（姓名已带“同志”，条款又加了一次）',
  check: perParagraph((text) =>
    spans(/同志同志/gu, text).map((m) => ({ offset: m.offset, text: m.text, message: '出现“同志同志”，应为“同志”', suggestion: '同志' })),
  ),
};

import { findPlaceholders } from '../placeholders.js';
import { perParagraph, spans } from '../text.js';
import type { Rule } from '../types.js';

/** A Handlebars placeholder that was never filled: `{{unit_name}}`. */
const MUSTACHE = /\{\{[^{}]*\}\}/gu;

/** Placeholders left in the text: XX, XXX, ××, ＸＸ, 某某, □□, ____, （单位名称）/【姓名】-style hints, `{{…}}`. */
export const placeholder: Rule = {
  id: 'placeholder',
  severity: 'error',
  description: '残留的占位符：XX、XXX、××、ＸＸ、某某、□□、○○、____、【单位名称】（姓名）一类的填写提示、{{…}}',
  check: perParagraph((text) => [
    ...findPlaceholders(text).map((t) => ({
      offset: t.start,
      text: t.token,
      message: t.kind === 'hint' ? `出现待填写的提示“${t.token}”，应为实际内容` : `出现残留的占位符“${t.token}”，应为实际内容`,
    })),
    ...spans(MUSTACHE, text).map((m) => ({ offset: m.offset, text: m.text, message: `出现未填写的模板变量“${m.text}”，应为实际内容` })),
  ]),
};

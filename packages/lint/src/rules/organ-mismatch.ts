import type { OrganKind } from '@qingdan/model';
import { perParagraph, spans } from '../text.js';
import type { Rule } from '../types.js';

/** Words of a school's list (its leadership, its people). */
const SCHOOL = /校领导班子|校党委|校长办公会|全校|师生|教职员工|教职工/gu;
/** Words of a bureau's list (局's Party group, leadership, organ); not after 各 (“各局党组”: the bureaus it guides). */
const BUREAU = /(?<!各)局(?:党组|党委|领导班子|长办公会|机关)/gu;
/** Organs of education, which speak of schools' teachers and pupils as their own work. */
const EDUCATION = /教育|教体|教委|教工委/u;

const ORGAN_NAME: Record<OrganKind, string> = { 机关: '机关', 学校: '学校', 医院: '医院', 街道乡镇: '街道（乡镇）' };

/**
 * Words of one kind of unit in another's list: 校领导班子 / 师生 / 教职工 in an organ's, hospital's
 * or township's list (an education organ's excepted), and 局党组 / 局领导班子 in a school's,
 * hospital's or township's list or in the list of an organ that is no 局.
 */
export const organMismatch: Rule = {
  id: 'organ-mismatch',
  severity: 'warning',
  description: '与单位类型不符的用语：机关（教育部门除外）、医院、街道乡镇的清单中出现“校领导班子”“师生”“教职工”；学校、医院、街道乡镇或名称中没有“局”的机关的清单中出现“局党组”“局领导班子”；单位类型未知时不查',
  check: perParagraph((text, context) => {
    const { organ, unit } = context;
    if (!organ) return [];
    const who = `本单位是${ORGAN_NAME[organ]}${unit !== undefined ? `（${unit}）` : ''}`;
    const school =
      organ !== '学校' && !(unit !== undefined && EDUCATION.test(unit))
        ? spans(SCHOOL, text).map((m) => ({ offset: m.offset, text: m.text, message: `出现学校的用语“${m.text}”，${who}：应为本单位的说法（如“局党组会议”“干部职工”）` }))
        : [];
    const bureau =
      organ !== '机关' || (unit !== undefined && !unit.includes('局'))
        ? spans(BUREAU, text).map((m) => ({ offset: m.offset, text: m.text, message: `出现“${m.text}”，${who}：应为本单位党组织或领导班子的名称` }))
        : [];
    return [...school, ...bureau].sort((a, b) => a.offset - b.offset);
  }),
};

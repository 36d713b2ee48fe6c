/**
 * A leader's role in 全面从严治党 and how it follows from the 职务 (position) written in a roster.
 *
 * The party rules distinguish three kinds of responsibility, and a responsibility list is written
 * for one of them (《党委（党组）落实全面从严治党主体责任规定》(2020) 第二章“责任内容”;
 * 《中国共产党纪律检查委员会工作条例》(2021)):
 * - `secretary` 主要负责人: the 党委（党组）书记, 第一责任人 of the unit's 主体责任;
 * - `member` 班子成员: every other member of the leadership team, 一岗双责, 重要领导责任 for
 *   the divisions he or she supervises;
 * - `inspector` 纪检监察: the discipline-inspection leader (纪检监察组组长, 纪委书记), 监督责任.
 *
 * Pure: no I/O, no templates. The engine and the roster check both call {@link leaderRoleOf}, so a
 * roster row and the document made from it always agree on the role.
 */
import { z } from 'zod';
import type { Value } from './schema.js';

/** The three roles: `secretary` (主要负责人), `member` (班子成员), `inspector` (纪检监察). */
export const LeaderRole = z.enum(['secretary', 'member', 'inspector']);
/** `secretary | member | inspector`. */
export type LeaderRole = z.infer<typeof LeaderRole>;

/** The Chinese name of each role: the options of a template's 责任类别 variable and what users read. */
export const LEADER_ROLE_NAMES: Readonly<Record<LeaderRole, string>> = {
  secretary: '主要负责人',
  member: '班子成员',
  inspector: '纪检监察',
};

/**
 * The option of a 责任类别 variable that means "not given: derive it from the 职务". A choice
 * prompt (interview, web form) cannot be left blank, so the choice needs a value for "derive".
 */
export const ROLE_FROM_POSITION = '按职务确定';

/** Every option a 责任类别 variable may offer: {@link ROLE_FROM_POSITION} and the three role names. */
export const LEADER_ROLE_OPTIONS: readonly string[] = [ROLE_FROM_POSITION, ...Object.values(LEADER_ROLE_NAMES)];

/** The role a Chinese role name stands for (`主要负责人` → `secretary`), or undefined for any other text. */
export function roleFromName(name: string): LeaderRole | undefined {
  const entry = Object.entries(LEADER_ROLE_NAMES).find(([, n]) => n === name.trim());
  return entry ? (entry[0] as LeaderRole) : undefined;
}

/** Titles of a unit's head (正职). A title is a head's when it is one of these, alone or after the unit's name. */
const HEAD_TITLES = ['局长', '主任', '院长', '校长', '部长', '厅长', '处长', '馆长', '所长', '站长', '行长', '社长', '署长', '台长', '会长', '主席', '检察长', '理事长', '董事长', '总经理'];
/** How the unit's name ends when it comes before a head title (区统计局局长, 管委会主任): not a 科室 (办公室主任). */
const UNIT_ENDINGS = /(局|委|委员会|院|校|部|厅|处|馆|所|站|行|社|署|台|会|公司)$/u;
/** Party bodies whose 书记 is not the unit's head: the organ's own committees and branches. */
const ORGAN_BODY = /机关(党委|党总支|党支部|纪委)?/u;

type TitleKind = 'secretary' | 'deputy-secretary' | 'inspector' | 'head' | 'other';

function classifyTitle(title: string): TitleKind {
  if (/纪检|纪委|纪工委|监察组|监察专员/u.test(title)) return 'inspector';
  if (/副书记$/u.test(title)) return ORGAN_BODY.test(title) ? 'other' : 'deputy-secretary';
  if (/书记$/u.test(title)) return ORGAN_BODY.test(title) ? 'other' : 'secretary';
  if (/主持工作/u.test(title)) return 'head';
  if (title.includes('副')) return 'other';
  const head = HEAD_TITLES.find((h) => title.endsWith(h));
  if (head === undefined) return 'other';
  const prefix = title.slice(0, -head.length);
  return prefix === '' || UNIT_ENDINGS.test(prefix) ? 'head' : 'other';
}

/**
 * The role that a 职务 (position) implies, or undefined when the position is blank.
 *
 * The position is split into titles at 、，,；;/ and spaces (full-width brackets are kept with their
 * title, so “副局长（主持工作）” stays one title). Then:
 * - 主要负责人 (`secretary`) when a title is a 书记 that is not 副书记 nor of the organ's own bodies
 *   (机关党委书记 is a 班子成员), or a 正职 title (局长, 主任, 院长 … alone or after the unit's name,
 *   not 办公室主任), or says 主持工作 — unless a title is 党组（党委）副书记: in a unit whose 书记 and
 *   局长 are two people, the 局长 is 党组副书记 and the 第一责任人 is the 书记
 *   (《党委（党组）落实全面从严治党主体责任规定》第二章: 党委（党组）书记是第一责任人);
 * - otherwise 纪检监察 (`inspector`) when a title names discipline inspection (纪检监察组组长,
 *   纪检组长, 纪委书记, 监察专员);
 * - otherwise 班子成员 (`member`): 副局长, 党组成员, 总经济师, 二级调研员 ….
 *
 * @param position - the 职务 as written, e.g. `党组书记、局长`, `党组成员、副局长`, `纪检监察组组长`
 * @returns the role, or undefined when `position` has no title at all
 * @example roleFromPosition('党组书记、局长') // 'secretary'
 * @example roleFromPosition('党组副书记、局长') // 'member'
 * @example roleFromPosition('区纪委监委派驻第三纪检监察组组长') // 'inspector'
 */
export function roleFromPosition(position: string): LeaderRole | undefined {
  const titles = position
    .split(/[、，,；;/／\s]+/u)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (titles.length === 0) return undefined;
  const kinds = titles.map(classifyTitle);
  if (kinds.includes('secretary')) return 'secretary';
  if (kinds.includes('head') && !kinds.includes('deputy-secretary')) return 'secretary';
  if (kinds.includes('inspector')) return 'inspector';
  return 'member';
}

/** Where a leader's role came from: the 责任类别 given, the 职务, or neither (then 班子成员). */
export type LeaderRoleSource = 'given' | 'position' | 'default';

/**
 * A leader's role from the answers: the 责任类别 when it names a role, else the role its 职务
 * implies ({@link roleFromPosition}), else 班子成员 (`member`), the role of most leaders — the
 * caller should then warn that neither was given.
 *
 * @param role - the value of the 责任类别 variable (a role name, {@link ROLE_FROM_POSITION} or absent)
 * @param position - the value of the 职务 variable (absent or blank when not given)
 * @returns the role and where it came from
 * @example leaderRoleOf('按职务确定', '党组书记、局长') // { role: 'secretary', source: 'position' }
 */
export function leaderRoleOf(role: Value | undefined, position: Value | undefined): { role: LeaderRole; source: LeaderRoleSource } {
  const given = typeof role === 'string' ? roleFromName(role) : undefined;
  if (given) return { role: given, source: 'given' };
  const derived = typeof position === 'string' ? roleFromPosition(position) : undefined;
  if (derived) return { role: derived, source: 'position' };
  return { role: 'member', source: 'default' };
}

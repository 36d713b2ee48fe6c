/**
 * The declared context of a list, looked up and completed: the province and city found in the
 * divisions table, the unit's kind and level inferred from its name when not declared, the year
 * read from the title when not declared.
 */
import { AdminLevel, type Answers, type Issue, LintContext, type LintFinding, type OrganKind, type Template } from '@qingdan/model';
import { findPlaces, findPrefecture, findProvince } from './places.js';
import type { ResolvedContext } from './types.js';

/** Unit names of schools (党校 included: it has 校委, 教职工 and 学员 like a school). */
const SCHOOL = /学校|学院|大学|中学|小学|幼儿园|党校|职校|技校/u;
const HOSPITAL = /医院|卫生院/u;
const TOWNSHIP = /(?:街道|[乡镇])(?:办事处|人民政府|党委|党工委)?$/u;
/** 局/委/办/中心 and the other endings of organs' names (厅, 部, 室, 署, 联, 会). */
const ORGAN = /(?:局|委|委员会|办|办公室|中心|厅|部|室|署|联|会)$/u;

/**
 * The kind of unit a name says: 学校 (学校, 学院, 大学, 党校 …), 医院, 街道乡镇 (… 街道, … 乡, … 镇),
 * 机关 (… 局, … 委, … 办, … 中心, … 厅, … 部); `undefined` when the name says none of these.
 * @example organOf('区发展和改革局') // '机关'
 */
export function organOf(unit: string): OrganKind | undefined {
  if (SCHOOL.test(unit)) return '学校';
  if (HOSPITAL.test(unit)) return '医院';
  if (TOWNSHIP.test(unit)) return '街道乡镇';
  if (ORGAN.test(unit)) return '机关';
  return undefined;
}

/**
 * The administrative level a unit's name says, from its first character (省, 市, 县 and 旗, 区;
 * a name starting with 自治区 is province level), or from the declared county's last character.
 * In the five autonomous regions a leading 区 may mean the 自治区 itself (区直机关, 区委), so there
 * — and when the province is not known — 区 alone says nothing.
 */
function levelOf(unit: string | undefined, county: string | undefined, autonomousRegion: boolean, provinceKnown: boolean): AdminLevel | undefined {
  const byCounty = (c: string): AdminLevel | undefined => (c.endsWith('区') ? '区' : /[县旗市]$/u.test(c) ? '县' : undefined);
  if (unit !== undefined) {
    if (county !== undefined && unit.startsWith(county)) return byCounty(county);
    if (unit.startsWith('自治区')) return '省';
    const first = unit[0];
    if (first === '省') return '省';
    if (first === '市') return '市';
    if (first === '县' || first === '旗') return '县';
    if (first === '区' && provinceKnown && !autonomousRegion) return '区';
  }
  return county !== undefined ? byCounty(county) : undefined;
}

/** The year in the title: the first “20xx年” of the first three paragraphs. */
function yearOfTitle(paragraphs: readonly { text: string }[]): number | undefined {
  for (const p of paragraphs.slice(0, 3)) {
    const m = /(?<!\d)((?:19|20)\d{2})\s*年/u.exec(p.text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/**
 * Looks up and completes a declared context.
 *
 * - `province`, `city`: found in the divisions table by short or full name; a city alone gives
 *   its province; a unit whose name starts with a place (`杭州市西湖区…`) gives them too.
 * - `organ`: declared, else {@link organOf} the unit.
 * - `level`: declared, else from the unit's name (see `levelOf`: never from 区 alone in an
 *   autonomous region) or the county's.
 * - `year`: declared, else the first year in the first three paragraphs (the title).
 *
 * @param context - what the caller declares
 * @param paragraphs - the document's paragraphs, for the year of the title
 * @returns the completed context, and every problem with what was declared (Chinese, with the
 *   field in `where`): an unknown province or city, a city not in the province, a bad level
 */
export function resolveContext(context: LintContext, paragraphs: readonly { text: string }[] = []): { context: ResolvedContext; issues: Issue[] } {
  const issues: Issue[] = [];
  const parsed = LintContext.safeParse(context);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const field = String(i.path[0] ?? '');
      issues.push({
        message: field === 'level' ? `级别“${String(context.level)}”不对：应为 ${AdminLevel.options.join('、')} 之一` : `${field} 的值不对：${i.message}`,
        where: { field },
      });
    }
  }
  const c = parsed.success ? parsed.data : {};
  let province = c.province !== undefined ? findProvince(c.province) : undefined;
  if (c.province !== undefined && !province) {
    issues.push({ message: `没有名为“${c.province}”的省级行政区：应为省、自治区或直辖市的名称，如“浙江”“内蒙古”“北京”（港澳台不在表中）`, where: { field: 'province' } });
  }
  let city = c.city !== undefined ? findPrefecture(c.city, province) : undefined;
  if (c.city !== undefined && !city) {
    const elsewhere = province ? findPrefecture(c.city) : undefined;
    issues.push({
      message: elsewhere
        ? `“${c.city}”属于${elsewhere.province.short}，不在${province?.short ?? ''}：请核对省和市`
        : `没有名为“${c.city}”的地级行政区：应为地级市、地区、自治州或盟的名称，如“杭州”“锡林郭勒盟”（直辖市的区县请用 --county）`,
      where: { field: 'city' },
    });
  }
  // The unit's own name may say where it is: 杭州市西湖区发展和改革局.
  if (c.unit !== undefined && (!province || !city)) {
    const first = findPlaces(c.unit)[0];
    if (first && first.offset === 0 && (!province || first.province === province)) {
      province ??= first.province;
      if (first.prefecture && !city) city = first.prefecture;
    }
  }
  if (city && !province) province = city.province;
  const autonomousRegion = province?.kind === 'autonomous-region';
  const unit = c.unit;
  const organ = c.organ ?? (unit !== undefined ? organOf(unit) : undefined);
  const level = c.level ?? levelOf(unit, c.county, autonomousRegion, province !== undefined);
  const titleYear = c.year === undefined ? yearOfTitle(paragraphs) : undefined;
  const year = c.year ?? titleYear;
  const leader = c.leader?.replace(/同志$/u, '');
  return {
    context: {
      ...(province ? { province } : {}),
      ...(city ? { city } : {}),
      ...(c.county !== undefined ? { county: c.county } : {}),
      ...(unit !== undefined ? { unit } : {}),
      ...(leader ? { leader } : {}),
      ...(year !== undefined ? { year, yearFrom: c.year !== undefined ? ('declared' as const) : ('title' as const) } : {}),
      ...(level ? { level } : {}),
      ...(organ ? { organ } : {}),
      autonomousRegion,
      municipality: province?.kind === 'municipality',
    },
    issues,
  };
}

/** A proofreading context taken from a document's answers, and findings about the answers themselves. */
export interface AnswersContext {
  /** What to pass to `lintDocument`'s context: `{ province }` when one is known, else `{}`. */
  context: LintContext;
  /** A `context` warning when the province answered is not in the divisions table (GB/T 2260), else none. */
  findings: LintFinding[];
}

/**
 * The context a unit's documents are proofread in, taken from its answers: the province (the
 * first template variable with role `province` that has an answer), so that the place names and
 * regional slogans of other provinces are found. A province the divisions table does not know is
 * left out, with a warning finding (rule `context`, where `花名册`) that says so.
 *
 * @param templates - the templates whose variables name the province (any of a unit's)
 * @param answers - the unit's answers, keyed by variable key
 * @returns the context and the findings about it; never throws
 */
export function contextFromAnswers(templates: readonly Template[], answers: Answers): AnswersContext {
  for (const t of templates) {
    const v = t.variables.find((x) => x.role === 'province');
    const value = v ? answers[v.key] : undefined;
    if (typeof value !== 'string' || value.trim() === '') continue;
    const province = value.trim();
    const { issues } = resolveContext({ province });
    if (issues.length === 0) return { context: { province }, findings: [] };
    return {
      context: {},
      findings: issues.map((i) => ({
        rule: 'context',
        severity: 'warning' as const,
        message: `${v?.label ?? '省份'}“${province}”无法识别，外地地名与口号未能检查：${i.message}`,
        paragraph: 1,
        offset: 0,
        text: province,
        where: '花名册',
        excerpt: province,
      })),
    };
  }
  return { context: {}, findings: [] };
}

import type { AdminLevel } from '@qingdan/model';
import { perParagraph, spans } from '../text.js';
import type { ResolvedContext, Rule } from '../types.js';

/**
 * 省委 / 市委 / 区委 / 县委 / 旗委 and 省直 / 市直 / 区直 / 县直 / 旗直. Not when 区/市 ends another
 * word (社区, 辖区, 山区, 城市, 超市 …), not 委员 (市委员会 is the 市委 itself, written out), not
 * 直接 / 直达 …, not after 各 (“各区委”: the committees it guides).
 */
const TERM = /(?<![社城街园景片辖小各地山郊灾牧林矿新老边苏战超股楼夜集上都])([省市区县旗])(?:委(?!员)|直(?![接到至达播观面击言通]))/gu;

const RANK: Record<string, number> = { 省: 0, 市: 1, 县: 2, 区: 2, 旗: 2 };

/** Why a 委 / 直 term does not fit, or `undefined` when it does. */
function misfit(place: string, kind: '委' | '直', context: ResolvedContext): { why: string; suggestion?: string } | undefined {
  const { level, autonomousRegion, municipality } = context;
  // In an autonomous region 区委 and 区直 may mean the 自治区's: never reported there.
  if (autonomousRegion && place === '区') return undefined;
  if (place === '省' && (autonomousRegion || municipality)) {
    const own = autonomousRegion ? '区' : '市';
    return { why: `${context.province?.short ?? ''}是${autonomousRegion ? '自治区' : '直辖市'}，没有“省${kind}”`, suggestion: `${own}${kind}` };
  }
  if (level === undefined) return undefined;
  const same = (p: string, l: AdminLevel): boolean => p === l || (l === '县' && p === '旗');
  if (kind === '直') return same(place, level) ? undefined : { why: `本单位是${level}级`, suggestion: `${level === '县' && place === '旗' ? '旗' : level}直` };
  // 委: the Party committees at the unit's level and above are its own; one below or beside is carried over.
  if (same(place, level) || (RANK[place] ?? 9) < (RANK[level] ?? 9)) return undefined;
  if (place === '区' && level === '县' && autonomousRegion) return undefined;
  return { why: `本单位是${level}级`, suggestion: `${level}委` };
}

/** 区委/市委/县委 and 区直/市直 that do not match the unit's level (careful with 自治区, 直辖市). */
export const organLevel: Rule = {
  id: 'organ-level',
  severity: 'warning',
  description: '与单位级别不符的“X委”“X直”：本级以下或平级的其他党委（区级清单中的“县委”），其他级别的机关系统（区级清单中的“市直”）；自治区的“区委”“区直”可能指自治区，不查；自治区、直辖市中的“省委”“省直”；级别未知时只查后一项',
  check: perParagraph((text, context) =>
    spans(TERM, text).flatMap((m) => {
      const place = m.groups[0] ?? '';
      const kind = m.text.endsWith('直') ? '直' : '委';
      const bad = misfit(place, kind, context);
      if (!bad) return [];
      const unit = context.unit !== undefined ? `（${context.unit}）` : '';
      return [
        {
          offset: m.offset,
          text: m.text,
          message: `出现“${m.text}”，${bad.why}${unit}：应为${bad.suggestion !== undefined ? `“${bad.suggestion}”` : '本级的名称'}`,
          ...(bad.suggestion !== undefined ? { suggestion: bad.suggestion } : {}),
        },
      ];
    }),
  ),
};

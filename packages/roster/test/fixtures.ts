/**
 * Test fixtures: the repository's two templates and small rosters built cell by cell, with every
 * required column filled from one plausible unit unless a test says otherwise.
 */
import { join } from 'node:path';
import { loadTemplates } from '@qingdan/template-files';
import { rosterColumns } from '@qingdan/roster';

export const root = join(import.meta.dirname, '..', '..', '..');
export const templates = [...loadTemplates(join(root, 'templates')).values()];
export const columns = rosterColumns(templates);
export const labels = columns.map((c) => c.label);

/** The spreadsheet column letter of a header in the fixtures' full header row (A … Z, AA …). */
export function col(label: string): string {
  let s = '';
  for (let n = labels.indexOf(label) + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Unit values by label (every required unit column), as typed in a sheet. */
export const BASE: Record<string, string> = {
  年度: '2025',
  '本单位党组（党委）': '局党组',
  上级党委: '区委',
  请示报告的上级机关: '区委',
  '地方党委（相关规定）': '省委、市委、区委',
  领导班子会议名称: '局党组会议',
  弘扬的地方精神: '红船精神',
  '辖区（全区／全市）': '全区',
  基层党建融入的重大任务: '营商环境优化',
  机关系统: '区直机关',
  机关工委: '区直机关工委',
  模范机关创建名称: '清廉机关',
  党支部创建品牌: '五星级党支部',
  '省（自治区、直辖市）': '浙江',
  是否民族地区: '否',
  本地专项行动: '深化“三个年”活动',
  作风整治抓手: '三服务',
  发展党员工作流程: '“五步二十五环节”工作流程',
  党建信息化平台: '智慧党建平台',
  '达标党支部比例（%）': '60',
};

export type Cells = Record<string, string>;

/** 职务 of a unit's 主要负责人 and of another leader (each unit has exactly one 主要负责人). */
export const HEAD: Cells = { 职务: '党组书记、局长' };
export const MEMBER: Cells = { 职务: '党组成员、副局长' };

/** A leader row with the unit's values filled in. */
export function leaderRow(unit: string, leader: string, divisions: string, more: Cells = {}): Cells {
  return { ...BASE, 单位名称: unit, 班子成员姓名: leader, 分管科室: divisions, ...more };
}

/** A grid: the header (all columns unless `header` is given) and one array per row. */
export function grid(rows: Cells[], header: string[] = labels): string[][] {
  return [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))];
}

/** CSV text of a grid (fields quoted when needed), CRLF line ends. */
export function csvText(g: string[][], delimiter = ','): string {
  const field = (s: string): string => (/[",\r\n]/u.test(s) || s.includes(delimiter) ? `"${s.replace(/"/gu, '""')}"` : s);
  return `${g.map((r) => r.map(field).join(delimiter)).join('\r\n')}\r\n`;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The units without row numbers, for comparing rosters read from different formats. */
export function withoutRows<T extends { row: number; leaders: { row: number }[] }>(units: T[]): unknown[] {
  return units.map((u) => ({ ...u, row: 0, leaders: u.leaders.map((l) => ({ ...l, row: 0 })) }));
}

/** The messages of a roster's issues. */
export const messages = (r: { issues: { message: string }[] }): string[] => r.issues.map((i) => i.message);

/** YAML: every required value shared by the units, at the top of a roster. */
export const YAML_SHARED = `年度: 2025
上级党委: 区委
请示报告的上级机关: 区委
地方党委（相关规定）: 省委、市委、区委
弘扬的地方精神: 红船精神
辖区（全区／全市）: 全区
机关系统: 区直机关
机关工委: 区直机关工委
模范机关创建名称: 清廉机关
党支部创建品牌: 五星级党支部
省（自治区、直辖市）: 浙江
是否民族地区: 否
本地专项行动: 深化“三个年”活动
作风整治抓手: 三服务
发展党员工作流程: 五步法
党建信息化平台: 智慧党建平台
达标党支部比例（%）: 60
`;
/** YAML: the remaining required values of one unit, indented for a `单位:` entry. */
export const YAML_UNIT = `    本单位党组（党委）: 局党组
    领导班子会议名称: 局党组会议
    基层党建融入的重大任务: 统计数据质量提升
`;

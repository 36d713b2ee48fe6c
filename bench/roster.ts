/**
 * A synthetic roster for the benchmark: `leaders` leaders spread evenly over `units` units, with
 * the shipped templates' example values for everything else. Deterministic (same input → same roster).
 */
import { exampleAnswers } from '@qingdan/engine';
import type { Answers, Template } from '@qingdan/model';
import type { PlanRoster } from '@qingdan/batch';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '建国志强海燕丽华伟明秀英小红永刚玉兰文杰晓东春梅国平卫东红霞德胜金凤桂芳家豪子涵思远雨萱博文欣怡';
const UNITS = [
  '发展和改革局', '财政局', '教育局', '科学技术局', '工业和信息化局', '公安分局', '民政局', '司法局', '人力资源和社会保障局', '自然资源局',
  '生态环境分局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局', '文化和旅游局', '卫生健康局', '退役军人事务局', '应急管理局',
  '审计局', '市场监督管理局', '统计局', '医疗保障局', '信访局', '城市管理局', '林业局', '粮食和物资储备局', '地方金融监督管理局', '数据资源局',
  '档案馆', '党校', '融媒体中心', '总工会', '团委', '妇联', '科协', '残联', '工商联', '红十字会',
  '机关事务服务中心', '政务服务中心', '住房公积金中心', '供销合作社', '投资促进局', '行政审批局', '民族宗教事务局', '体育局', '人民法院', '人民检察院',
];
const DIVISIONS = ['办公室', '财务科', '人事科', '法规科', '综合科', '规划科', '审批科', '督查室', '机关党委', '信息中心', '安全监管科', '宣传科'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Unit-scope example values of all templates. */
function unitBase(templates: readonly Template[]): Answers {
  const out: Answers = {};
  for (const t of templates) {
    const ex = exampleAnswers(t);
    for (const v of t.variables) if (v.scope === 'unit' && ex[v.key] !== undefined) out[v.key] = ex[v.key] as Answers[string];
  }
  return out;
}

/**
 * @param leaders - number of leaders (e.g. 500)
 * @param units - number of units they are spread over (e.g. 50)
 */
export function syntheticRoster(templates: readonly Template[], leaders: number, units: number, year = 2024): PlanRoster {
  const random = rng(20240601);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const base = unitBase(templates);
  const out: PlanRoster['units'][number][] = [];
  let row = 2;
  for (let u = 0; u < units; u++) {
    const name = `区${UNITS[u % UNITS.length]}${u >= UNITS.length ? `（${Math.floor(u / UNITS.length) + 1}）` : ''}`;
    const count = Math.floor(leaders / units) + (u < leaders % units ? 1 : 0);
    const ls = [];
    for (let i = 0; i < count; i++) {
      const person = `${pick([...SURNAMES])}${pick([...GIVEN])}${random() < 0.5 ? pick([...GIVEN]) : ''}同志`;
      const divisions = [...new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(DIVISIONS)))];
      ls.push({ row: row++, name: `${person}${i + 1}`, answers: { leader_name: `${person}${i + 1}`, divisions } });
    }
    out.push({ row, name, answers: { ...base, year, unit_name: name }, leaders: ls });
  }
  return { units: out };
}

/**
 * The entry points on the sample text and on resolved documents, the context resolution (with
 * the autonomous-region care), and the data files. The public API is pinned in tests/public-api.test.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LintFinding } from '@qingdan/model';
import * as api from '@qingdan/lint';
import { formatLint, lintDocument, lintText, organOf, resolveContext } from '@qingdan/lint';
import divisions from '../src/data/divisions.json' with { type: 'json' };
import outdated from '../src/data/outdated.json' with { type: 'json' };
import slogans from '../src/data/slogans.json' with { type: 'json' };

const seed = readFileSync(fileURLToPath(new URL('../../../seeds/000_6191e73f1c3e00fc.txt', import.meta.url)), 'utf8');

describe('lintText on the sample text, declared as a 内蒙古 district bureau', () => {
  const found = lintText(seed, { province: '内蒙古', unit: '区发展和改革局' });
  const of = (rule: string): string[] => found.filter((f) => f.rule === rule).map((f) => `${f.where} ${f.text}`);

  it('every finding has the shape of LintFinding', () => {
    for (const f of found) expect(LintFinding.parse(f)).toEqual(f);
  });
  it('finds the 13 leftover XX with their lines', () => {
    expect(of('placeholder')).toEqual([
      '第 39 行 XX', '第 39 行 XX', '第 39 行 XX', '第 42 行 XX', '第 43 行 XX', '第 46 行 XX', '第 47 行 XX', '第 47 行 XX',
      '第 51 行 XX', '第 56 行 XX', '第 56 行 XX', '第 63 行 XX', '第 64 行 XX',
    ]);
  });
  it('finds 新时代贵州精神, 校领导班子, 区政协 as the superior, 省委 in an autonomous region, and ，，', () => {
    expect(of('regional-slogan')).toEqual(['第 60 行 新时代贵州精神']);
    expect(of('organ-mismatch')).toEqual(['第 50 行 校领导班子']);
    expect(of('superior-body')).toEqual(['第 43 行 区政协', '第 64 行 区政协']);
    expect(of('organ-level')).toEqual(['第 58 行 省委']);
    expect(of('doubled-punctuation')).toEqual(['第 59 行 ，，']);
    const lines = seed.split('\n');
    const comma = found.find((f) => f.rule === 'doubled-punctuation');
    // paragraph: the line's place among the lines with text; offset: where ，， starts in it
    expect(comma).toMatchObject({
      paragraph: lines.slice(0, 59).filter((l) => l.trim() !== '').length,
      offset: lines[58]?.indexOf('，，'),
      suggestion: '，',
      excerpt: '中央各项惠民政策，，不断增强群众的获',
    });
  });
  it('finds the typography, the organ system written two ways and the outdated 提法', () => {
    expect(of('halfwidth-punctuation')).toEqual(['第 2 行 (2篇)', "第 22 行 '", '第 22 行 "', '第 27 行 ,', '第 41 行 ,', '第 50 行 ,', '第 62 行 ,']);
    expect(of('unbalanced-pairs')).toEqual(['第 22 行 “']);
    expect(of('name-consistency')).toEqual(['第 8 行 市直属机关']);
    expect(of('outdated-wording')).toEqual(['第 10 行 常态化新冠肺炎疫情防控']);
  });
  it('reads the year 2023 from the title and finds no other year; in 内蒙古 the 区 unit’s level stays open, so 市直 and 市委 are not reported', () => {
    expect(of('year-mismatch')).toEqual([]);
    expect(of('foreign-place')).toEqual([]);
    expect(found.map((f) => f.rule)).not.toContain('numbering');
  });
  it('without a declared place, reports the two provinces of the compilation instead', () => {
    const plain = lintText(seed).filter((f) => f.rule === 'mixed-places');
    expect(plain.map((f) => `${f.where} ${f.text}`)).toEqual(['第 11 行 内蒙古', '第 60 行 贵州']);
  });
});

describe('lintDocument', () => {
  const doc = {
    templateId: 'responsibility-list',
    templateVersion: '1.0.0',
    kind: 'responsibility-list' as const,
    title: ['2025年履行全面从严治党', '重要领导责任清单'],
    fileName: 'x',
    meta: { year: 2025, unit: '区发展和改革局', leader: '王建国同志' },
    blocks: [
      { kind: 'paragraph' as const, text: '王建国同志同志根据局党组工作分工，分管XX科。' },
      { kind: 'heading' as const, level: 1 as const, number: '一、', text: '坚定拥护“两个确立”' },
      { kind: 'clause' as const, number: '1.', lead: '深刻领悟。', text: '学习2022年精神，，弘扬浙江精神。' },
    ],
  };
  it('proofreads the title lines and each block with its number, with the year, unit and leader of meta', () => {
    const found = lintDocument(doc, { province: '内蒙古' });
    expect(found.map((f) => [f.paragraph, f.where, f.rule, f.text])).toEqual([
      [3, '第 3 段', 'doubled-tongzhi', '同志同志'],
      [3, '第 3 段', 'placeholder', 'XX'],
      [5, '1.', 'year-mismatch', '2022'],
      [5, '1.', 'doubled-punctuation', '，，'],
      [5, '1.', 'regional-slogan', '浙江精神'],
    ]);
    expect(found[2]?.offset).toBe(9);
  });
  it('lets the context add to and override meta', () => {
    expect(lintDocument(doc, { province: '浙江', year: 2023 }).map((f) => [f.rule, f.text])).toEqual([
      ['year-mismatch', '2025'],
      ['doubled-tongzhi', '同志同志'],
      ['placeholder', 'XX'],
      ['doubled-punctuation', '，，'],
    ]);
  });
  it('throws ANSWERS_INVALID for a province that does not exist', () => {
    expect(() => lintDocument(doc, { province: '火星' })).toThrow(expect.objectContaining({ code: 'ANSWERS_INVALID', message: expect.stringContaining('没有名为“火星”的省级行政区') }));
  });
});

describe('resolveContext', () => {
  it('finds provinces and cities by short or full name, and a city’s province', () => {
    const { context, issues } = resolveContext({ city: '杭州市', unit: '区发展和改革局' });
    expect(issues).toEqual([]);
    expect([context.province?.name, context.city?.name, context.organ, context.level]).toEqual(['浙江省', '杭州市', '机关', '区']);
    expect(resolveContext({ province: '广西壮族自治区' }).context.province?.short).toBe('广西');
    expect(resolveContext({ unit: '杭州市西湖区教育局' }).context).toMatchObject({ province: { short: '浙江' }, city: { name: '杭州市' }, organ: '机关' });
  });
  it('infers the level from the unit’s first character, but not from 区 in an autonomous region or without a province', () => {
    const level = (c: object): string | undefined => resolveContext(c).context.level;
    expect(level({ province: '浙江', unit: '区统计局' })).toBe('区');
    expect(level({ province: '内蒙古', unit: '区统计局' })).toBeUndefined();
    expect(level({ unit: '区统计局' })).toBeUndefined();
    expect(level({ province: '内蒙古', unit: '自治区统计局' })).toBe('省');
    expect(level({ unit: '市统计局' })).toBe('市');
    expect(level({ province: '内蒙古', unit: '旗统计局' })).toBe('县');
    expect(level({ province: '内蒙古', county: '赛罕区', unit: '赛罕区统计局' })).toBe('区');
    expect(level({ province: '内蒙古', unit: '区统计局', level: '省' })).toBe('省');
    expect(resolveContext({ province: '内蒙古' }).context.autonomousRegion).toBe(true);
    expect(resolveContext({ province: '重庆' }).context.municipality).toBe(true);
  });
  it('says what is wrong with the declared values', () => {
    expect(resolveContext({ province: '浙江', city: '遵义' }).issues.map((i) => i.message)).toEqual(['“遵义”属于贵州，不在浙江：请核对省和市']);
    expect(resolveContext({ city: '火星市' }).issues[0]?.where).toEqual({ field: 'city' });
    expect(resolveContext({ level: '乡' as never }).issues.map((i) => i.message)).toEqual(['级别“乡”不对：应为 省、市、县、区 之一']);
  });
  it('tells the kind of unit from its name', () => {
    expect(['区发展和改革局', '区委办公室', '区政务服务中心', '区第一中学', '区委党校', '区人民医院', 'XX街道办事处', '城关镇', '某某公司'].map(organOf)).toEqual([
      '机关', '机关', '机关', '学校', '学校', '医院', '街道乡镇', '街道乡镇', undefined,
    ]);
  });
});

describe('formatLint', () => {
  it('prints one line a finding with the severity in Chinese, where, message, excerpt and rule', () => {
    expect(formatLint(lintText('分管XX科，，', { year: 2025 }))).toEqual([
      '[错误] 第 1 行：出现残留的占位符“XX”，应为实际内容（…分管XX科，，…） placeholder',
      '[错误] 第 1 行：出现重复的标点“，，”，应为“，”（…分管XX科，，…） doubled-punctuation',
    ]);
    expect(formatLint(lintText('学习党的十九大精神', { year: 2025 }))[0]).toMatch(/^\[提示\] 第 1 行：出现已被取代的提法“党的十九大精神”/u);
  });
});

describe('the data files', () => {
  it('say their source and date', () => {
    for (const d of [divisions, slogans, outdated]) {
      expect(d.source.length).toBeGreaterThan(4);
      expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    }
  });
  it('hold the 31 province-level divisions and 333 prefecture-level ones of GB/T 2260', () => {
    expect(divisions.provinces).toHaveLength(31);
    expect(divisions.provinces.reduce((n, p) => n + p.prefectures.length, 0)).toBe(333);
    expect(divisions.provinces.filter((p) => p.kind === 'autonomous-region').map((p) => p.short)).toEqual(['内蒙古', '广西', '西藏', '宁夏', '新疆']);
    expect(divisions.provinces.find((p) => p.short === '浙江')?.prefectures.map((c) => c.name)).toContain('杭州市');
  });
  it('give every outdated entry a replacement or an empty one, a year and a source, and valid expressions', () => {
    for (const e of outdated.entries) {
      expect(() => new RegExp(e.old, 'u')).not.toThrow();
      expect(e.source.length).toBeGreaterThan(4);
    }
  });
});

describe('packages/lint/README.md', () => {
  it('lists every rule of the registry with its severity', () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    const severity = { error: '错误', warning: '警告', info: '提示' } as const;
    for (const r of api.rules) expect(readme, r.id).toContain(`| \`${r.id}\` | ${severity[r.severity]} |`);
  });
});

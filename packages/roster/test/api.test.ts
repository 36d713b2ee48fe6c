// Pins @qingdan/roster's public API (the batch, the CLI and the web app depend on it).
import { describe, expect, it } from 'vitest';
import * as roster from '@qingdan/roster';
import { templates } from './fixtures.js';

describe('@qingdan/roster public API', () => {
  it('exports', () => {
    expect(Object.keys(roster).sort()).toEqual(
      [
        'answersYaml', 'decodeRosterText', 'parseAnswersFile', 'parseRoster', 'readRoster', 'rosterColumns', 'rosterCsv', 'rosterFormat',
        'rosterFromAnswers', 'rosterXlsx', 'splitByScope',
      ].sort(),
    );
  });

  it('rosterColumns: one column per key, names first, a key shared by both templates once', () => {
    const cols = roster.rosterColumns(templates);
    expect(cols.slice(0, 4).map((c) => [c.label, c.key, c.scope])).toEqual([
      ['单位名称', 'unit_name', 'unit'],
      ['班子成员姓名', 'leader_name', 'leader'],
      ['分管科室', 'divisions', 'leader'],
      ['年度', 'year', 'unit'],
    ]);
    expect(cols.filter((c) => c.key === 'year')).toHaveLength(1);
    expect(cols.find((c) => c.key === 'year')?.templates.sort()).toEqual(['responsibility-list', 'task-list']);
    expect(new Set(cols.map((c) => c.key)).size).toBe(cols.length);
    expect(cols.find((c) => c.key === 'window_unit')).toMatchObject({ required: false, type: 'boolean' });
    expect(cols.find((c) => c.key === 'branch_target_percent')).toMatchObject({ required: true, type: 'number' });
  });

  it('rosterFormat by extension, case-insensitive', () => {
    expect(['a.YAML', 'b.yml', 'c.Csv', 'd.xlsx'].map(roster.rosterFormat)).toEqual(['yaml', 'yaml', 'csv', 'xlsx']);
    expect(() => roster.rosterFormat('花名册.txt')).toThrow('不支持的花名册格式「.txt」（花名册.txt）：文本表格请改存为 .csv；');
  });
});

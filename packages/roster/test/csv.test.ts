import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { QingdanError } from '@qingdan/model';
import { parseRoster, readRoster } from '@qingdan/roster';
import { csvText, grid, labels, leaderRow, root, templates, utf8, withoutRows } from './fixtures.js';

const parse = (text: string | Uint8Array, fileName = '花名册.csv') =>
  parseRoster({ bytes: typeof text === 'string' ? utf8(text) : text, fileName }, templates);

const TWO_UNITS = csvText(
  grid([
    leaderRow('区统计局', '何丽娟同志', '办公室、综合统计科'),
    leaderRow('区统计局', '马俊峰同志', '普查中心；统计执法监督科'),
    leaderRow('区教育局', '刘晓燕同志', '办公室\n组织人事科', { '达标党支部比例（%）': '70', 是否窗口单位: '是' }),
  ]),
);

describe('CSV rosters', () => {
  it('reads units with their leaders, values typed as the templates declare', async () => {
    const r = await parse(TWO_UNITS);
    expect(r.issues).toEqual([]);
    expect(r.format).toBe('csv');
    expect(r.units.map((u) => [u.name, u.row, u.leaders.map((l) => [l.row, l.name, l.answers.divisions])])).toEqual([
      ['区统计局', 2, [[2, '何丽娟同志', ['办公室', '综合统计科']], [3, '马俊峰同志', ['普查中心', '统计执法监督科']]]],
      ['区教育局', 4, [[4, '刘晓燕同志', ['办公室', '组织人事科']]]],
    ]);
    const edu = r.units[1]!.answers;
    expect(edu.year).toBe(2025);
    expect(edu.branch_target_percent).toBe(70);
    expect(edu.window_unit).toBe(true);
    expect(edu.ethnic_region).toBe(false);
    // Columns left empty are not filled with defaults: resolve applies each template's own.
    expect(edu).not.toHaveProperty('study_per_year');
    expect(edu).not.toHaveProperty('leader_name');
    expect(r.units[1]!.leaders[0]!.answers).toEqual({ leader_name: '刘晓燕同志', divisions: ['办公室', '组织人事科'] });
  });

  it('hashes the file bytes (sha256 hex), not the decoded text', async () => {
    // Known answers from `printf '单位名称,班子成员姓名\r\n' | sha256sum` (and with a UTF-8 BOM before it).
    const text = '单位名称,班子成员姓名\r\n';
    expect((await parse(text)).hash).toBe('c6c36b3edf8e7a919223704fea0e5e5630ec00504f711355dda6e8f607f1060c');
    expect((await parse(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]))).hash).toBe('847f49ae7096107dd87ce69e31f3db384d7d9a379ef6d7eede7d8ce8edbdb011');
  });

  it('reads UTF-8 with BOM, GB18030 (Chinese Excel) and UTF-16 the same as plain UTF-8', async () => {
    const plain = await parse(TWO_UNITS);
    const bom = await parse(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(TWO_UNITS)]));
    const gb = iconv.encode(TWO_UNITS, 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow(); // really not UTF-8
    const gbRoster = await parse(new Uint8Array(gb));
    const utf16 = await parse(new Uint8Array(iconv.encode(TWO_UNITS, 'utf-16le', { addBOM: true })));
    for (const other of [bom, gbRoster, utf16]) {
      expect(other.issues).toEqual([]);
      expect(other.units).toEqual(plain.units);
    }
    expect(gbRoster.units[0]!.name).toBe('区统计局');
  });

  it('accepts variable keys and harmless header variants (half-width brackets, spaces, a trailing *)', async () => {
    const header = labels.map((l) =>
      l === '单位名称' ? 'unit_name' : l === '辖区（全区／全市）' ? '辖区(全区/全市)' : l === '分管科室' ? ' 分管科室 *' : l,
    );
    const rows = grid([leaderRow('区统计局', '何丽娟同志', '办公室')]).slice(1);
    const r = await parse(csvText([header, ...rows]));
    expect(r.issues).toEqual([]);
    expect(r.units[0]!.answers).toMatchObject({ unit_name: '区统计局', jurisdiction: '全区' });
    expect(r.units[0]!.leaders[0]!.answers.divisions).toEqual(['办公室']);
  });

  it('reads tab- and semicolon-separated files', async () => {
    const g = grid([leaderRow('区统计局', '何丽娟同志', '办公室、综合统计科')]);
    for (const d of ['\t', ';']) {
      const r = await parse(csvText(g, d));
      expect(r.issues).toEqual([]);
      expect(r.units[0]!.leaders[0]!.answers.divisions).toEqual(['办公室', '综合统计科']);
    }
  });

  it('fills down: an empty unit cell on a later row takes the value of the unit above', async () => {
    const text = csvText(
      grid([
        leaderRow('区统计局', '何丽娟同志', '办公室'),
        { 班子成员姓名: '马俊峰同志', 分管科室: '普查中心' },
        {},
        { 班子成员姓名: '林春梅同志', 分管科室: '社会经济调查科' },
        leaderRow('区教育局', '刘晓燕同志', '组织人事科'),
      ]),
    );
    const r = await parse(text);
    expect(r.issues).toEqual([]);
    expect(r.units.map((u) => [u.name, u.leaders.map((l) => `${l.row}:${l.name}`)])).toEqual([
      ['区统计局', ['2:何丽娟同志', '3:马俊峰同志', '5:林春梅同志']],
      ['区教育局', ['6:刘晓燕同志']],
    ]);
  });

  it('skips a title row above the header and keeps spreadsheet row numbers', async () => {
    const r = await parse(`2025年花名册\r\n${csvText(grid([leaderRow('区统计局', '何丽娟同志', '办公室'), leaderRow('区统计局', '马俊峰同志', '综合统计科')]))}`);
    expect(r.issues).toEqual([]);
    expect(r.units[0]!.leaders.map((l) => l.row)).toEqual([3, 4]);
  });

  it('refuses binary files, workbooks saved as .csv, and unknown extensions, saying what to do', async () => {
    await expect(parse(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow(/实际是 Excel 工作簿（\.xlsx）.*扩展名改为 \.xlsx/u);
    await expect(parse(new Uint8Array([0x41, 0x00, 0x42, 0x01]))).rejects.toThrow(/不是文本文件（含有 NUL（0x00）字节）/u);
    await expect(parse('', '名单.csv')).rejects.toThrow('花名册 名单.csv 是空文件（0 字节）');
    const err = await parse('a,b', '名单.xls').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QingdanError);
    expect((err as QingdanError).code).toBe('ROSTER_INVALID');
    expect((err as QingdanError).message).toMatchInlineSnapshot(
      `"不支持的花名册格式「.xls」（名单.xls）：旧版 Excel 文件请在 Excel 中“另存为” .xlsx；请使用 .yaml / .yml、.csv 或 .xlsx 文件（示例见 examples/roster.*）。"`,
    );
  });

  it('reports an unclosed quote as a whole-file error with its line', async () => {
    const err = (await parse(`${labels.join(',')}\r\n区统计局,"何丽娟同志\r\n`).catch((e: unknown) => e)) as QingdanError;
    expect(err.code).toBe('ROSTER_INVALID');
    expect(err.message).toContain('花名册 花名册.csv 第 2 行起无法按 CSV 读取');
  });

  it('reports a missing file with IO_FAILED', async () => {
    const err = (await readRoster(join(root, 'examples', 'nope.csv'), templates).catch((e: unknown) => e)) as QingdanError;
    expect(err.code).toBe('IO_FAILED');
    expect(err.message).toContain('文件不存在，请检查路径');
  });

  it('reads examples/roster.csv as the same roster as examples/roster.yaml', async () => {
    const csv = await readRoster(join(root, 'examples', 'roster.csv'), templates);
    const yaml = await readRoster(join(root, 'examples', 'roster.yaml'), templates);
    expect(csv.issues).toEqual([]);
    expect(withoutRows(csv.units)).toEqual(withoutRows(yaml.units));
  });
});

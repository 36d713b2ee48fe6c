/**
 * Issue 17 point 5 (and 6 for input): every fault of a roster in one pass, located as the user sees
 * it (CSV: spreadsheet row and column letter; YAML: line and column), nothing dropped without an
 * issue saying so. Each test is a real file made here; counts of units and leaders show what
 * was kept.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { QingdanError, Roster } from '@qingdan/model';
import { parseRoster } from '@qingdan/roster';
import { BASE, col, csvText, grid, HEAD, leaderRow, MEMBER, messages, templates, utf8, YAML_SHARED, YAML_UNIT } from './fixtures.js';

const csv = async (bytes: Uint8Array, fileName = 'roster.csv') => Roster.parse(await parseRoster({ bytes, fileName }, templates));
const yaml = async (text: string) => Roster.parse(await parseRoster({ bytes: utf8(text), fileName: 'roster.yaml' }, templates));
/** `unit: leader(row), …` for each unit kept. */
const kept = (r: Roster): string[] => r.units.map((u) => `${u.name}: ${u.leaders.map((l) => `${l.name}(${l.row})`).join('，')}`);
/** The 1-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
/** The 1-based column of `needle` on that line. */
const colOf = (text: string, needle: string): number => (text.split('\n').find((l) => l.includes(needle)) ?? '').indexOf(needle) + 1;
const errorOf = async (p: Promise<unknown>): Promise<QingdanError> => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof QingdanError)) throw new Error(`expected a QingdanError, got ${String(e)}`);
  return e;
};

describe('CSV: empty required fields', () => {
  it('a row with unit values but empty 姓名 and 分管科室 is an error at its row (GB18030 file), not dropped', async () => {
    const text = csvText(
      grid([
        leaderRow('区统计局', '何丽娟同志', '办公室'),
        leaderRow('区统计局', '', ''), // the row the user sees in Excel: unit values copied down, the person not filled in
        leaderRow('区统计局', '马俊峰同志', '普查中心'),
      ]),
    );
    const r = await csv(new Uint8Array(iconv.encode(text, 'gb18030')));
    expect(kept(r)).toEqual(['区统计局: 何丽娟同志(2)，马俊峰同志(4)']);
    expect(r.issues.map((i) => i.where)).toEqual([{ file: 'roster.csv', row: 3, column: 'B', field: '班子成员姓名', variable: 'leader_name' }]);
    expect(messages(r)).toEqual([
      'roster.csv 第 3 行 B 列（班子成员姓名）：这一行只有单位的项，没有填写「班子成员姓名」和「分管科室」：花名册每行是一位班子成员，请补上这位班子成员；如果这一行多余，请删去（单位的各项写在该单位任一位班子成员的行上即可）。',
    ]);
  });

  it('a unit whose only row has no leader is reported once, as a unit without leaders; a row with only a note is not data', async () => {
    const header = [...grid([]).at(0)!, '备注'];
    const text = csvText(grid([{ ...BASE, 单位名称: '区审计局' }, { 备注: '以下单位待补' }, leaderRow('区统计局', '何丽娟同志', '办公室')], header));
    const r = await csv(utf8(text));
    expect(kept(r)).toEqual(['区统计局: 何丽娟同志(4)']);
    expect(messages(r)).toEqual([
      'roster.csv 第 2 行 B 列（班子成员姓名）：单位「区审计局」没有班子成员：请为它添加班子成员（每人一行，填写「班子成员姓名」和「分管科室」），否则无法生成领导责任清单。',
    ]);
  });
});

describe('YAML: unknown keys anywhere, at line:column with the nearest known key', () => {
  const text = `${YAML_SHARED}上极党委: 区委
单位:
  - 单位名称: 区统计局
${YAML_UNIT}    是否窗口单住: 是
    班子成员:
      - 班子成员姓名: 何丽娟同志
        分管科室: [办公室]
  - 单位名称: 区教育局
${YAML_UNIT}    班子成原:
      - 班子成员姓名: 刘晓燕同志
        分管科室: [组织人事科]
  - 单位名称: 区审计局
${YAML_UNIT}    班子成员:
      - 班子成员姓名: 钱明同志
        分官科室: 办公室
      - 班子成员姓名: 孙丽同志
        分管科室: 审计一科
`;

  it('reports each unknown key where it is, with a suggestion, and says what was skipped', async () => {
    const r = await yaml(text);
    expect(r.issues.map((i) => [i.where?.row, i.where?.column, i.where?.field])).toEqual([
      [lineOf(text, '上极党委'), 1, '上极党委'],
      [lineOf(text, '是否窗口单住'), 5, '是否窗口单住'],
      [lineOf(text, '单位名称: 区教育局'), 5, undefined], // 区教育局 then has no leaders (its list is under an unknown key)
      [lineOf(text, '班子成原'), 5, '班子成原'],
      [lineOf(text, '钱明同志'), 9, '分管科室'], // 钱明同志 then has no divisions
      [lineOf(text, '分官科室'), colOf(text, '分官科室'), '分官科室'],
    ]);
    const m = messages(r);
    expect(m).toContain(`roster.yaml 第 ${lineOf(text, '上极党委')} 行第 1 列（上极党委）：「上极党委」不是模板中的任何一项，它的内容不会被使用：是不是「上级党委」？请改为模板中的名称（见 examples/roster.yaml），或删去这一行。`);
    expect(m).toContain(`roster.yaml 第 ${lineOf(text, '是否窗口单住')} 行第 5 列（是否窗口单住）：「是否窗口单住」不是模板中的任何一项，它的内容不会被使用（已跳过本单位）：是不是「是否窗口单位」？请改为模板中的名称（见 examples/roster.yaml），或删去这一行。`);
    expect(m).toContain(`roster.yaml 第 ${lineOf(text, '班子成原')} 行第 5 列（班子成原）：「班子成原」不是模板中的任何一项，它的内容不会被使用（已跳过本单位）：是不是「班子成员」？请改为模板中的名称（见 examples/roster.yaml），或删去这一行。`);
    expect(m).toContain(`roster.yaml 第 ${lineOf(text, '分官科室')} 行第 9 列（分官科室）：「分官科室」不是模板中的任何一项，它的内容不会被使用（已跳过此人）：是不是「分管科室」？请改为模板中的名称（见 examples/roster.yaml），或删去这一行。`);
    // kept: 区审计局 with its good leader; every unit or leader left out has an issue
    expect(kept(r)).toEqual(['区审计局: 孙丽同志(' + lineOf(text, '孙丽同志') + ')']);
  });

  it('a misspelt 单位 list: the whole file is refused, naming the key and the nearest one', async () => {
    const err = await errorOf(parseRoster({ bytes: utf8(`${YAML_SHARED}单立:\n  - 单位名称: 区统计局\n`), fileName: 'roster.yaml' }, templates));
    expect(err.code).toBe('ROSTER_INVALID');
    expect(err.issues.map((i) => i.message)).toEqual([
      `roster.yaml 第 ${lineOf(YAML_SHARED, '达标') + 1} 行第 1 列（单立）：「单立」不是模板中的任何一项，它的内容不会被使用：是不是「单位」？请改为模板中的名称（见 examples/roster.yaml），或删去这一行。`,
    ]);
  });

  it('one item written twice in a mapping (by label and by key) is an error, not a silent overwrite', async () => {
    const text = `${YAML_SHARED}单位:\n  - 单位名称: 区统计局\n${YAML_UNIT}    上级党委: 市委\n    superior: 区委\n    班子成员:\n      - 班子成员姓名: 何丽娟同志\n        分管科室: 办公室\n`;
    const r = await yaml(text);
    expect(r.units).toEqual([]);
    expect(messages(r)).toEqual([
      `roster.yaml 第 ${lineOf(text, 'superior')} 行第 5 列（superior）：「superior」与第 ${lineOf(text, '上级党委: 市委')} 行的「上级党委」是同一项（上级党委），只能写一次（已跳过本单位）：请删去其中一个。`,
    ]);
  });
});

describe('duplicates: units and leaders', () => {
  it('YAML: two units of one name are both reported (both locations) and both left out', async () => {
    const unit = (leader: string, division: string) => `  - 单位名称: 区统计局\n${YAML_UNIT}    班子成员:\n      - 班子成员姓名: ${leader}\n        分管科室: ${division}\n`;
    const text = `${YAML_SHARED}单位:\n${unit('何丽娟同志', '办公室')}${unit('马俊峰同志', '普查中心')}  - 单位名称: 区教育局\n${YAML_UNIT}    班子成员:\n      - 班子成员姓名: 刘晓燕同志\n        分管科室: 办公室\n`;
    const r = await yaml(text);
    const first = lineOf(text, '单位名称: 区统计局');
    const second = text.split('\n').findIndex((l, i) => i + 1 > first && l.includes('单位名称: 区统计局')) + 1;
    expect(kept(r)).toEqual([`区教育局: 刘晓燕同志(${lineOf(text, '刘晓燕同志')})`]);
    expect(messages(r)).toEqual([
      `roster.yaml 第 ${second} 行第 11 列（单位名称）：单位「区统计局」在第 ${first} 行第 11 列已经有一个：同名的两个单位会互相覆盖文档，两处都未生成。同一单位只写一次（班子成员都写在它的“班子成员”下）；如确为两个不同的单位，请写全称加以区分。`,
    ]);
  });

  it('CSV: rows of one unit that are not together are one unit, with a warning naming both rows', async () => {
    const r = await csv(
      utf8(
        csvText(
          grid([
            leaderRow('区统计局', '何丽娟同志', '办公室', HEAD),
            leaderRow('区教育局', '刘晓燕同志', '办公室', HEAD),
            leaderRow('区统计局', '马俊峰同志', '普查中心', MEMBER),
          ]),
        ),
      ),
    );
    expect(r.issues).toEqual([]);
    expect(kept(r)).toEqual(['区统计局: 何丽娟同志(2)，马俊峰同志(4)', '区教育局: 刘晓燕同志(3)']);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'roster.csv 第 4 行 A 列（单位名称）：单位「区统计局」的行不相连：第 2 行起已有这个单位，中间隔着其他单位的行；已按同一个单位读取。如确为两个不同的单位，请写全称加以区分。',
    ]);
  });

  it('a leader name twice in a unit: one error naming both rows, neither row issued, the other leaders kept', async () => {
    const r = await csv(
      utf8(
        csvText(
          grid([
            leaderRow('区教育局', '刘晓燕同志', '组织人事科'),
            leaderRow('区教育局', '赵国强同志', '计划财务科'),
            leaderRow('区教育局', '刘晓燕同志', '基础教育科'),
          ]),
        ),
      ),
    );
    expect(kept(r)).toEqual(['区教育局: 赵国强同志(3)']);
    expect(r.issues.map((i) => i.where)).toEqual([{ file: 'roster.csv', row: 4, column: 'B', field: '班子成员姓名', variable: 'leader_name' }]);
    expect(messages(r)[0]).toBe(
      'roster.csv 第 4 行 B 列（班子成员姓名）：单位「区教育局」的班子成员「刘晓燕同志」在第 2 行 B 列已经出现过：同一单位每位班子成员只写一次。无法判断哪一行是对的，这两行都未生成：请删去重复的一行；如确为同名的两个人，请在姓名中加以区分（如“张伟（副局长）”）。',
    );
  });
});

describe('a roster with no units, a unit with no leaders', () => {
  it('YAML: an empty 单位 list, at its line', async () => {
    const r = await yaml(`${YAML_SHARED}单位: []\n`);
    expect(r.units).toEqual([]);
    expect(messages(r)).toEqual([
      `roster.yaml 第 ${lineOf(YAML_SHARED, '达标') + 1} 行第 1 列（单位）：“单位:”下没有任何单位：请在其下逐个写出单位（每个单位以“- 单位名称: …”开头，写法见 examples/roster.yaml）。`,
    ]);
  });

  it('CSV: a header and no rows, at the header row', async () => {
    const r = await csv(utf8(csvText(grid([]))));
    expect(r.units).toEqual([]);
    expect(messages(r)).toEqual(['roster.csv 第 1 行：第 1 行的表头下面没有任何单位或班子成员：花名册每行是一位班子成员及其单位，请从第 2 行起填写（写法见 examples/roster.csv）。']);
  });

  it('YAML: a unit with an empty 班子成员 list, at the unit', async () => {
    const text = `${YAML_SHARED}单位:\n  - 单位名称: 区审计局\n${YAML_UNIT}    班子成员: []\n`;
    const r = await yaml(text);
    expect(r.units).toEqual([]);
    expect(messages(r)).toEqual([
      `roster.yaml 第 ${lineOf(text, '区审计局')} 行第 5 列：单位「区审计局」没有班子成员：请为它添加班子成员（每人一行，填写「班子成员姓名」和「分管科室」），否则无法生成领导责任清单。`,
    ]);
  });
});

describe('CSV: a line break inside a quoted cell', () => {
  it('in a list (分管科室): split into items, with a warning', async () => {
    const r = await csv(utf8(csvText(grid([leaderRow('区统计局', '何丽娟同志', '办公室\r\n综合统计科', HEAD)]))));
    expect(r.issues).toEqual([]);
    expect(r.units[0]?.leaders[0]?.answers.divisions).toEqual(['办公室', '综合统计科']);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'roster.csv 第 2 行 C 列（分管科室）：单元格中有换行，已按换行把它分为 2 项（办公室、综合统计科）：如这不是有意的分项，请检查这一格及前后的英文双引号 " 是否配对。',
    ]);
  });

  it('anywhere else: an error at the cell, that unit left out, the next row still read as row 3', async () => {
    const r = await csv(utf8(csvText(grid([leaderRow('区统计局', '何丽娟同志', '办公室', { 上级党委: '区委\n市委' }), leaderRow('区教育局', '刘晓燕同志', '办公室')]))));
    expect(kept(r)).toEqual(['区教育局: 刘晓燕同志(3)']);
    expect(messages(r)).toEqual([
      `roster.csv 第 2 行 ${col('上级党委')} 列（上级党委）：单元格中有换行：「上级党委」不能分行（只有「分管科室」这样的列表项可以用换行分项）。CSV 中这样的换行也常因英文双引号 " 没有配对、把下一行并进了这一格：请删去换行，或检查引号。`,
    ]);
  });
});

describe('normalisation is visible', () => {
  it('full-width digits are read as numbers: 年度 ２０２５, a percentage ６０％ (CSV and YAML)', async () => {
    const r = await csv(utf8(csvText(grid([leaderRow('区统计局', '何丽娟同志', '办公室', { 年度: '２０２５', '达标党支部比例（%）': '６０％' })]))));
    expect(r.issues).toEqual([]);
    expect(r.units[0]?.answers).toMatchObject({ year: 2025, branch_target_percent: 60 });
    const y = await yaml(`${YAML_SHARED.replace('年度: 2025', '年度: ２０２５年')}单位:\n  - 单位名称: 区统计局\n${YAML_UNIT}    班子成员:\n      - 班子成员姓名: 何丽娟同志\n        分管科室: 办公室\n`);
    expect(y.issues).toEqual([]);
    expect(y.units[0]?.answers.year).toBe(2025);
  });

  it('control characters are removed with a warning naming row and field', async () => {
    const r = await csv(utf8(csvText(grid([leaderRow('区统计局', '何丽\u0007娟同志', '办公室', { ...HEAD, 本地专项行动: '深化\u0001“三个年”活动' })]))));
    expect(r.issues).toEqual([]);
    expect(r.units[0]?.leaders[0]?.name).toBe('何丽娟同志');
    expect(r.units[0]?.answers.campaign).toBe('深化“三个年”活动');
    expect(r.warnings.map((w) => [w.where?.row, w.where?.column, w.where?.field])).toEqual([
      [2, 'B', '班子成员姓名'],
      [2, col('本地专项行动'), '本地专项行动'],
    ]);
    expect(r.warnings.map((w) => w.message)).toContain('roster.csv 第 2 行 B 列（班子成员姓名）：「班子成员姓名」（leader_name）中有文档不允许的控制字符 U+0007，已删除。');
  });
});

describe('bidi controls are refused, located (issue 17 point 6)', () => {
  it('CSV: a U+202E in a leader name is an error at its cell naming the position; that leader left out', async () => {
    const r = await csv(utf8(csvText(grid([leaderRow('区统计局', '何丽娟同志', '办公室'), leaderRow('区统计局', '马俊\u202E峰同志', '普查中心')]))));
    expect(kept(r)).toEqual(['区统计局: 何丽娟同志(2)']);
    expect(messages(r)).toEqual([
      'roster.csv 第 3 行 B 列（班子成员姓名）：「班子成员姓名」（leader_name）中有双向文字控制字符：第 3 个字符处的 U+202E RLO（从右到左强制）。这种字符看不见，却会颠倒前后文字的显示顺序，公文中不能使用：请删去（多半随复制粘贴带入，可删除这一项后重新输入）。',
    ]);
  });

  it('YAML: isolates (U+2066…U+2069) in an item of a list, at its line and column, naming item and position; that leader left out', async () => {
    const text = `${YAML_SHARED}单位:\n  - 单位名称: 区统计局\n${YAML_UNIT}    班子成员:\n      - 班子成员姓名: 何丽娟同志\n        分管科室: [办公室, "\u2067普查\u2069"]\n      - 班子成员姓名: 马俊峰同志\n        分管科室: [综合统计科]\n`;
    const r = await yaml(text);
    expect(kept(r)).toEqual([`区统计局: 马俊峰同志(${lineOf(text, '马俊峰同志')})`]);
    const line = lineOf(text, '分管科室: [办公室');
    expect(r.issues.map((i) => [i.where?.row, i.where?.column, i.where?.variable])).toEqual([[line, colOf(text, '[办公室'), 'divisions']]);
    expect(messages(r)).toEqual([
      `roster.yaml 第 ${line} 行第 ${colOf(text, '[办公室')} 列（分管科室）：「分管科室」（divisions）中有双向文字控制字符：第 2 项第 1 个字符处的 U+2067 RLI（从右到左隔离）、第 2 项第 4 个字符处的 U+2069 PDI（结束隔离）。这种字符看不见，却会颠倒前后文字的显示顺序，公文中不能使用：请删去（多半随复制粘贴带入，可删除这一项后重新输入）。`,
    ]);
  });
});

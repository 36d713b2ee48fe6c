/**
 * Every rule of the registry: it fires on the fault it is for (with the span, message and
 * suggestion a reader sees) and stays quiet on correct text of the same kind.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentParagraph, LintContext } from '@qingdan/model';
import { lintParagraphs, rules, type LintFinding } from '@qingdan/lint';

const rule = (id: string) => {
  const r = rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

/** The findings of one rule over paragraphs given as lines (or as reader paragraphs). */
function run(id: string, input: string | readonly string[] | readonly DocumentParagraph[], context: LintContext = {}): LintFinding[] {
  const list = typeof input === 'string' ? [input] : input;
  const paragraphs: DocumentParagraph[] = list.map((p, i) => (typeof p === 'string' ? { text: p, where: { part: 'body', index: i + 1 } } : p));
  return lintParagraphs(paragraphs, context, { rules: [rule(id)] });
}
const texts = (found: readonly LintFinding[]): string[] => found.map((f) => f.text);

describe('the registry', () => {
  it('has one rule a file, each with a unique kebab-case id, a severity and a Chinese description', () => {
    expect(rules.map((r) => r.id)).toEqual([
      'placeholder', 'regional-slogan', 'foreign-place', 'mixed-places', 'organ-mismatch', 'organ-level', 'superior-body', 'year-mismatch',
      'doubled-punctuation', 'halfwidth-punctuation', 'unbalanced-pairs', 'stray-space', 'numbering', 'name-consistency', 'doubled-tongzhi',
      'outdated-wording',
    ]);
    for (const r of rules) {
      expect(r.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/u);
      expect(['error', 'warning', 'info']).toContain(r.severity);
      expect(r.description).toMatch(/\p{Script=Han}/u);
    }
    expect(rules.find((r) => r.id === 'outdated-wording')?.severity).toBe('info');
  });
});

describe('placeholder', () => {
  it('fires on XX, XXX, ××, ＸＸ, 某某, □□, ____, hints in brackets, X月X日 and {{…}}', () => {
    const found = run('placeholder', '区XX局、XXX同志、××科、ＸＸ委、某某同志、□□、____、【单位名称】、（姓名）、X月X日、{{unit_name}}');
    expect(texts(found)).toEqual(['XX', 'XXX', '××', 'ＸＸ', '某某', '□□', '____', '【单位名称】', '（姓名）', 'X', 'X', '{{unit_name}}']);
    expect(found[0]).toMatchObject({ rule: 'placeholder', severity: 'error', message: '出现残留的占位符“XX”，应为实际内容', paragraph: 1, offset: 1 });
    expect(found[7]?.message).toBe('出现待填写的提示“【单位名称】”，应为实际内容');
    expect(found[11]?.message).toBe('出现未填写的模板变量“{{unit_name}}”，应为实际内容');
  });
  it('is quiet on filled text, Latin words and 〇 in years', () => {
    expect(run('placeholder', '区发展和改革局于二〇二五年召开Xbox、max、党组（党委）会议（含专题研讨）。')).toEqual([]);
  });
});

describe('regional-slogan', () => {
  it('fires on another province’s spirit and on the table’s slogans', () => {
    const found = run('regional-slogan', ['大力弘扬新时代贵州精神和蒙古马精神，践行八八战略。'], { province: '浙江' });
    expect(texts(found)).toEqual(['新时代贵州精神', '蒙古马精神']);
    expect(found[0]?.message).toBe('出现外省的地方精神“新时代贵州精神”（贵州），本清单的地区是浙江：应为本地的提法，或删去');
    const inner = run('regional-slogan', ['弘扬上海城市精神、北京精神。'], { province: '内蒙古' });
    expect(texts(inner)).toEqual(['上海城市精神', '北京精神']);
  });
  it('is quiet on the province’s own slogans and on the national spirits', () => {
    expect(run('regional-slogan', ['弘扬新时代贵州精神和遵义会议精神。'], { province: '贵州' })).toEqual([]);
    expect(run('regional-slogan', ['弘扬蒙古马精神、北疆模范机关。'], { province: '内蒙古自治区' })).toEqual([]);
    const national = '弘扬红船精神、井冈山精神、长征精神、延安精神、大庆精神、吕梁精神、北京冬奥精神和伟大建党精神。';
    expect(run('regional-slogan', [national], { province: '广西' })).toEqual([]);
    expect(run('regional-slogan', ['弘扬新时代贵州精神。'])).toEqual([]); // no declared province: mixed-places' job
  });
});

describe('foreign-place', () => {
  it('fires on a province or prefecture city of another province, and on another city of the province when a city is declared', () => {
    const found = run('foreign-place', ['学习贵州省和遵义市、杭州的经验，对内蒙古工作的重要讲话。'], { province: '内蒙古' });
    expect(texts(found)).toEqual(['贵州省', '遵义市', '杭州']);
    expect(found[1]?.message).toBe('出现外地地名“遵义市”（贵州遵义市），本清单的地区是内蒙古：应为本地的名称，或核对是否从外地范文带来');
    const city = run('foreign-place', ['对标宁波、杭州，服务浙江发展。'], { province: '浙江', city: '杭州' });
    expect(texts(city)).toEqual(['宁波']);
    expect(city[0]?.message).toContain('本清单的地区是浙江杭州市');
  });
  it('is quiet on local places, national spirits and terms, everyday words that are also names, and without a declared place', () => {
    expect(run('foreign-place', ['服务浙江、杭州市、宁波发展，建设美丽浙江。'], { province: '浙江' })).toEqual([]);
    const national = '弘扬延安精神、大庆精神，学习遵义会议、古田会议，维护社会长治久安，推动世界大同，防止文山会海，四平八稳不可取，培育新乡贤。';
    expect(run('foreign-place', [national], { province: '浙江' })).toEqual([]);
    expect(run('foreign-place', ['建设美丽江苏，推广安全生产经验。'], { province: '江苏' })).toEqual([]);
    expect(run('foreign-place', ['学习贵州经验。'])).toEqual([]);
  });
  it('reads the longer name where two overlap: 浙江西部 is 浙江, not 江西', () => {
    expect(texts(run('foreign-place', ['浙江西部'], { province: '江西' }))).toEqual(['浙江']);
  });
});

describe('mixed-places', () => {
  it('without a declared place, reports the first mention of each province when there are two or more', () => {
    const found = run('mixed-places', ['习近平总书记对内蒙古工作的重要讲话。', '弘扬新时代贵州精神，服务内蒙古。']);
    expect(found.map((f) => [f.paragraph, f.text])).toEqual([[1, '内蒙古'], [2, '贵州']]);
    expect(found[1]?.message).toBe('出现多个省份的地名（内蒙古、贵州），此处为“贵州”（贵州）：应只有本地的地名，请核对是否从外地范文带来');
  });
  it('is quiet with one province, and when a province is declared (foreign-place checks then)', () => {
    expect(run('mixed-places', ['服务浙江、杭州、宁波。'])).toEqual([]);
    expect(run('mixed-places', ['对内蒙古工作，弘扬新时代贵州精神。'], { province: '内蒙古' })).toEqual([]);
  });
});

describe('organ-mismatch', () => {
  it('fires on a school’s words in an organ’s list and a bureau’s words in a school’s', () => {
    const found = run('organ-mismatch', ['来不及召开校领导班子会议，组织全校师生和教职工。'], { unit: '区发展和改革局' });
    expect(texts(found)).toEqual(['校领导班子', '全校', '师生', '教职工']);
    expect(found[0]?.message).toBe('出现学校的用语“校领导班子”，本单位是机关（区发展和改革局）：应为本单位的说法（如“局党组会议”“干部职工”）');
    expect(texts(run('organ-mismatch', ['严格遵守局党组议事规则。'], { unit: '区第一中学' }))).toEqual(['局党组']);
    expect(texts(run('organ-mismatch', ['代表局党组讲话。'], { unit: '区发展和改革委员会' }))).toEqual(['局党组']);
    expect(texts(run('organ-mismatch', ['召开校领导班子会议。'], { unit: 'XX街道办事处' }))).toEqual(['校领导班子']);
  });
  it('is quiet on the unit’s own words, in an education organ’s list, after 各, and when the kind is unknown', () => {
    expect(run('organ-mismatch', ['严格遵守局党组议事规则，召开局党组会议。'], { unit: '区发展和改革局' })).toEqual([]);
    expect(run('organ-mismatch', ['召开校领导班子会议，服务全校师生。'], { unit: '区实验小学' })).toEqual([]);
    expect(run('organ-mismatch', ['关心全区师生和教职工。'], { unit: '区教育局' })).toEqual([]);
    expect(run('organ-mismatch', ['指导各局党组落实责任。'], { unit: '区委组织部' })).toEqual([]);
    expect(run('organ-mismatch', ['召开校领导班子会议。'])).toEqual([]);
  });
});

describe('organ-level', () => {
  it('fires on 委 and 直 that do not match a district unit', () => {
    const found = run('organ-level', ['市直机关作为贯彻落实县委决策部署的第一方阵，区直各单位。'], { province: '浙江', unit: '区发展和改革局' });
    expect(texts(found)).toEqual(['市直', '县委']);
    expect(found[0]).toMatchObject({ message: '出现“市直”，本单位是区级（区发展和改革局）：应为“区直”', suggestion: '区直' });
    expect(found[1]?.suggestion).toBe('区委');
  });
  it('fires on 省委 and 省直 in an autonomous region or a municipality', () => {
    const found = run('organ-level', ['执行省委、市委、区委相关规定。'], { province: '内蒙古', unit: '区发展和改革局' });
    expect(found.map((f) => [f.text, f.suggestion])).toEqual([['省委', '区委']]);
    expect(found[0]?.message).toContain('内蒙古是自治区，没有“省委”');
    expect(texts(run('organ-level', ['省直机关'], { province: '北京', level: '区' }))).toEqual(['省直']);
  });
  it('in an autonomous region never reports 区委 or 区直, and does not read the level from 区 alone', () => {
    expect(run('organ-level', ['区直机关落实区委部署，市直机关配合。'], { province: '内蒙古', unit: '区发展和改革局' })).toEqual([]);
    expect(texts(run('organ-level', ['区直机关落实区委部署，市直机关配合。'], { province: '内蒙古', unit: '区发展和改革局', level: '省' }))).toEqual(['市直']);
    expect(texts(run('organ-level', ['县委、区委、旗直。'], { province: '内蒙古', level: '市' }))).toEqual(['县委', '旗直']);
  });
  it('is quiet on the unit’s level and above, on other words, after 各, and when the level is unknown', () => {
    expect(run('organ-level', ['执行省委、市委、区委相关规定，区直机关工委。'], { province: '浙江', unit: '区发展和改革局' })).toEqual([]);
    expect(run('organ-level', ['社区委员会、城市直管、山区直接受益、各县委。'], { province: '浙江', level: '市' })).toEqual([]);
    expect(run('organ-level', ['市直机关、县委。'], { province: '浙江' })).toEqual([]);
  });
});

describe('superior-body', () => {
  it('fires on 政协 or 人大 as the body the unit reports to, joins the 民主生活会 of, or is led by', () => {
    const found = run('superior-body', ['及时向区政协请示报告。认真参加区政协领导班子民主生活会。自觉接受市人大常委会领导。按规定向区政协报告本单位落实全面从严治党主体责任情况。'], { province: '浙江', unit: '区发展和改革局' });
    expect(texts(found)).toEqual(['区政协', '区政协', '市人大常委会', '区政协']);
    expect(found[0]).toMatchObject({ message: '出现“区政协”作为本单位的上级机关，区发展和改革局的上级是党委：应为“区委”', suggestion: '区委' });
  });
  it('is quiet on 区委, on 人大 supervision, in the 政协’s own organ, and when the unit is unknown', () => {
    expect(run('superior-body', ['及时向区委请示报告，自觉接受人大监督，向区人大常委会报告工作。'], { unit: '区发展和改革局' })).toEqual([]);
    expect(run('superior-body', ['及时向区政协党组请示报告。'], { unit: '区政协办公室' })).toEqual([]);
    expect(run('superior-body', ['及时向区政协请示报告。'])).toEqual([]);
  });
});

describe('year-mismatch', () => {
  it('fires on a year other than the list’s or the year before, with its sentence', () => {
    const found = run('year-mismatch', ['2025年度重点任务清单。', '总结2022年经验，开展二〇二三年检查。'], { year: 2025 });
    expect(found.map((f) => [f.text, f.excerpt])).toEqual([['2022', '总结2022年经验，开展二〇二三年检查。'], ['二〇二三', '总结2022年经验，开展二〇二三年检查。']]);
    expect(found[0]?.message).toBe('出现年份“2022年”，清单年度是 2025 年：应为 2025 年或其上一年，请核对这一句');
  });
  it('reads the year from the title when none is declared', () => {
    expect(texts(run('year-mismatch', ['2024年度重点任务清单', '完成2022年整改。']))).toEqual(['2022']);
  });
  it('is quiet on the year, the year before, national goals, a span that covers the year, and without a year', () => {
    expect(run('year-mismatch', ['2025年清单', '对照2024年问题，到2035年基本实现现代化，落实2021—2025年规划，2049年。'], { year: 2025 })).toEqual([]);
    expect(run('year-mismatch', ['清单', '完成2022年整改。'])).toEqual([]);
  });
});

describe('doubled-punctuation', () => {
  it('fires on doubled marks with the single one as suggestion, and on two pause marks in a row', () => {
    const found = run('doubled-punctuation', '惠民政策，，不断增强。。学习、、落实，。');
    expect(found.map((f) => [f.text, f.suggestion])).toEqual([['，，', '，'], ['。。', '。'], ['、、', '、'], ['，。', undefined]]);
    expect(found[0]?.message).toBe('出现重复的标点“，，”，应为“，”');
  });
  it('is quiet on single marks, ellipses and dashes', () => {
    expect(run('doubled-punctuation', '落实政策，不断增强……学习——落实。“是”，“否”。')).toEqual([]);
  });
});

describe('halfwidth-punctuation', () => {
  it('fires on , ; : ? ! . ( ) and straight quotes in Chinese text, with the full-width mark', () => {
    const found = run('halfwidth-punctuation', '政治引领,推动工作;落实:是否?好!工作.推进(试行)\'五大行动"');
    expect(found.map((f) => [f.text, f.suggestion])).toEqual([
      [',', '，'], [';', '；'], [':', '：'], ['?', '？'], ['!', '！'], ['.', '。'], ['(试行)', '（试行）'], ["'", undefined], ['"', undefined],
    ]);
  });
  it('is quiet on numbers, Latin text and full-width marks', () => {
    expect(run('halfwidth-punctuation', '1.深刻领悟“两个确立”，全年不少于12次，比例1.5倍，Word(2019)，“1+N”区域化党建。')).toEqual([]);
  });
});

describe('unbalanced-pairs', () => {
  it('fires on an opening mark without its closing one and a closing one without opening', () => {
    const found = run('unbalanced-pairs', '申报“担当作为、狠抓落实优秀案例。《条例》》（试行');
    expect(found.map((f) => [f.text, f.offset])).toEqual([['“', 2], ['》', 21], ['（', 22]]);
    expect(found[0]?.message).toBe('出现双引号前半「“」，后面应有对应的「”」');
    expect(found[1]?.message).toBe('出现多余的书名号后半「》」，前面应有对应的「《」');
  });
  it('is quiet on paired and nested marks', () => {
    expect(run('unbalanced-pairs', '《条例》规定：“不得‘打招呼’”（含专题研讨）【注】〔2025〕1号。')).toEqual([]);
  });
});

describe('stray-space', () => {
  it('fires on spaces between Chinese characters, suggesting to delete them', () => {
    const found = run('stray-space', '认真 落实全面从严治党　责任。');
    expect(found.map((f) => [f.text, f.suggestion, f.offset])).toEqual([[' ', '', 2], ['\u3000', '', 11]]);
  });
  it('is quiet on indentation, spaces next to Latin or digits, page numbers, short table labels and a blank date', () => {
    expect(run('stray-space', '　　认真落实 Word 2019 要求，全年 12 次。')).toEqual([]);
    expect(run('stray-space', '区发展和改革局　党组　2025年　　月　　日')).toEqual([
      expect.objectContaining({ text: '\u3000', offset: 7 }),
    ]);
    expect(run('stray-space', [{ text: '— 1 —', where: { part: 'footer', index: 1 } }, { text: '姓　　名', where: { part: 'table', index: 1, row: 1, cell: 1 } }])).toEqual([]);
  });
});

describe('numbering', () => {
  it('fires on a gap, a repeat, a step back and a first number other than 1', () => {
    expect(run('numbering', ['一、甲', '二、乙', '四、丁']).map((f) => [f.text, f.message, f.suggestion])).toEqual([['四、', '编号跳号：“二、”之后是“四、”，应为“三、”', '三、']]);
    expect(run('numbering', ['1.甲', '2.乙', '2.丙']).map((f) => f.message)).toEqual(['出现重复的编号“2.”，应为“3.”']);
    expect(run('numbering', ['1.甲', '2.乙', '3.丙', '1.丁']).map((f) => f.message)).toEqual(['编号倒退：“3.”之后是“1.”，应为“4.”']);
    expect(run('numbering', ['二、乙', '三、丙']).map((f) => f.message)).toEqual(['编号从“二、”开始，应为“一、”']);
  });
  it('fires on two styles mixed at one level', () => {
    const found = run('numbering', ['一、总体', '（一）甲', '（二）乙', '3.丙']);
    expect(found.map((f) => [f.paragraph, f.text, f.suggestion])).toEqual([[4, '3.', '（三）']]);
    expect(found[0]?.message).toBe('出现“3.”，与上一条“（二）”不是同一种编号，应为“（三）”');
  });
  it('is quiet on restarts under a new heading, continuous numbering across sections, a second list of a compilation, tables apart, and Word’s own numbering', () => {
    expect(run('numbering', ['一、甲', '第一，子', '第二，子', '二、乙', '第一，子'])).toEqual([]);
    expect(run('numbering', ['一、甲', '1.子', '2.子', '二、乙', '3.子', '4.子'])).toEqual([]);
    expect(run('numbering', ['一、甲', '二、乙', '清单', '一、丙', '二、丁'])).toEqual([]);
    const table: DocumentParagraph[] = [
      { text: '1.甲', where: { part: 'body', index: 1 } },
      { text: '1.表中', where: { part: 'table', index: 1, row: 1, cell: 1 } },
      { text: '2.表中', where: { part: 'table', index: 1, row: 2, cell: 1 } },
      { text: '2.乙', where: { part: 'body', index: 2 } },
      { text: '5.自动编号的段落', where: { part: 'body', index: 3 }, autoNumbered: true },
    ];
    expect(run('numbering', table)).toEqual([]);
  });
});

describe('name-consistency', () => {
  it('fires on the unit’s name shortened beside the full name, and on the leader’s name one character off', () => {
    const found = run('name-consistency', ['区发展和改革局党组', '每年与区发展改革局领导班子谈心'], { unit: '区发展和改革局' });
    expect(found.map((f) => [f.paragraph, f.text, f.suggestion])).toEqual([[2, '区发展改革局', '区发展和改革局']]);
    expect(found[0]?.message).toBe('单位名称写法不一：出现“区发展改革局”，应为“区发展和改革局”');
    const leader = run('name-consistency', ['王建国同志根据分工', '王健国同志要自觉', '王建同志带头'], { leader: '王建国同志' });
    expect(leader.map((f) => [f.text, f.suggestion])).toEqual([['王健国', '王建国'], ['王建', '王建国']]);
  });
  it('fires on one organ system written two ways, suggesting the more used form', () => {
    const found = run('name-consistency', ['提高市直机关党建质量', '市直属机关作为第一方阵', '市直机关工委', '全市市直机关']);
    expect(found.map((f) => [f.paragraph, f.text, f.suggestion])).toEqual([[2, '市直属机关', '市直机关']]);
  });
  it('is quiet when each name is written one way, when only the short form is used, and on other people', () => {
    expect(run('name-consistency', ['区发展和改革局', '区发展和改革局党组'], { unit: '区发展和改革局' })).toEqual([]);
    expect(run('name-consistency', ['区发改局', '区发改局党组'], { unit: '区发展和改革局' })).toEqual([]);
    expect(run('name-consistency', ['王建国同志根据分工', '与党组其他同志互相信任', '以习近平同志为核心'], { leader: '王建国' })).toEqual([]);
    expect(run('name-consistency', ['市直机关', '区直属机关'])).toEqual([]);
  });
});

describe('doubled-tongzhi', () => {
  it('fires on 同志同志', () => {
    expect(run('doubled-tongzhi', '王建国同志同志根据分工').map((f) => [f.text, f.suggestion, f.message])).toEqual([['同志同志', '同志', '出现“同志同志”，应为“同志”']]);
  });
  it('is quiet on one 同志', () => {
    expect(run('doubled-tongzhi', '王建国同志与党组其他同志')).toEqual([]);
  });
});

describe('outdated-wording', () => {
  it('fires on superseded 提法 from the year the dictionary gives, with the replacement and the source', () => {
    const found = run('outdated-wording', ['深入学习党的十九大精神，做好常态化新冠肺炎疫情防控，区环境保护局配合。'], { year: 2024 });
    expect(found.map((f) => [f.text, f.suggestion])).toEqual([['党的十九大精神', '党的二十大精神'], ['常态化新冠肺炎疫情防控', undefined], ['环境保护局', '生态环境局']]);
    expect(found[0]).toMatchObject({ severity: 'info', message: expect.stringMatching(/^出现已被取代的提法“党的十九大精神”，应为“党的二十大精神”（中国共产党第二十次全国代表大会/u) });
  });
  it('is quiet before the year an entry dates from, and on current wording', () => {
    expect(run('outdated-wording', ['深入学习党的十九大精神。'], { year: 2022 })).toEqual([]);
    expect(run('outdated-wording', ['深入学习党的二十大精神，区生态环境局、区市场监督管理局。'], { year: 2025 })).toEqual([]);
  });
});

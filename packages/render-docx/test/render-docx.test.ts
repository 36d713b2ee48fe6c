import { gbt9704 } from '@qingdan/layout';
import { QingdanError, type ResolvedDocument } from '@qingdan/model';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { buildDocxDocument, renderDocx, type DocxWarning } from '../src/index.js';
import { resolvedDocument as tiny, seedResponsibilityList } from './fixture.js';
import { all, attrs, docxParts, first, packParts, paragraphText, style } from './parts.js';

const doc = seedResponsibilityList();

describe('public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual(['StyleId', 'buildDocxDocument', 'docxMetrics', 'renderDocx', 'splitText']);
  });
});

describe('page setup', async () => {
  const parts = await packParts(buildDocxDocument(doc));
  const sect = first(parts.document, 'w:sectPr');

  it('is A4 with the GB/T 9704 margins', () => {
    expect(attrs(first(sect, 'w:pgSz'))).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    expect(attrs(first(sect, 'w:pgMar'))).toMatchObject({ 'w:top': '2098', 'w:right': '1474', 'w:bottom': '1984', 'w:left': '1587' });
  });

  it('puts the page number 7 mm below the type area: footer distance = 28 mm − half a 四号 line', () => {
    // 28 mm = 1587 twips; half of 14 pt = 140 twips.
    expect(first(sect, 'w:pgMar').getAttribute('w:footer')).toBe('1447');
  });

  it('records the exact pitch in the document grid, without a lines grid (LibreOffice would give a 二号 title line two rows)', () => {
    expect(attrs(first(sect, 'w:docGrid'))).toMatchObject({ 'w:linePitch': '579', 'w:type': 'default' });
  });
});

describe('styles: fonts by role, set apart for East Asian and Latin text', async () => {
  const { styles } = await packParts(buildDocxDocument(doc));

  it('docDefaults carry the body face, size, language and exact pitch', () => {
    const rPr = first(first(styles, 'w:rPrDefault'), 'w:rPr');
    expect(attrs(first(rPr, 'w:rFonts'))).toMatchObject({ 'w:eastAsia': '仿宋_GB2312', 'w:ascii': 'Times New Roman', 'w:hAnsi': 'Times New Roman' });
    expect(first(rPr, 'w:sz').getAttribute('w:val')).toBe('32');
    expect(first(rPr, 'w:lang').getAttribute('w:eastAsia')).toBe('zh-CN');
    expect(attrs(first(first(styles, 'w:pPrDefault'), 'w:spacing'))).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact' });
  });

  it('Normal: 三号 仿宋, exact 28.95 pt, justified, two-character first-line indent, −0.3 pt spacing', () => {
    const normal = style(styles, 'Normal');
    expect(attrs(first(normal, 'w:rFonts'))).toMatchObject({ 'w:eastAsia': '仿宋_GB2312', 'w:ascii': 'Times New Roman', 'w:hAnsi': 'Times New Roman' });
    expect(first(normal, 'w:sz').getAttribute('w:val')).toBe('32');
    expect(first(normal, 'w:lang').getAttribute('w:eastAsia')).toBe('zh-CN');
    const pPr = first(normal, 'w:pPr');
    expect(attrs(first(pPr, 'w:spacing'))).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact' });
    expect(attrs(first(pPr, 'w:ind'))).toMatchObject({ 'w:firstLineChars': '200', 'w:firstLine': '640' });
    expect(first(pPr, 'w:jc').getAttribute('w:val')).toBe('both');
    // Run spacing in twentieths of a point: −5 = −0.25 pt.
    expect(first(first(normal, 'w:rPr'), 'w:spacing').getAttribute('w:val')).toBe('-6');
  });

  it.each([
    ['QdTitle', '方正小标宋简体', '44', 'center'],
    ['QdHeading1', '黑体', '32', 'both'],
    ['QdHeading2', '楷体_GB2312', '32', 'both'],
    ['QdPageNumber', '宋体', '28', 'both'],
  ])('%s: %s, w:sz %s, jc %s', (id, face, sz, jc) => {
    const s = style(styles, id);
    expect(first(s, 'w:rFonts').getAttribute('w:eastAsia')).toBe(face);
    expect(first(s, 'w:sz').getAttribute('w:val')).toBe(sz);
    expect(first(s, 'w:jc').getAttribute('w:val')).toBe(jc);
  });

  it('the title is not indented and is followed by one empty grid line', () => {
    const pPr = first(style(styles, 'QdTitle'), 'w:pPr');
    expect(attrs(first(pPr, 'w:ind'))).toMatchObject({ 'w:firstLine': '0', 'w:firstLineChars': '0' });
    expect(attrs(first(pPr, 'w:spacing'))).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact', 'w:after': '579' });
  });
});

describe('document body', async () => {
  const parts = await packParts(buildDocxDocument(doc));
  const paras = all(first(parts.document, 'w:body'), 'w:p');

  it('has the title, then one paragraph per block, numbers as text', () => {
    expect(paras).toHaveLength(1 + doc.blocks.length);
    expect(paragraphText(paras[0]!)).toBe('2023年履行全面从严治党\n重要领导责任清单');
    expect(paragraphText(paras[2]!)).toMatch(/^一、坚定拥护“两个确立”/);
    expect(paragraphText(paras[3]!)).toMatch(/^1\.深刻领悟/);
    expect(paras.map(paragraphText).filter((t) => /^\d+\./.test(t)).map((t) => t.split('.')[0])).toEqual(
      Array.from({ length: 22 }, (_, i) => String(i + 1)),
    );
  });

  it('never uses Word list numbering', () => {
    // docx always writes its default bullet list into numbering.xml; nothing may refer to it.
    expect(all(parts.document, 'w:numPr')).toHaveLength(0);
    expect(all(parts.styles, 'w:numPr')).toHaveLength(0);
  });

  it('sets fonts and zh-CN on every run, by role', () => {
    const runs = all(parts.document, 'w:r');
    expect(runs.length).toBeGreaterThan(30);
    for (const r of runs) {
      const f = attrs(first(r, 'w:rFonts'));
      expect(f['w:ascii']).toBe('Times New Roman');
      expect(f['w:hAnsi']).toBe('Times New Roman');
      expect(first(r, 'w:lang').getAttribute('w:eastAsia')).toBe('zh-CN');
    }
    const faceOf = (p: Element): string | null => first(p, 'w:rFonts').getAttribute('w:eastAsia');
    expect(faceOf(paras[0]!)).toBe('方正小标宋简体');
    expect(faceOf(paras[2]!)).toBe('黑体');
    expect(faceOf(paras[3]!)).toBe('仿宋_GB2312');
  });

  it('keeps widow control off and writes w:overflowPunct on (LibreOffice reads it inverted: no hanging there)', () => {
    for (const p of paras.slice(1)) {
      expect(first(p, 'w:widowControl').getAttribute('w:val')).toBe('false');
      expect(first(p, 'w:overflowPunct').hasAttribute('w:val')).toBe(false);
    }
  });

  it('does not stretch a line that ends in a typed line break', () => {
    expect(all(parts.settings, 'w:doNotExpandShiftReturn')).toHaveLength(1);
  });
});

describe('page numbers', async () => {
  const parts = await packParts(buildDocxDocument(doc));

  it('turns on even and odd footers in settings.xml', () => {
    expect(all(parts.settings, 'w:evenAndOddHeaders')).toHaveLength(1);
  });

  it.each([
    ['default', 'right'],
    ['even', 'left'],
  ])('%s footer: "— PAGE —" in 四号 宋体, jc %s, one character in', (type, side) => {
    const footer = parts.footers[type];
    expect(footer).toBeDefined();
    const p = first(footer!, 'w:p');
    expect(first(p, 'w:jc').getAttribute('w:val')).toBe(side);
    expect(first(p, 'w:ind').getAttribute(`w:${side}`)).toBe('280');
    const instr = all(p, 'w:instrText').map((e) => e.textContent ?? '').join('');
    expect(instr.trim()).toBe('PAGE');
    expect(all(p, 'w:fldChar').map((e) => e.getAttribute('w:fldCharType'))).toEqual(['begin', 'separate', 'end']);
    expect(all(p, 'w:t').map((e) => e.textContent)).toEqual(['— ', ' —']);
    for (const f of all(p, 'w:rFonts')) expect(attrs(f)).toMatchObject({ 'w:eastAsia': '宋体', 'w:ascii': '宋体', 'w:hAnsi': '宋体' });
    for (const sz of all(p, 'w:sz')) expect(sz.getAttribute('w:val')).toBe('28');
  });
});

describe('clauses with a lead sentence', () => {
  const withLead = tiny([{ kind: 'clause', number: '第一，', lead: '认真履行主责主业。', text: '机关党委书记要聚焦主责主业。' }]);

  it('sets the lead in bold and the rest plain, numbering as typed', async () => {
    const { document } = await packParts(buildDocxDocument(withLead));
    const runs = all(first(document, 'w:body'), 'w:r').slice(1);
    expect(runs.map((r) => [paragraphText(r), all(r, 'w:b').length > 0])).toEqual([
      ['第一，', false],
      ['认真履行主责主业。', true],
      ['机关党委书记要聚焦主责主业。', false],
    ]);
  });

  it('can leave the lead plain', async () => {
    const { document } = await packParts(buildDocxDocument(withLead, { boldLead: false }));
    expect(all(document, 'w:b')).toHaveLength(0);
  });

  it('renders level-2 headings in 楷体', async () => {
    const { document } = await packParts(buildDocxDocument(tiny([{ kind: 'heading', level: 2, number: '（一）', text: '小节' }])));
    const p = all(first(document, 'w:body'), 'w:p')[1]!;
    expect(first(p, 'w:pStyle').getAttribute('w:val')).toBe('QdHeading2');
    expect(first(p, 'w:rFonts').getAttribute('w:eastAsia')).toBe('楷体_GB2312');
    expect(paragraphText(p)).toBe('（一）小节');
  });
});

describe('bad input never breaks the file', () => {
  it('keeps & < > and quotes as typed, turns \\n and \\u000b into line breaks, keeps 𠮷', async () => {
    const warnings: DocxWarning[] = [];
    const bytes = await renderDocx(
      tiny([{ kind: 'paragraph', text: 'A&B 联合办公室<试行>\u000b“引号”\'单\'"双"\n吉𠮷\tTab' }], ['A&B <标题>']),
      { onWarning: (w) => warnings.push(w) },
    );
    const parts = await docxParts(bytes);
    const paras = all(first(parts.document, 'w:body'), 'w:p');
    expect(paragraphText(paras[0]!)).toBe('A&B <标题>');
    expect(paragraphText(paras[1]!)).toBe('A&B 联合办公室<试行>\n“引号”\'单\'"双"\n吉𠮷\tTab');
    expect(parts.raw['word/document.xml']).toContain('A&amp;B 联合办公室&lt;试行&gt;');
    expect(parts.raw['word/document.xml']).toContain('𠮷');
    expect(warnings).toEqual([]);
  });

  it('drops characters XML forbids, warns naming the place and code points, and writes valid XML', async () => {
    const warnings: DocxWarning[] = [];
    const bad = tiny(
      [
        { kind: 'paragraph', text: '好' },
        { kind: 'clause', number: '2.', text: `甲\u0001乙\uD800丙\uFFFE丁\u0085` },
      ],
      ['标\u001F题'],
    );
    const parts = await docxParts(await renderDocx(bad, { onWarning: (w) => warnings.push(w) }));
    const paras = all(first(parts.document, 'w:body'), 'w:p');
    expect(paragraphText(paras[0]!)).toBe('标题');
    expect(paragraphText(paras[2]!)).toBe('2.甲乙丙丁');
    expect(warnings.map((w) => w.message)).toEqual([
      '标题第 1 行含有 XML 不允许的字符 U+001F，已删除。请检查所填内容（多见于从 Excel 或网页粘贴的文字）。',
      '正文第 2 段（编号 2.）含有 XML 不允许的字符 U+0001、U+D800、U+FFFE、U+0085，已删除。请检查所填内容（多见于从 Excel 或网页粘贴的文字）。',
    ]);
    expect(warnings[1]!.where).toMatchObject({ block: 2, number: '2.' });
    for (const xml of Object.values(parts.raw)) expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  });

  it('does not modify the document it is given', async () => {
    const input = tiny([{ kind: 'paragraph', text: 'a\u0001b' }]);
    const copy = structuredClone(input);
    await renderDocx(input);
    expect(input).toEqual(copy);
  });

  it('throws RENDER_FAILED for a block kind it does not know', () => {
    const odd = tiny([{ kind: 'table', rows: [] } as unknown as ResolvedDocument['blocks'][number]]);
    expect(() => buildDocxDocument(odd)).toThrow(QingdanError);
    expect(() => buildDocxDocument(odd)).toThrow(
      expect.objectContaining({ code: 'RENDER_FAILED', message: expect.stringContaining('正文第 1 段的类型「table」未知') }),
    );
  });
});

describe('layout profile', () => {
  it('follows another profile’s numbers (e.g. a larger body size)', async () => {
    const layout = { ...gbt9704, fonts: { ...gbt9704.fonts, body: { name: '仿宋', sizePt: 15 } } };
    const { styles } = await packParts(buildDocxDocument(doc, { layout }));
    const normal = style(styles, 'Normal');
    expect(first(normal, 'w:sz').getAttribute('w:val')).toBe('30');
    expect(first(normal, 'w:rFonts').getAttribute('w:eastAsia')).toBe('仿宋');
    expect(first(normal, 'w:ind').getAttribute('w:firstLine')).toBe('600');
  });
});

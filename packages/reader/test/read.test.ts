/**
 * Reading documents: a .docx made here with the docx library (not our renderer) with headers,
 * footers, tables, Word numbering and tracked changes; text files in their encodings; and every
 * input that is not a readable list, with its message.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AlignmentType, DeletedTextRun, Document, Footer, Header, InsertedTextRun, LevelFormat, Packer, PageNumber, Paragraph, Tab, Table, TableCell, TableRow, Textbox, TextRun,
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentParagraph, QingdanError } from '@qingdan/model';
import { readDocument, readDocumentBytes } from '@qingdan/reader';

const dir = mkdtempSync(join(tmpdir(), 'qingdan-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cell = (...texts: string[]): TableCell => new TableCell({ children: texts.map((t) => new Paragraph(t)) });

async function sampleDocx(): Promise<Uint8Array> {
  const doc = new Document({
    numbering: { config: [{ reference: 'items', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] }] },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph('区发展和改革局文件')] }) },
        footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] })] }) },
        children: [
          new Paragraph('2025年度重点任务清单'),
          new Paragraph(''),
          new Paragraph({ children: [new TextRun('一、'), new TextRun({ text: '党组', bold: true }), new TextRun('重点任务')] }),
          new Paragraph({ children: [new TextRun({ children: ['甲', new Tab(), '乙'] }), new TextRun({ text: '丙', break: 1 })] }),
          new Paragraph({
            children: [
              new TextRun('落实'),
              new DeletedTextRun({ text: '旧的', id: 1, author: 'a', date: '2025-01-01T00:00:00Z' }),
              new InsertedTextRun({ text: '新的', id: 2, author: 'a', date: '2025-01-01T00:00:00Z' }),
              new TextRun('要求'),
            ],
          }),
          new Table({
            rows: [
              new TableRow({ children: [cell('序号'), cell('任务')] }),
              new TableRow({ children: [cell('1'), cell('学习党章', '（含专题研讨）')] }),
            ],
          }),
          new Paragraph({ text: '自动编号的条目', numbering: { reference: 'items', level: 0 } }),
          new Paragraph('结尾'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('readDocumentBytes on a .docx', () => {
  it('gives headers, then body paragraphs and table cells in reading order, then footers, each with where it stands', async () => {
    const doc = readDocumentBytes(await sampleDocx(), '/some/where/清单.docx');
    expect(doc.source).toBe('清单.docx');
    expect(doc.format).toBe('docx');
    expect(doc.paragraphs).toEqual([
      { text: '区发展和改革局文件', where: { part: 'header', index: 1 } },
      { text: '2025年度重点任务清单', where: { part: 'body', index: 1 } },
      { text: '一、党组重点任务', where: { part: 'body', index: 2 } },
      { text: '甲\t乙\n丙', where: { part: 'body', index: 3 } },
      { text: '落实新的要求', where: { part: 'body', index: 4 } },
      { text: '序号', where: { part: 'table', index: 1, row: 1, cell: 1 } },
      { text: '任务', where: { part: 'table', index: 1, row: 1, cell: 2 } },
      { text: '1', where: { part: 'table', index: 1, row: 2, cell: 1 } },
      { text: '学习党章', where: { part: 'table', index: 1, row: 2, cell: 2, paragraph: 1 } },
      { text: '（含专题研讨）', where: { part: 'table', index: 1, row: 2, cell: 2, paragraph: 2 } },
      { text: '自动编号的条目', where: { part: 'body', index: 5 }, autoNumbered: true },
      { text: '结尾', where: { part: 'body', index: 6 } },
      // the page number is a field: its code (PAGE) is not text
      { text: '—  —', where: { part: 'footer', index: 1 } },
    ]);
    expect(doc.autoNumbered).toBe(1);
    for (const p of doc.paragraphs) expect(DocumentParagraph.parse(p)).toEqual(p);
    expect(doc.text.split('\n').slice(0, 3)).toEqual(['区发展和改革局文件', '2025年度重点任务清单', '一、党组重点任务']);
  });

  it('reads a text box as a paragraph after the one it is anchored in, once even when Word stores it twice', async () => {
    const box = new Textbox({ alignment: AlignmentType.CENTER, children: [new Paragraph('框中文字')], style: { width: '200pt', height: '50pt' } });
    const made = readDocumentBytes(new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('前'), box, new Paragraph('后')] }] }))), 'a.docx');
    expect(made.paragraphs.map((p) => [p.text, p.where.index])).toEqual([['前', 1], ['框中文字', 2], ['后', 3]]);
    // Word's own way: a modern choice and a VML fallback of the same box
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
    const inBox = '<w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent>';
    const xml = `<w:document ${W}><w:body><w:p><w:r><w:t>锚</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${inBox}</w:drawing></mc:Choice><mc:Fallback><w:pict>${inBox}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p></w:body></w:document>`;
    const twice = readDocumentBytes(zipSync({ 'word/document.xml': strToU8(xml) }), 'b.docx');
    expect(twice.paragraphs.map((p) => p.text)).toEqual(['锚', '框中文字']);
  });

  it('refuses a damaged zip, a zip that is no Word document, bad XML and a document without text', async () => {
    const failure = (bytes: Uint8Array, name = 'x.docx'): QingdanError => {
      try {
        readDocumentBytes(bytes, name);
      } catch (e) {
        return e as QingdanError;
      }
      throw new Error('no error');
    };
    expect(failure(Buffer.from('PK\u0003\u0004 not really a zip'))).toMatchObject({ code: 'IMPORT_FAILED', message: expect.stringContaining('「x.docx」不是可读的 Word 文档（.docx）：压缩包已损坏') });
    expect(failure(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }), '表.docx').message).toContain('压缩包中没有 Word 正文（word/document.xml）——可能是 Excel、PowerPoint 或其他 ZIP 文件');
    expect(failure(zipSync({ 'word/document.xml': strToU8('<w:document><w:body>') })).message).toContain('word/document.xml 不是格式正确的 XML');
    const empty = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('')] }] })));
    expect(failure(empty).message).toContain('是 Word 文档，但里面没有文字');
    expect(failure(new Uint8Array(), 'empty.docx').message).toContain('「empty.docx」是空文件（0 字节）');
  });
});

describe('readDocumentBytes on text', () => {
  const TEXT = '2025年度重点任务清单\r\n\r\n一、总体要求\r\n  \r\n第一，认真贯彻《条例》。';
  it('gives the lines with text, each with its line number, in UTF-8, UTF-16 and GB18030', () => {
    const expected = [
      { text: '2025年度重点任务清单', where: { part: 'body', index: 1 } },
      { text: '一、总体要求', where: { part: 'body', index: 3 } },
      { text: '第一，认真贯彻《条例》。', where: { part: 'body', index: 5 } },
    ];
    const inputs: [Uint8Array, string][] = [
      [Buffer.from(TEXT, 'utf8'), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'utf-8-bom'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'utf-16le'],
      [iconv.encode(TEXT, 'gb18030'), 'gb18030'],
    ];
    for (const [bytes, format] of inputs) {
      const doc = readDocumentBytes(bytes, 'a.txt');
      expect([doc.format, doc.paragraphs, doc.text, doc.autoNumbered]).toEqual([format, expected, TEXT, 0]);
    }
  });
  it('refuses a PDF and an old Word file with advice', () => {
    expect(() => readDocumentBytes(Buffer.from('%PDF-1.7 …'), 'a.pdf')).toThrow('「a.pdf」是PDF 文件，无法直接读取：期望 .txt 或 .docx');
    expect(() => readDocumentBytes(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), 'a.doc')).toThrow(/旧版 Word（\.doc）或 WPS 文件，无法直接读取.*设了打开密码的 \.docx 也是这种格式/u);
  });
});

describe('readDocument', () => {
  it('reads a file by its content, whatever its name', async () => {
    const path = join(dir, '清单（另存）.txt');
    writeFileSync(path, await sampleDocx());
    expect((await readDocument(path)).format).toBe('docx');
  });
  it('says IO_FAILED for a missing file and a folder', async () => {
    await expect(readDocument(join(dir, 'nope.docx'))).rejects.toMatchObject({ code: 'IO_FAILED', message: expect.stringContaining('文件不存在') });
    await expect(readDocument(dir)).rejects.toMatchObject({ code: 'IO_FAILED', message: expect.stringContaining('这是一个文件夹') });
  });
});

/**
 * End to end with files: a .docx made from the sample at test time, a GB18030 copy, the files
 * `writeImport` writes (read back by the engine's loader), and the errors for inputs that are
 * not a sample text.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import iconv from 'iconv-lite';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentLines, exampleAnswers, resolve } from '@qingdan/engine';
import { loadTemplate } from '@qingdan/template-files';
import { formatReport, importSeed, writeImport, type ImportResult } from '@qingdan/importer';
import { QingdanError, Template } from '@qingdan/model';
import { SEED_FILE, seedDocuments } from './fixtures/seed-corrections.js';

let dir: string;
let fromTxt: ImportResult;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qingdan-import-'));
  fromTxt = await importSeed({ path: SEED_FILE });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A .docx with one paragraph per line of the seed, debris and blank lines included. */
async function writeSeedDocx(path: string): Promise<void> {
  const lines = readFileSync(SEED_FILE, 'utf8').split(/\r?\n/);
  const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
  await writeFile(path, await Packer.toBuffer(doc));
}

describe('other encodings and formats of the sample', () => {
  it('a .docx made from the sample imports to the same templates', async () => {
    const path = join(dir, '范文.docx');
    await writeSeedDocx(path);
    const fromDocx = await importSeed({ path });
    expect(fromDocx.report.format).toBe('docx');
    expect(fromDocx.report.notes).toEqual([]);
    expect(fromDocx.templates).toEqual(fromTxt.templates);
    expect(fromDocx.report.documents.map((d) => d.sections.map((s) => s.items))).toEqual([[9, 8, 6], [3, 3, 3, 4, 3, 3, 3]]);
  });

  it('a GB18030 copy and a UTF-8 copy with BOM import to the same templates', async () => {
    const text = readFileSync(SEED_FILE, 'utf8');
    const gb = join(dir, 'gb18030.txt');
    const bom = join(dir, 'bom.txt');
    await writeFile(gb, iconv.encode(text.replace(/\n/g, '\r\n'), 'gb18030'));
    await writeFile(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    const a = await importSeed({ path: gb });
    const b = await importSeed({ path: bom });
    expect([a.report.format, b.report.format]).toEqual(['gb18030', 'utf-8-bom']);
    expect(a.templates).toEqual(fromTxt.templates);
    expect(b.templates).toEqual(fromTxt.templates);
  });
});

describe('writeImport', () => {
  it('writes template.yaml files the engine loads and resolves back to the sample, and the report', async () => {
    const out = join(dir, 'out');
    const written = await writeImport(fromTxt, out);
    expect(written.templates).toEqual([join(out, 'task-list-2023', 'template.yaml'), join(out, 'responsibility-list-2023', 'template.yaml')]);
    for (const [i, file] of written.templates.entries()) {
      const text = await readFile(file, 'utf8');
      const first = text.split('\n')[0] ?? '';
      expect(first).toMatch(/^# yaml-language-server: \$schema=.*template\.schema\.json$/);
      const data = parseYaml(text) as Record<string, unknown>;
      // the $schema path, relative to the file, points at the model's JSON Schema
      expect(existsSync(resolvePath(dirname(file), String(data.$schema)))).toBe(true);
      expect(Template.safeParse(data).success).toBe(true);
      const t = loadTemplate(file);
      const id = i === 0 ? 'task-list' : 'responsibility-list';
      expect(documentLines(resolve(t, exampleAnswers(t)))).toEqual(seedDocuments()[id]);
    }
    const report = await readFile(written.report, 'utf8');
    expect(report).toBe(formatReport(fromTxt.report));
    expect(report).toContain('| 二、 | 机关党委重点任务工作清单 | 8 | 1 | 1 |');
    expect((await readdir(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to replace existing templates unless told to, and writes nothing then', async () => {
    const out = join(dir, 'again');
    await writeImport(fromTxt, out);
    const before = await readFile(join(out, 'task-list-2023', 'template.yaml'), 'utf8');
    const changed: ImportResult = { ...fromTxt, templates: fromTxt.templates.map((t) => ({ ...t, version: '0.2.0' })) };
    await expect(writeImport(changed, out)).rejects.toMatchObject({ code: 'IMPORT_FAILED', message: expect.stringContaining('模板文件已存在') });
    expect(await readFile(join(out, 'task-list-2023', 'template.yaml'), 'utf8')).toBe(before);
    await writeImport(changed, out, { overwrite: true });
    expect(await readFile(join(out, 'task-list-2023', 'template.yaml'), 'utf8')).toContain('version: 0.2.0');
  });
});

describe('inputs that are not a sample text', () => {
  const failure = async (name: string, bytes: Uint8Array): Promise<QingdanError> => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    const e: unknown = await importSeed({ path }).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(QingdanError);
    return e as QingdanError;
  };

  it('an empty file: says it is empty and what was expected', async () => {
    const e = await failure('empty.txt', new Uint8Array());
    expect(e.code).toBe('IMPORT_FAILED');
    expect(e.message).toMatch(/「empty\.txt」是空文件（0 字节）：应为含清单正文的文本（\.txt）或 Word（\.docx）文件/);
  });

  it('a file of blank lines and debris only', async () => {
    const e = await failure('blank.txt', Buffer.from('\n  \n##paidbegin##\n（-）\n##paidend##\n'));
    expect(e.message).toMatch(/没有正文：期望清单的标题和编号条目，实际只有网页残留（##paidbegin##、（-）、##paidend##）/);
  });

  it('a binary file (a PNG header): not text, with advice', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const e = await failure('picture.txt', png);
    expect(e.code).toBe('IMPORT_FAILED');
    expect(e.message).toMatch(/「picture\.txt」不是文本文件（含有 NUL（0x00）字节）：期望 UTF-8 或 GB18030 编码的 \.txt，或 Word 的 \.docx/);
  });

  it('an old Word .doc: says to save it as .docx', async () => {
    const e = await failure('old.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3]));
    expect(e.message).toContain('旧版 Word（.doc）或 WPS 文件，无法直接读取：期望 .txt 或 .docx');
  });

  it('a damaged .docx: says it is not a readable Word document', async () => {
    const e = await failure('broken.docx', Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(e.message).toContain('不是可读的 Word 文档（.docx）');
  });

  it('a text with no recognisable structure: what was expected and what was found', async () => {
    const e = await failure('prose.txt', Buffer.from('今天天气很好。\n我们去公园散步，看见很多人在跳舞。\n晚上回家吃饭。\n'));
    expect(e.code).toBe('IMPORT_FAILED');
    expect(e.message).toContain('认不出清单结构：期望一个含“清单”的标题，后面是带编号的部分和条目');
    expect(e.message).toContain('实际 3 行文字中没有一行以编号开头（开头是 第 1 行「今天天气很好。」、第 2 行「我们去公园散步，看见很多人在跳舞。」）');
  });

  it('a missing file: IO_FAILED naming the path', async () => {
    await expect(importSeed({ path: join(dir, 'nope.txt') })).rejects.toMatchObject({ code: 'IO_FAILED', message: expect.stringContaining('文件不存在') });
  });
});

describe('a .docx whose items use Word automatic numbering', () => {
  it('says so in the error, since the numbers are not in the text', async () => {
    const path = join(dir, 'auto.docx');
    const doc = new Document({
      numbering: { config: [{ reference: 'items', levels: [{ level: 0, format: 'decimal', text: '%1.', alignment: 'left' }] }] },
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('2024年度学习清单')] }),
            new Paragraph({ children: [new TextRun('学习党章。')], numbering: { reference: 'items', level: 0 } }),
            new Paragraph({ children: [new TextRun('学习准则。')], numbering: { reference: 'items', level: 0 } }),
          ],
        },
      ],
    });
    await writeFile(path, await Packer.toBuffer(doc));
    const e: unknown = await importSeed({ path }).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(QingdanError);
    expect((e as QingdanError).message).toContain('认不出清单结构');
    expect((e as QingdanError).message).toContain('Word 文档里有 2 段使用了自动编号，读出的文字不带这些编号');
  });
});

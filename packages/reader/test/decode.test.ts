import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { QingdanError } from '@qingdan/model';
import { decodeText } from '@qingdan/reader';

const TEXT = '一、党组（党委）重点工作任务清单\n第一，认真贯彻《条例》。';

describe('decodeText', () => {
  it('reads UTF-8, UTF-8 with BOM, UTF-16 with BOM and GB18030', () => {
    const utf8 = Buffer.from(TEXT, 'utf8');
    expect(decodeText(utf8, 'a.txt')).toEqual({ text: TEXT, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'a.txt')).toEqual({ text: TEXT, encoding: 'utf-8-bom' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'a.txt')).toEqual({ text: TEXT, encoding: 'utf-16le' });
    const gb = iconv.encode(TEXT, 'gb18030');
    expect(gb.equals(utf8)).toBe(false);
    expect(decodeText(gb, 'a.txt')).toEqual({ text: TEXT, encoding: 'gb18030' });
  });

  it('refuses empty, blank and binary input with a message naming the file', () => {
    const error = (bytes: Uint8Array): QingdanError => {
      try {
        decodeText(bytes, 'x.txt');
      } catch (e) {
        return e as QingdanError;
      }
      throw new Error('no error');
    };
    expect(error(new Uint8Array())).toMatchObject({ code: 'IMPORT_FAILED', message: expect.stringContaining('「x.txt」是空文件（0 字节）') });
    expect(error(Buffer.from(' \n\u3000\n'))).toMatchObject({ message: expect.stringContaining('只有空白，没有文字') });
    expect(error(Buffer.from([0x41, 0, 0x42]))).toMatchObject({ message: expect.stringContaining('不是文本文件（含有 NUL（0x00）字节）') });
    // bytes that are neither UTF-8 nor sensible GB18030: mostly control characters
    const noise = Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 37) % 32 || 1));
    expect(error(noise)).toMatchObject({ message: expect.stringMatching(/不是文本文件（\d+ \/ 200 个字符是控制字符或无法解码的字节）/) });
  });
});

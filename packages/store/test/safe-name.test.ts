import { describe, expect, it } from 'vitest';
import { collisionKey, DEFAULT_MAX_BYTES, numberedName, safeFileName, truncateUtf8, utf8Length } from '../src/index.js';

describe('safeFileName', () => {
  it('replaces the ASCII characters Windows forbids, one for one', () => {
    expect(safeFileName('a\\b/c:d*e?f"g<h>i|j')).toBe('a_b_c_d_e_f_g_h_i_j');
    expect(safeFileName('2024年张三/李四: 清单?')).toBe('2024年张三_李四_ 清单_');
  });

  it('keeps full-width punctuation, which is legal everywhere', () => {
    const name = '2024年“区发展和改革局”（试行）：张三、李四／王五？＊｜《清单》';
    expect(safeFileName(name)).toBe(name);
  });

  it('replaces control characters, bidi overrides and the BOM; tabs and newlines become a space', () => {
    expect(safeFileName('a\u0000b\u001fc\u007fd\u0085e')).toBe('a_b_c_d_e');
    expect(safeFileName('清单\u202Excod.exe')).toBe('清单_xcod.exe');
    expect(safeFileName('\ufeff清单')).toBe('_清单');
    expect(safeFileName('第一行\n第二行\t尾')).toBe('第一行 第二行 尾');
  });

  it('removes trailing dots and spaces, leading spaces, and makes a leading dot visible', () => {
    expect(safeFileName('清单. . ')).toBe('清单');
    expect(safeFileName('  清单')).toBe('清单');
    expect(safeFileName('.hidden')).toBe('_hidden');
    expect(safeFileName('..')).toBe('未命名');
  });

  it('renames Windows device names, with or without extension, in any case', () => {
    expect(safeFileName('CON')).toBe('CON_');
    expect(safeFileName('nul')).toBe('nul_');
    expect(safeFileName('Com1')).toBe('Com1_');
    expect(safeFileName('LPT9.tar')).toBe('LPT9_.tar');
    expect(safeFileName('aux ')).toBe('aux_');
    expect(safeFileName('CONSOLE')).toBe('CONSOLE');
    expect(safeFileName('COM10')).toBe('COM10');
  });

  it('gives 未命名 for an empty name', () => {
    expect(safeFileName('')).toBe('未命名');
    expect(safeFileName('   ')).toBe('未命名');
  });

  it('normalises to NFC', () => {
    expect(safeFileName('Cafe\u0301')).toBe('Caf\u00e9');
  });

  it('cuts names over the byte budget at a character boundary', () => {
    const long = '履行全面从严治党重要领导责任清单'.repeat(10); // 160 characters × 3 bytes = 480 bytes
    const safe = safeFileName(long);
    expect(utf8Length(safe)).toBeLessThanOrEqual(DEFAULT_MAX_BYTES);
    expect(safe.length).toBe(80); // 240 / 3
    expect(long.startsWith(safe)).toBe(true);
    // With the longest collision number and extension the file name still fits in 255 bytes.
    expect(utf8Length(`${numberedName(safe, 999)}.docx`)).toBeLessThanOrEqual(255);
  });

  it('never splits a surrogate pair or a grapheme cluster', () => {
    const astral = '𠀀'.repeat(70); // 4 bytes each
    const cut = safeFileName(astral);
    expect(cut).toBe('𠀀'.repeat(60));
    expect(/[\ud800-\udfff]/u.test(cut)).toBe(false); // no lone surrogate
    const family = '👨‍👩‍👧'; // 18 bytes, one grapheme
    expect(truncateUtf8(`ab${family}`, 10)).toBe('ab');
    expect(truncateUtf8(`ab${family}`, 20)).toBe(`ab${family}`);
  });

  it('removes a trailing dot or space that truncation exposes', () => {
    const name = `${'字'.repeat(79)} 尾巴`; // the cut falls right after the space
    expect(safeFileName(name)).toBe('字'.repeat(79));
  });
});

describe('collision helpers', () => {
  it('numbers names and compares them without case', () => {
    expect(numberedName('清单', 2)).toBe('清单 (2)');
    expect(collisionKey('2024/A局/Report.docx')).toBe(collisionKey('2024/a局/report.DOCX'));
  });
});

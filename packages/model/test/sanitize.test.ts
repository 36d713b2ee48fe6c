import { describe, expect, it } from 'vitest';
import { sanitizeText } from '@qingdan/model';

describe('sanitizeText', () => {
  it('turns a vertical tab and a form feed into line breaks', () => {
    expect(sanitizeText('A&B\u000b联合\u000c办公室')).toEqual({ text: 'A&B\n联合\n办公室', dropped: [], breaks: 2 });
  });
  it('drops XML-forbidden characters and lone surrogates, keeps tabs and astral characters', () => {
    expect(sanitizeText('a\u0000b\tc\r\nd\uD800e\uDC00f\uFFFEg𠮷')).toEqual({
      text: 'ab\tc\ndefg𠮷',
      dropped: ['U+0000', 'U+D800', 'U+DC00', 'U+FFFE'],
      breaks: 0,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { sanitizeText } from '@qingdan/model';

describe('sanitizeText', () => {
  it('turns a vertical tab and a form feed into line breaks', () => {
    expect(sanitizeText('A&B\u000b联合\u000c办公室')).toEqual({ text: 'A&B\n联合\n办公室', dropped: [], breaks: 2, bidi: [] });
  });
  it('drops XML-forbidden characters and lone surrogates, keeps tabs and astral characters', () => {
    expect(sanitizeText('a\u0000b\tc\r\nd\uD800e\uDC00f\uFFFEg𠮷')).toEqual({
      text: 'ab\tc\ndefg𠮷',
      dropped: ['U+0000', 'U+D800', 'U+DC00', 'U+FFFE'],
      breaks: 0,
      bidi: [],
    });
  });
  it('finds every bidirectional formatting character (U+202A–U+202E, U+2066–U+2069) with its position, and no other', () => {
    const all = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
    const r = sanitizeText(`张三${all}同志\u200E\u200F\u061C`);
    expect(r.bidi.map((b) => `${b.position} ${b.codePoint}`)).toEqual([
      '3 U+202A', '4 U+202B', '5 U+202C', '6 U+202D', '7 U+202E', '8 U+2066', '9 U+2067', '10 U+2068', '11 U+2069',
    ]);
    expect(r.bidi[4]?.name).toBe('RLO（从右到左强制）');
    // kept in the text: the caller refuses the value instead of changing what the user wrote
    expect(r.text).toBe(`张三${all}同志\u200E\u200F\u061C`);
    expect(r.dropped).toEqual([]);
  });
});

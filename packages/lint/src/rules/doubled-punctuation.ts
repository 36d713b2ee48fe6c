import { perParagraph, spans } from '../text.js';
import type { Rule } from '../types.js';

/** The same mark twice or more (，， 。。 、、 ；； ：： ？？ ！！). */
const DOUBLED = /([，。、；：？！])\1+/gu;
/** Two different pause or stop marks in a row (，。 、， ；。): one of them is left over from an edit. */
const MIXED = /[，、；：][，、；：。]|。[，、；：]/gu;

/** Doubled punctuation (，， 。。 、、) and two pause marks in a row (，。). */
export const doubledPunctuation: Rule = {
  id: 'doubled-punctuation',
  severity: 'error',
  description: '重复或连用的标点：，， 。。 、、 ；； 以及 ，。 、， 一类',
  check: perParagraph((text) => {
    const doubled = spans(DOUBLED, text).map((m) => ({
      offset: m.offset,
      text: m.text,
      message: `出现重复的标点“${m.text}”，应为“${m.groups[0] ?? ''}”`,
      suggestion: m.groups[0] ?? '',
    }));
    const mixed = spans(MIXED, text)
      .filter((m) => !doubled.some((d) => m.offset < d.offset + d.text.length && d.offset < m.offset + m.text.length))
      .map((m) => ({ offset: m.offset, text: m.text, message: `出现连用的标点“${m.text}”，应只保留其中一个` }));
    return [...doubled, ...mixed].sort((a, b) => a.offset - b.offset);
  }),
};

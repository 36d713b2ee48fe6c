import { z } from 'zod';
import outdatedJson from '../data/outdated.json' with { type: 'json' };
import { perParagraph, spans } from '../text.js';
import type { Rule } from '../types.js';

const OutdatedData = z.object({
  source: z.string(),
  date: z.string(),
  entries: z
    .array(
      z.strictObject({
        old: z.string().min(2),
        new: z.string(),
        fromYear: z.number().int(),
        source: z.string().min(4),
      }),
    )
    .min(1),
});

/** The dictionary (data/outdated.json), each entry's expression compiled once. */
const ENTRIES = OutdatedData.parse(outdatedJson).entries.map((e) => ({ ...e, re: new RegExp(e.old, 'gu') }));

/** Superseded 提法 from the dictionary data file, each with its replacement and source. */
export const outdatedWording: Rule = {
  id: 'outdated-wording',
  severity: 'info',
  description: '已被取代的提法（data/outdated.json：新冠肺炎 → 新冠病毒感染、党的十九大精神 → 党的二十大精神、机构改革前的机构名称……），从词条所注年度起提示；仅为提示，不影响退出码',
  check: perParagraph((text, context) => {
    const hits = ENTRIES.filter((e) => context.year === undefined || context.year >= e.fromYear).flatMap((e) =>
      spans(e.re, text).map((m) => ({
        offset: m.offset,
        text: m.text,
        message:
          e.new !== ''
            ? `出现已被取代的提法“${m.text}”，应为“${e.new}”（${e.source}）`
            : `出现已过时的提法“${m.text}”，应按现行要求改写或删去（${e.source}）`,
        ...(e.new !== '' ? { suggestion: e.new } : {}),
      })),
    );
    // An entry inside a longer one's match (新冠肺炎 in 常态化新冠肺炎疫情防控) is said once, by the longer.
    return hits.filter((h) => !hits.some((o) => o !== h && o.text.length > h.text.length && o.offset <= h.offset && h.offset + h.text.length <= o.offset + o.text.length));
  }),
};

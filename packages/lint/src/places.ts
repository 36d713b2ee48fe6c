/**
 * Place names in a text: provinces and prefecture-level cities (data/divisions.json, after GB/T
 * 2260), the regional slogans of a province (data/slogans.json), and the national spirits that
 * name a place but belong to every place (延安精神, 大庆精神, 北京冬奥精神 …). Pure; the data
 * are read once, at module load, and checked with zod.
 */
import { z } from 'zod';
import divisionsJson from './data/divisions.json' with { type: 'json' };
import slogansJson from './data/slogans.json' with { type: 'json' };

const PrefectureData = z.strictObject({
  code: z.string().regex(/^\d{4}$/u),
  name: z.string().min(2),
  short: z.string().min(2),
  /** Why the short name is not searched (only the full name is). */
  shortAmbiguous: z.string().optional(),
  /** Characters that, before the short name, make it no place name (“美丽江苏”). */
  notAfter: z.string().optional(),
});
const ProvinceData = z.strictObject({
  code: z.string().regex(/^\d{2}$/u),
  name: z.string().min(2),
  short: z.string().min(2),
  kind: z.enum(['province', 'municipality', 'autonomous-region']),
  prefectures: z.array(PrefectureData),
});
const DivisionsData = z.object({ source: z.string(), date: z.string(), provinces: z.array(ProvinceData).min(31) });
const SlogansData = z.object({
  source: z.string(),
  date: z.string(),
  national: z.array(z.string().min(2)),
  nationalTerms: z.array(z.string().min(2)),
  regional: z.array(z.strictObject({ slogan: z.string().min(2), province: z.string().min(2), source: z.string().min(1) })),
});

/** A province-level division (省, 自治区, 直辖市). */
export type Province = z.infer<typeof ProvinceData>;
/** A prefecture-level division (地级市, 地区, 自治州, 盟) and its province. */
export type Prefecture = z.infer<typeof PrefectureData> & { province: Province };

const divisions = DivisionsData.parse(divisionsJson);
const slogans = SlogansData.parse(slogansJson);

/** The source and date of the divisions table, for docs and `--help`. */
export const DIVISIONS_SOURCE = `${divisions.source}（${divisions.date}）`;

/** Every province-level division of the table (港澳台 are not in it: see the data file). */
export const PROVINCES: readonly Province[] = divisions.provinces;

const PREFECTURES: readonly Prefecture[] = PROVINCES.flatMap((p) => p.prefectures.map((c) => ({ ...c, province: p })));

/** A name without the spaces people type into it (`浙 江`). */
const bare = (name: string): string => name.replace(/\s+/gu, '');

/**
 * The province a name means: short (`浙江`), full (`浙江省`, `广西壮族自治区`) or short + 省/市/自治区.
 * @returns the province, or `undefined` for a name not in the table
 */
export function findProvince(name: string): Province | undefined {
  const n = bare(name);
  return PROVINCES.find((p) => p.name === n || p.short === n || n === `${p.short}省` || n === `${p.short}市` || n === `${p.short}自治区`);
}

/**
 * The prefecture-level city a name means (`杭州`, `杭州市`, `锡林郭勒盟`, `延边朝鲜族自治州`), in
 * `province` when one is given (several provinces have none of the same name, but the search is
 * narrowed all the same).
 */
export function findPrefecture(name: string, province?: Province): Prefecture | undefined {
  const n = bare(name);
  return PREFECTURES.find((c) => (province === undefined || c.province === province) && (c.name === n || c.short === n || n === `${c.short}市`));
}

/** One place named in a text. */
export interface PlaceMention {
  offset: number;
  text: string;
  province: Province;
  /** Absent when the name is the province's own. */
  prefecture?: Prefecture;
}

interface Name {
  text: string;
  province: Province;
  prefecture?: Prefecture;
  notAfter?: string;
}

/** Every searchable name by its first character's code, longest first. */
const NAMES: ReadonlyMap<number, readonly Name[]> = (() => {
  const all: Name[] = [];
  for (const p of PROVINCES) {
    all.push({ text: p.name, province: p }, { text: p.short, province: p });
  }
  for (const c of PREFECTURES) {
    all.push({ text: c.name, province: c.province, prefecture: c });
    // A short name that is also a province's (吉林) or an everyday word (长治久安) is not searched.
    if (!c.shortAmbiguous) all.push({ text: c.short, province: c.province, prefecture: c, ...(c.notAfter ? { notAfter: c.notAfter } : {}) });
  }
  const map = new Map<number, Name[]>();
  for (const n of all) {
    const list = map.get(n.text.charCodeAt(0)) ?? [];
    if (!list.some((x) => x.text === n.text)) list.push(n);
    map.set(n.text.charCodeAt(0), list);
  }
  for (const list of map.values()) list.sort((a, b) => b.text.length - a.text.length);
  return map;
})();

/** National spirits and terms whose place names belong to every place, longest first. */
const NATIONAL: readonly string[] = [...slogans.national, ...slogans.nationalTerms].sort((a, b) => b.length - a.length);

/** The spans of national spirits and terms in `text` (not overlapping, in order). */
export function nationalSpans(text: string): { offset: number; text: string }[] {
  const out: { offset: number; text: string }[] = [];
  for (const term of NATIONAL) {
    for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + term.length)) {
      if (!out.some((s) => i < s.offset + s.text.length && s.offset < i + term.length)) out.push({ offset: i, text: term });
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/**
 * Remembers a text function's results for the last few thousand texts: four rules ask for the
 * places of every paragraph, and a batch's documents share most of their clauses' text. The
 * results are shared, so they are read-only.
 */
function memo<T>(f: (text: string) => T, size = 4096): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      if (cache.size >= size) cache.clear();
      value = f(text);
      cache.set(text, value);
    }
    return value;
  };
}

/**
 * The provinces and prefecture-level cities named in `text`, leaving out those inside a national
 * spirit or term (延安精神, 遵义会议). Where two names overlap, the longer wins, then a province
 * over a city (“美丽江苏”: 江苏, not 丽江), then the earlier (“浙江西部”: 浙江, not 江西).
 */
export const findPlaces: (text: string) => readonly PlaceMention[] = memo(placesIn);

function placesIn(text: string): PlaceMention[] {
  const masked = nationalSpans(text);
  const inMask = (start: number, end: number): boolean => masked.some((s) => start < s.offset + s.text.length && s.offset < end);
  const candidates: (PlaceMention & { end: number })[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const names = NAMES.get(text.charCodeAt(i));
    if (names === undefined) continue;
    for (const n of names) {
      if (!text.startsWith(n.text, i)) continue;
      if (n.notAfter?.includes(text[i - 1] ?? '\u0000')) continue;
      const end = i + n.text.length;
      if (inMask(i, end)) continue;
      candidates.push({ offset: i, end, text: n.text, province: n.province, ...(n.prefecture ? { prefecture: n.prefecture } : {}) });
    }
  }
  candidates.sort((a, b) => b.text.length - a.text.length || Number(a.prefecture !== undefined) - Number(b.prefecture !== undefined) || a.offset - b.offset);
  const chosen: (PlaceMention & { end: number })[] = [];
  for (const c of candidates) if (!chosen.some((x) => c.offset < x.end && x.offset < c.end)) chosen.push(c);
  return chosen.sort((a, b) => a.offset - b.offset).map(({ end: _end, ...m }) => m);
}

/** A regional slogan named in a text. */
export interface SloganMention {
  offset: number;
  text: string;
  province: Province;
  /** The place name inside it, for “<place>精神”; absent for a table slogan (蒙古马精神). */
  place?: PlaceMention;
}

const REGIONAL = slogans.regional.map((r) => {
  const province = findProvince(r.province);
  if (!province) throw new Error(`data/slogans.json: unknown province ${r.province} for ${r.slogan}`);
  return { slogan: r.slogan, province };
});

/**
 * The regional slogans in `text`: the table's (蒙古马精神, 八八战略 …) and every
 * “(新时代)<place>(城市)精神” (新时代贵州精神, 浙江精神, 上海城市精神) that is not a national spirit.
 */
export const findSlogans: (text: string) => readonly SloganMention[] = memo(slogansIn);

function slogansIn(text: string): SloganMention[] {
  const out: SloganMention[] = [];
  for (const r of REGIONAL) {
    for (let i = text.indexOf(r.slogan); i >= 0; i = text.indexOf(r.slogan, i + r.slogan.length)) {
      out.push({ offset: i, text: r.slogan, province: r.province });
    }
  }
  for (const place of findPlaces(text)) {
    const tail = /^(?:城市)?精神/u.exec(text.slice(place.offset + place.text.length));
    if (!tail) continue;
    const start = text.slice(0, place.offset).endsWith('新时代') ? place.offset - 3 : place.offset;
    out.push({ offset: start, text: text.slice(start, place.offset + place.text.length + tail[0].length), province: place.province, place });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** The province's name for messages: the short name (`内蒙古`, `浙江`). */
export const provinceName = (p: Province): string => p.short;

/**
 * From what was written to what a batch can use: values normalised per template
 * (`normalizeAnswers` from `@qingdan/engine`), then the checks that catch real mistakes — a leader
 * without divisions, one division under two leaders of a unit, a unit without leaders, a duplicate
 * leader, two units of one name, a missing required value. Rows with errors are reported and left
 * out; good rows stay. The roster files and the answers file (`rosterFromAnswers`) both go
 * through this one validation.
 */
import { isSet, normalizeAnswers } from '@qingdan/engine';
import { LEADER_ROLE_NAMES, leaderRoleOf, type Answers, type RosterLeader, type RosterUnit, type Template, type Value } from '@qingdan/model';
import type { ColumnIndex, RosterColumn } from './columns.js';
import { locate, type Place, type RawField, type RawRoster, type Reporter } from './raw.js';

/** Context shared by the checks of one roster. */
interface Context {
  raw: RawRoster;
  index: ColumnIndex;
  templates: readonly Template[];
  report: Reporter;
  /** Sub-templates holding only the unit-scope (resp. leader-scope) variables of each template. */
  scoped: { unit: Template[]; leader: Template[] };
  /** The columns with the roles the checks look at. */
  unitCol: RosterColumn | undefined;
  leaderCol: RosterColumn | undefined;
  divisionsCol: RosterColumn | undefined;
  /** True when a template is issued per leader, so every unit needs leaders. */
  needsLeaders: boolean;
  /** True when a template is issued per leader: leaders are checked (else they are not used at all). */
  checkLeaders: boolean;
}

/**
 * Normalises and checks every unit and leader.
 *
 * @returns the units without errors, each with its leaders without errors
 */
export function checkRoster(raw: RawRoster, index: ColumnIndex, templates: readonly Template[], report: Reporter): RosterUnit[] {
  const scopeOf = (key: string): 'unit' | 'leader' => index.get(key)?.scope ?? 'unit';
  const scoped = (scope: 'unit' | 'leader'): Template[] =>
    templates
      .map((t) => ({ ...t, variables: t.variables.filter((v) => scopeOf(v.key) === scope) }))
      .filter((t) => t.variables.length > 0);
  const leaderCol = index.role('leader');
  const ctx: Context = {
    raw,
    index,
    templates,
    report,
    scoped: { unit: scoped('unit'), leader: scoped('leader') },
    unitCol: index.role('unit'),
    leaderCol,
    divisionsCol: index.role('divisions'),
    needsLeaders: leaderCol !== undefined && templates.some((t) => t.issuedPer === 'leader'),
    checkLeaders: templates.some((t) => t.issuedPer === 'leader'),
  };
  checkUnitNames(ctx);
  const out: RosterUnit[] = [];
  for (const unit of raw.units) {
    const checked = checkUnit(ctx, unit);
    if (checked) out.push(checked);
  }
  return out;
}

/**
 * Two units of one name (two YAML entries; CSV/XLSX rows of one name are one unit) would write
 * over each other's documents: both are reported at the later one, naming the first, and both
 * are left out (which one is right cannot be told).
 */
function checkUnitNames(ctx: Context): void {
  const { unitCol } = ctx;
  if (!unitCol) return;
  const first = new Map<string, { unit: RawRoster['units'][number]; place: Place }>();
  for (const unit of ctx.raw.units) {
    const value = unit.fields.get(unitCol.key)?.value;
    const name = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    if (name === '') continue;
    const place = placeOf(ctx, unitCol, unit.fields, unit.place);
    const seen = first.get(name);
    if (!seen) {
      first.set(name, { unit, place });
      continue;
    }
    seen.unit.broken = true;
    unit.broken = true;
    ctx.report.issue(
      place,
      `单位「${name}」在${locate(seen.place)}已经有一个：同名的两个单位会互相覆盖文档，两处都未生成。同一单位只写一次（班子成员都写在它的“班子成员”下）；如确为两个不同的单位，请写全称加以区分。`,
      { variable: unitCol.key },
    );
  }
}

function checkUnit(ctx: Context, unit: RawRoster['units'][number]): RosterUnit | undefined {
  const { report, unitCol, leaderCol, divisionsCol } = ctx;
  const values = normalizeScope(ctx, 'unit', unit.fields, unit.place, unit.reported);
  let ok = values.ok && !unit.broken;
  const name = unitCol ? asText(values.answers[unitCol.key]) : '';
  if (unitCol && name === '' && !ctx.raw.missingColumns.has(unitCol.key) && !unit.reported?.has(unitCol.key) && !values.failed.has(unitCol.key)) {
    ok = false;
    report.issue(placeOf(ctx, unitCol, unit.fields, unit.place), `没有填写「${unitCol.label}」：请填写单位全称，如“区发展和改革局”。`, {
      variable: unitCol.key,
    });
  }
  const unitLabel = name !== '' ? `单位「${name}」` : '本单位';

  const leaders: RosterLeader[] = [];
  /** Every leader row with a name, with or without errors: a 主要负责人 skipped for another error still counts. */
  const named: RosterLeader[] = [];
  const names = new Map<string, Place>();
  /** Names written twice in this unit: every row of such a name is left out. */
  const repeated = new Set<string>();
  const divisionOwner = new Map<string, { row: number; name: string }>();
  for (const leader of ctx.checkLeaders ? unit.leaders : []) {
    const lv = normalizeScope(ctx, 'leader', leader.fields, leader.place, leader.reported);
    let leaderOk = lv.ok && !leader.broken;
    const leaderName = leaderCol ? asText(lv.answers[leaderCol.key]) : '';
    if (leaderCol && leaderName === '' && !ctx.raw.missingColumns.has(leaderCol.key) && !leader.reported?.has(leaderCol.key) && !lv.failed.has(leaderCol.key)) {
      leaderOk = false;
      report.issue(
        placeOf(ctx, leaderCol, leader.fields, leader.place),
        `这一行填了班子成员的内容，但没有填写「${leaderCol.label}」：请补上姓名（写法如“张三同志”），或删去这一行。`,
        { variable: leaderCol.key },
      );
    }
    const who = leaderName !== '' ? `「${leaderName}」` : '这位班子成员';
    if (leaderName !== '') {
      // An error, not two numbered documents: one name twice in a unit is nearly always a copied
      // row or a name not changed, and which row is right cannot be told, so neither is issued.
      const place = placeOf(ctx, leaderCol, leader.fields, leader.place);
      const first = names.get(leaderName);
      if (first !== undefined) {
        leaderOk = false;
        repeated.add(leaderName);
        report.issue(
          place,
          `${unitLabel}的班子成员${who}在${locate(first)}已经出现过：同一单位每位班子成员只写一次。无法判断哪一行是对的，这两行都未生成：请删去重复的一行；如确为同名的两个人，请在姓名中加以区分（如“张伟（副局长）”）。`,
          { variable: leaderCol?.key ?? '' },
        );
      } else {
        names.set(leaderName, place);
      }
    }
    if (divisionsCol) {
      const divisions = lv.answers[divisionsCol.key];
      const list = Array.isArray(divisions) ? divisions : [];
      const divisionsPlace = placeOf(ctx, divisionsCol, leader.fields, leader.place);
      if (list.length === 0 && !ctx.raw.missingColumns.has(divisionsCol.key) && !lv.failed.has(divisionsCol.key) && !leader.reported?.has(divisionsCol.key)) {
        leaderOk = false;
        report.issue(
          divisionsPlace,
          `班子成员${who}没有填写「${divisionsCol.label}」：请填写其分管的科室，用“、”分隔，如“办公室、财务科”（已跳过此人）。`,
          { variable: divisionsCol.key },
        );
      }
      const clashes: string[] = [];
      for (const d of list) {
        const owner = divisionOwner.get(d);
        if (owner && owner.row !== leader.place.row) clashes.push(`「${d}」已由第 ${owner.row} 行的「${owner.name}」分管`);
        else divisionOwner.set(d, { row: leader.place.row, name: leaderName });
      }
      if (clashes.length > 0) {
        leaderOk = false;
        report.issue(
          divisionsPlace,
          `${unitLabel}的科室${clashes.join('，')}，不能同时由${who}分管：一个科室只由一位班子成员分管，请从其中一行删去（已跳过此人）。`,
          { variable: divisionsCol.key },
        );
      }
    }
    if (leaderOk) leaders.push({ row: leader.place.row, name: leaderName, answers: lv.answers });
    if (leaderName !== '') named.push({ row: leader.place.row, name: leaderName, answers: lv.answers });
  }
  const checked = checkHeads(ctx, unit, values.answers, leaders.filter((l) => !repeated.has(l.name)), named, unitLabel);

  if (ctx.needsLeaders && leaderCol && unit.leaders.length === 0 && !ctx.raw.missingColumns.has(leaderCol.key)) {
    ok = false;
    const place = ctx.raw.columnOf(leaderCol.key);
    report.issue(
      place ? { row: unit.place.row, ...place } : unit.place,
      `${unitLabel}没有班子成员：请为它添加班子成员（每人一行，填写「${leaderCol.label}」${divisionsCol ? `和「${divisionsCol.label}」` : ''}），否则无法生成领导责任清单。`,
      { variable: leaderCol.key },
    );
  }
  return ok ? { row: unit.place.row, name, answers: values.answers, leaders: checked } : undefined;
}

/**
 * Exactly one 主要负责人 per unit, unless the unit's 「主要负责人人数」 (the variable with role
 * `headCount`; default as the template declares, else 1) says another number. Each leader's role
 * is the one the documents will use (`leaderRoleOf`: the 责任类别 given, else the 职务's).
 *
 * - More heads than that (among the rows without other errors): every head row is reported at its
 *   职务 (or 责任类别) cell and left out, since which one is wrong cannot be told — no second
 *   第一责任人责任清单 is issued.
 * - Fewer (counting rows skipped for another error too, which are reported already): reported
 *   once, at the unit's first leader; the leaders are kept (their lists are right).
 * - No leader of the unit has a 职务 or 责任类别 at all (a roster written before these columns):
 *   a warning, not an error; every leader gets the 班子成员 list.
 *
 * Skipped when no template declares a 职务 or 责任类别 variable, or nothing is issued per leader.
 *
 * @param leaders - the unit's leaders without errors
 * @param named - every leader row of the unit that has a name, with or without errors
 * @returns the leaders to keep
 */
function checkHeads(
  ctx: Context,
  unit: RawRoster['units'][number],
  unitAnswers: Answers,
  leaders: RosterLeader[],
  named: RosterLeader[],
  unitLabel: string,
): RosterLeader[] {
  const roleCol = ctx.index.role('leaderRole');
  const positionCol = ctx.index.role('position');
  if (!ctx.needsLeaders || (!roleCol && !positionCol) || leaders.length === 0) return leaders;
  const headCol = ctx.index.role('headCount');
  const declared = ctx.templates.flatMap((t) => t.variables).find((v) => v.role === 'headCount')?.default;
  const given = headCol ? unitAnswers[headCol.key] : undefined;
  const expected = typeof given === 'number' ? given : typeof declared === 'number' ? declared : 1;
  const rawOf = (l: RosterLeader) => unit.leaders.find((r) => r.place.row === l.row);
  const roleOf = (l: RosterLeader) => ({
    leader: l,
    ...leaderRoleOf(roleCol ? l.answers[roleCol.key] : undefined, positionCol ? l.answers[positionCol.key] : undefined),
  });
  const roles = leaders.map(roleOf);
  const heads = roles.filter((r) => r.role === 'secretary');
  const allRoles = named.map(roleOf);
  const headsInAll = allRoles.filter((r) => r.role === 'secretary').length;
  const headLabel = LEADER_ROLE_NAMES.secretary;
  const howMany = headCol ? `如确有 ${heads.length} 位，请在「${headCol.label}」中填 ${heads.length}` : '';
  const fields = [positionCol, roleCol].filter((c) => c !== undefined).map((c) => `「${c.label}」`).join('或');
  if (heads.length > expected) {
    const list = heads.map((h) => `第 ${h.leader.row} 行「${h.leader.name}」`).join('、');
    for (const h of heads) {
      const raw = rawOf(h.leader);
      const column = h.source === 'given' ? roleCol : (positionCol ?? roleCol);
      ctx.report.issue(
        raw ? placeOf(ctx, column, raw.fields, raw.place) : { row: h.leader.row },
        `${unitLabel}有 ${heads.length} 位${headLabel}（${list}），${
          expected === 1 ? `而一个单位只有一位${headLabel}（党组（党委）书记，第一责任人）` : `与「${headCol?.label ?? ''}」填的 ${expected} 不符`
        }：请改正${fields}（党政分设时局长写作“党组副书记、局长”，或把「${roleCol?.label ?? '责任类别'}」选为“${LEADER_ROLE_NAMES.member}”）${howMany ? `；${howMany}` : ''}（已跳过此人）。`,
        { variable: column?.key ?? '' },
      );
    }
    return leaders.filter((l) => !heads.some((h) => h.leader === l));
  }
  if (headsInAll < expected) {
    const first = leaders[0] as RosterLeader;
    const raw = rawOf(first);
    const column = positionCol ?? roleCol;
    const place = raw ? placeOf(ctx, column, raw.fields, raw.place) : { row: first.row };
    if (allRoles.every((r) => r.source === 'default')) {
      ctx.report.warning(
        place,
        `${unitLabel}的班子成员都没有填写${fields}：都按“${LEADER_ROLE_NAMES.member}”生成重要领导责任清单，${headLabel}不会得到第一责任人责任清单。请填写各人的「${positionCol?.label ?? roleCol?.label ?? ''}」（如“党组书记、局长”“党组成员、副局长”）。`,
        { variable: column?.key ?? '' },
      );
      return leaders;
    }
    const found = headsInAll === 0 ? `没有${headLabel}` : `只有 ${headsInAll} 位${headLabel}`;
    ctx.report.issue(
      place,
      `${unitLabel}${found}，应有 ${expected} 位：请填写${headLabel}的「${positionCol?.label ?? roleCol?.label ?? ''}」（如“党组书记、局长”），或把其「${roleCol?.label ?? '责任类别'}」选为“${headLabel}”${headCol ? `；${headLabel}空缺或不在本花名册中时，请在「${headCol.label}」中填 ${headsInAll}` : ''}。`,
      { variable: column?.key ?? '' },
    );
  }
  return leaders;
}

/** True when a value was written in the roster (yes/no counts, even “否”; blank text and empty lists do not). */
function given(value: Value | undefined): boolean {
  return typeof value === 'boolean' || isSet(value);
}

/** The text of a normalised value ('' when absent). */
function asText(value: Value | undefined): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Where a key's value is (its cell or YAML node) or should be (its column on the owner's row). */
function placeOf(ctx: Context, column: RosterColumn | undefined, fields: Map<string, RawField>, owner: Place): Place {
  if (!column) return owner;
  const given = fields.get(column.key);
  if (given) return given.place;
  const col = ctx.raw.columnOf(column.key);
  return col ? { row: owner.row, ...col } : { ...owner, field: column.label };
}

/**
 * Spreadsheet habits a person expects to work: a year typed “2025年” or “2025年度”, a percentage
 * typed or displayed “60%”, either in full-width forms. Applied before the engine's own coercion.
 */
function tidy(column: RosterColumn | undefined, value: Value): Value {
  if (typeof value !== 'string' || !column) return value;
  // NFKC first: full-width digits and signs typed with a Chinese input method (２０２５年, ６０％).
  const s = column.type === 'year' || column.type === 'number' ? value.normalize('NFKC').trim() : value.trim();
  if (column.type === 'year') return s.replace(/^(\d{4})\s*年度?$/u, '$1');
  if (column.type === 'number') return s.replace(/^(-?\d+(?:\.\d+)?)\s*[%％]$/u, '$1');
  return value;
}

/**
 * Normalises the values of one scope with every template that declares variables of that scope.
 * Issues are reported once per key (the first template's), at the value's place; a missing value
 * whose whole column is missing is not reported again, nor are missing names and divisions (the
 * caller says more precisely what is wrong), nor keys a reader already reported (`reported`).
 */
function normalizeScope(
  ctx: Context,
  scope: 'unit' | 'leader',
  fields: Map<string, RawField>,
  owner: Place,
  reported: ReadonlySet<string> | undefined,
): { answers: Answers; ok: boolean; failed: Set<string> } {
  const raw: Answers = {};
  for (const [key, f] of fields) raw[key] = tidy(ctx.index.get(key), f.value);
  const answers: Answers = {};
  const failed = new Set<string>();
  const warned = new Set<string>();
  let ok = true;
  for (const t of ctx.scoped[scope]) {
    const r = normalizeAnswers(t, raw, { allowUnknown: true });
    for (const issue of r.issues) {
      ok = false;
      const key = String(issue.where?.variable ?? '');
      if (failed.has(key) || reported?.has(key)) continue;
      const column = ctx.index.get(key);
      if (!given(raw[key]) && (ctx.raw.missingColumns.has(key) || column?.role === 'unit' || column?.role === 'leader' || column?.role === 'divisions')) continue;
      failed.add(key);
      ctx.report.issue(placeOf(ctx, column, fields, owner), issue.message, { variable: key });
    }
    for (const w of r.warnings) {
      if (warned.has(w.variable)) continue;
      warned.add(w.variable);
      ctx.report.warning(placeOf(ctx, ctx.index.get(w.variable), fields, owner), w.message, { variable: w.variable });
    }
    for (const [key, value] of Object.entries(r.answers)) {
      if (!(key in answers) && given(raw[key])) answers[key] = value;
    }
  }
  return { answers, ok, failed };
}

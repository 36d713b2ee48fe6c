/**
 * The rules, in the order their findings are listed for one spot. To add a rule: write
 * `rules/<id>.ts` exporting a {@link Rule}, list it here, and add its tests (it fires; it stays
 * quiet on correct text) in `test/rules.test.ts`.
 */
import { doubledPunctuation } from './rules/doubled-punctuation.js';
import { doubledTongzhi } from './rules/doubled-tongzhi.js';
import { foreignPlace } from './rules/foreign-place.js';
import { halfwidthPunctuation } from './rules/halfwidth-punctuation.js';
import { mixedPlaces } from './rules/mixed-places.js';
import { nameConsistency } from './rules/name-consistency.js';
import { numbering } from './rules/numbering.js';
import { organLevel } from './rules/organ-level.js';
import { organMismatch } from './rules/organ-mismatch.js';
import { outdatedWording } from './rules/outdated-wording.js';
import { placeholder } from './rules/placeholder.js';
import { regionalSlogan } from './rules/regional-slogan.js';
import { straySpace } from './rules/stray-space.js';
import { superiorBody } from './rules/superior-body.js';
import { unbalancedPairs } from './rules/unbalanced-pairs.js';
import { yearMismatch } from './rules/year-mismatch.js';
import type { Rule } from './types.js';

/** Every rule: leftovers, places and organs, years, typography, self-consistency, outdated wording. */
export const rules: readonly Rule[] = [
  placeholder,
  regionalSlogan,
  foreignPlace,
  mixedPlaces,
  organMismatch,
  organLevel,
  superiorBody,
  yearMismatch,
  doubledPunctuation,
  halfwidthPunctuation,
  unbalancedPairs,
  straySpace,
  numbering,
  nameConsistency,
  doubledTongzhi,
  outdatedWording,
];

/**
 * The leader's role in a resolved document: the 责任类别 answered, or the one the 职务 implies
 * (`leaderRoleOf` from `@qingdan/model`), written back into the answers as its Chinese name so that
 * clause conditions can test it (`when: { var: leader_role, equals: 主要负责人 }`).
 */
import { LEADER_ROLE_NAMES, leaderRoleOf, type Answers, type LeaderRole, type Template } from '@qingdan/model';
import type { ValueWarning } from './answers.js';

/** What {@link applyLeaderRole} returns: the answers with the role filled in, and the role. */
export interface WithLeaderRole {
  answers: Answers;
  /** Undefined when the template declares no variable with role `leaderRole`. */
  role?: LeaderRole;
}

/**
 * Fills a template's `leaderRole` variable (责任类别) from the answers: a role name given stays;
 * `按职务确定` or no value becomes the role the `position` variable (职务) implies; with neither, the
 * role is 班子成员 and a warning says so (the list is then the 班子成员's 重要领导责任清单).
 *
 * @param template - the template; nothing happens unless it declares a `leaderRole` variable
 * @param answers - answers already normalised by {@link normalizeAnswers}
 * @param onWarning - receives the warning when neither 职务 nor 责任类别 is given
 * @returns a copy of the answers with the role's Chinese name (主要负责人 / 班子成员 / 纪检监察) under the variable's key
 */
export function applyLeaderRole(template: Template, answers: Answers, onWarning?: (w: ValueWarning) => void): WithLeaderRole {
  const roleVar = template.variables.find((v) => v.role === 'leaderRole');
  if (!roleVar) return { answers };
  const positionVar = template.variables.find((v) => v.role === 'position');
  const { role, source } = leaderRoleOf(answers[roleVar.key], positionVar ? answers[positionVar.key] : undefined);
  if (source === 'default') {
    const position = positionVar ? `「${positionVar.label}」（${positionVar.key}）和` : '';
    onWarning?.({
      variable: roleVar.key,
      label: roleVar.label,
      message: `${position}「${roleVar.label}」（${roleVar.key}）都没有填写，按“${LEADER_ROLE_NAMES.member}”生成；主要负责人请填写职务（如“党组书记、局长”）或把「${roleVar.label}」选为“${LEADER_ROLE_NAMES.secretary}”。`,
    });
  }
  return { answers: { ...answers, [roleVar.key]: LEADER_ROLE_NAMES[role] }, role };
}

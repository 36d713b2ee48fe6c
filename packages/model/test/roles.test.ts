import { describe, expect, it } from 'vitest';
import { leaderRoleOf, roleFromName, roleFromPosition, Template, LEADER_ROLE_OPTIONS } from '@qingdan/model';

describe('roleFromPosition', () => {
  it.each([
    ['党组书记、局长', 'secretary'],
    ['局党委书记、局长', 'secretary'],
    ['党组书记', 'secretary'],
    ['局长', 'secretary'],
    ['区统计局局长', 'secretary'],
    ['主任', 'secretary'],
    ['管委会主任', 'secretary'],
    ['副局长（主持工作）', 'secretary'],
    ['党组成员、副局长', 'member'],
    ['副局长', 'member'],
    ['常务副局长', 'member'],
    ['党组副书记、局长', 'member'],
    ['机关党委书记', 'member'],
    ['党组成员、机关党委书记', 'member'],
    ['办公室主任', 'member'],
    ['总经济师', 'member'],
    ['二级调研员', 'member'],
    ['纪检监察组组长', 'inspector'],
    ['党组成员、纪检组长', 'inspector'],
    ['区纪委监委派驻第三纪检监察组组长', 'inspector'],
    ['机关纪委书记', 'inspector'],
    ['  党组书记 / 局长 ', 'secretary'],
  ] as const)('%s → %s', (position, role) => {
    expect(roleFromPosition(position)).toBe(role);
  });

  it('gives undefined for a position with no title', () => {
    expect(roleFromPosition('')).toBeUndefined();
    expect(roleFromPosition(' 、 ')).toBeUndefined();
  });
});

describe('leaderRoleOf', () => {
  it('takes a given role name over the position', () => {
    expect(leaderRoleOf('班子成员', '党组书记、局长')).toEqual({ role: 'member', source: 'given' });
    expect(leaderRoleOf(' 纪检监察 ', '副局长')).toEqual({ role: 'inspector', source: 'given' });
  });
  it('derives the role from the position when the role is 按职务确定 or absent', () => {
    expect(leaderRoleOf('按职务确定', '党组书记、局长')).toEqual({ role: 'secretary', source: 'position' });
    expect(leaderRoleOf(undefined, '纪检监察组组长')).toEqual({ role: 'inspector', source: 'position' });
  });
  it('falls back to 班子成员 and says so when neither is given', () => {
    expect(leaderRoleOf(undefined, undefined)).toEqual({ role: 'member', source: 'default' });
    expect(leaderRoleOf('按职务确定', '  ')).toEqual({ role: 'member', source: 'default' });
  });
  it('maps the Chinese names', () => {
    expect(roleFromName('主要负责人')).toBe('secretary');
    expect(roleFromName('书记')).toBeUndefined();
  });
});

describe('the template schema for roles', () => {
  const base = {
    id: 't',
    name: '测试',
    kind: 'responsibility-list',
    issuedPer: 'leader',
    version: '1.0.0',
    title: '清单',
    fileName: '清单',
    sections: [{ id: 's', title: '一', clauses: [{ id: 'c', text: '条款' }] }],
  };
  const roleVar = { key: 'leader_role', label: '责任类别', type: 'choice', scope: 'leader', role: 'leaderRole', options: [...LEADER_ROLE_OPTIONS], example: '按职务确定' };

  it('accepts a 责任类别 choice, conditional title lines and file-name segments, and sources', () => {
    const t = Template.parse({
      ...base,
      variables: [roleVar],
      title: [{ text: '甲', when: { var: 'leader_role', equals: '主要负责人' } }, { text: ['乙', { text: '丙', when: { var: 'leader_role', equals: '班子成员' } }] }],
      fileName: ['文件', { text: '名', when: { var: 'leader_role', equals: '纪检监察' } }],
      sections: [{ id: 's', title: '一', source: '范文第一部分', clauses: [{ id: 'c', text: '条款', source: '范文第 1 条' }] }],
    });
    expect(t.sections[0]?.clauses[0]?.source).toBe('范文第 1 条');
  });

  it('rejects a 责任类别 with an option that is not a role, a role variable of the wrong type, a role declared twice, an unknown variable in a title condition', () => {
    const r = Template.safeParse({
      ...base,
      title: { text: '甲', when: { var: 'nobody', equals: 1 } },
      variables: [
        { ...roleVar, options: ['按职务确定', '书记'] },
        { key: 'position', label: '职务', type: 'list', scope: 'leader', role: 'position', example: ['局长'] },
        { key: 'other_role', label: '另一个', type: 'choice', scope: 'leader', role: 'leaderRole', options: ['主要负责人', '班子成员'], example: '班子成员' },
      ],
    });
    expect(r.success).toBe(false);
    const messages = r.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('不认识：书记'),
        'role 为 position 的变量 position 应为 text 型',
        expect.stringContaining('每种 role 只能有一个变量'),
        '条件引用了未声明的变量 nobody',
      ]),
    );
  });
});

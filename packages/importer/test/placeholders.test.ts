import { describe, expect, it } from 'vitest';
import { findPlaceholders, PlaceholderCollector } from '../src/placeholders.js';

describe('findPlaceholders', () => {
  it('finds every kind, just the token inside a longer word', () => {
    const text = '党中央XX委、XXX同志、××局、○○科、某某某、____年、（单位名称）、【姓名】、Ｘｘ处';
    expect(findPlaceholders(text).map((t) => [t.kind, t.token])).toEqual([
      ['x', 'XX'], ['x', 'XXX'], ['times', '××'], ['circle', '○○'], ['mou', '某某某'], ['underscore', '____'], ['hint', '（单位名称）'], ['hint', '【姓名】'], ['x', 'Ｘｘ'],
    ]);
    expect(findPlaceholders('2024年X月X日，第X号').map((t) => t.token)).toEqual(['X', 'X', 'X']);
    expect(findPlaceholders('党中央XX委').map((t) => [t.start, t.end])).toEqual([[3, 5]]);
  });

  it('leaves ordinary brackets, words with x and single marks alone', () => {
    expect(findPlaceholders('党组（党委）、本单位（本系统）、（试行）、（以下简称“两个示范点”）、Xbox、max、一个×号、○')).toEqual([]);
  });
});

describe('PlaceholderCollector', () => {
  it('numbers variables in reading order and shares one between the same two Han characters', () => {
    const c = new PlaceholderCollector();
    expect(c.replace('XX根据XX工作分工，XX要自觉', '前言')).toBe('{{placeholder_1}}根据{{placeholder_2}}工作分工，{{placeholder_3}}要自觉');
    expect(c.replace('接受党中央XX委领导，执行党中央XX委决策，按照XX委部署', '第 1 条')).toBe(
      '接受党中央{{placeholder_4}}委领导，执行党中央{{placeholder_4}}委决策，按照{{placeholder_5}}委部署',
    );
    expect(c.replace('与区XX局班子', '第 2 条')).toBe('与区{{placeholder_6}}局班子');
    expect(c.replace('开好区XX局会议', '第 3 条')).toBe('开好区{{placeholder_6}}局会议');
    expect(c.variables.map((v) => [v.key, v.occurrences.length])).toEqual([
      ['placeholder_1', 1], ['placeholder_2', 1], ['placeholder_3', 1], ['placeholder_4', 2], ['placeholder_5', 1], ['placeholder_6', 2],
    ]);
    expect(c.variables[5]?.occurrences).toEqual([
      { where: '第 2 条', context: '与区【XX】局班子' },
      { where: '第 3 条', context: '开好区【XX】局会议' },
    ]);
  });

  it('does not share a token between different contexts, and clips long contexts', () => {
    const t = new PlaceholderCollector();
    // next to punctuation or the edge of the text, the context says too little: no sharing
    expect(t.replace('交给XX。交给XX。XX', '前言')).toBe('交给{{placeholder_1}}。交给{{placeholder_2}}。{{placeholder_3}}');
    const c = new PlaceholderCollector();
    c.replace('这是一段很长很长很长很长的文字，其中的某某需要填写，后面还有很长很长很长的文字', '前言');
    expect(c.variables[0]?.occurrences[0]?.context).toBe('…长很长很长的文字，其中的【某某】需要填写，后面还有很长很…');
  });

  it('keeps a literal {{ of the sample from becoming a Handlebars expression', () => {
    const c = new PlaceholderCollector();
    expect(c.replace('写作{{样例}}与XX', 'x')).toBe('写作\\{{样例}}与{{placeholder_1}}');
  });
});

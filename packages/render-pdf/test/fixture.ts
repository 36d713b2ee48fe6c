/**
 * A hand-made ResolvedDocument: the responsibility list (second document) of the seed text, cut
 * into heading (一、 … 七、), clause (1. … 22.) and paragraph blocks.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ResolvedBlock, ResolvedDocument } from '@qingdan/model';

const SEED = fileURLToPath(new URL('../../../seeds/000_6191e73f1c3e00fc.txt', import.meta.url));

/** The responsibility list of the seed as a resolved document, optionally with `XX` replaced. */
export function responsibilityList(replaceXX = 'XX'): ResolvedDocument {
  const text = readFileSync(SEED, 'utf8');
  const start = text.indexOf('2023年履行全面从严治党重要领导责任清单');
  const end = text.indexOf('##paidend##');
  const lines = text
    .slice(start, end)
    .split('\n')
    .map((l) => l.trim().replaceAll('XX', replaceXX))
    .filter((l) => l !== '');
  const [title = '', ...rest] = lines;
  const blocks: ResolvedBlock[] = rest.map((line) => {
    const h = /^([一二三四五六七八九十]+、)(.*)$/.exec(line);
    if (h) return { kind: 'heading', level: 1, number: h[1] ?? '', text: h[2] ?? '' };
    const c = /^(\d+\.)(.*)$/.exec(line);
    if (c) return { kind: 'clause', number: c[1] ?? '', text: c[2] ?? '' };
    return { kind: 'paragraph', text: line };
  });
  return {
    templateId: 'responsibility-list',
    templateVersion: '1.0.0',
    kind: 'responsibility-list',
    title: [title],
    fileName: title,
    meta: { year: 2023 },
    blocks,
  };
}

/** A short document with the given blocks. */
export function smallDoc(blocks: ResolvedBlock[], title = ['测试清单']): ResolvedDocument {
  return { templateId: 't', templateVersion: '1.0.0', kind: 'responsibility-list', title, fileName: title.join(''), meta: {}, blocks };
}

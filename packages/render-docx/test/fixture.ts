/**
 * A hand-made ResolvedDocument for tests: the responsibility list (second document) of the seed
 * text, with sections 一、 … 七、 and clauses 1. … 22., its XX placeholders left as they are.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ResolvedBlock, ResolvedDocument } from '@qingdan/model';

const SEED = fileURLToPath(new URL('../../../seeds/000_6191e73f1c3e00fc.txt', import.meta.url));

/** The responsibility list of the seed as a ResolvedDocument (headings, clauses, a preamble). */
export function seedResponsibilityList(): ResolvedDocument {
  const text = readFileSync(SEED, 'utf8').replace(/##paid(begin|end)##/g, '');
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const start = lines.findIndex((l) => l === '2023年履行全面从严治党重要领导责任清单');
  if (start < 0) throw new Error('seed: responsibility list not found');
  const blocks: ResolvedBlock[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === '') continue;
    const h = /^([一二三四五六七八九十]+、)(.*)$/.exec(line);
    const c = /^(\d+\.)(.*)$/.exec(line);
    if (h) blocks.push({ kind: 'heading', level: 1, number: h[1]!, text: h[2]! });
    else if (c) blocks.push({ kind: 'clause', number: c[1]!, text: c[2]! });
    else blocks.push({ kind: 'paragraph', text: line });
  }
  return resolvedDocument(blocks, ['2023年履行全面从严治党', '重要领导责任清单'], {
    templateId: 'responsibility-list',
    templateVersion: '0.0.0',
    kind: 'responsibility-list',
    fileName: '2023年XX领导责任清单',
    meta: { year: 2023 },
  });
}

/** A ResolvedDocument of these blocks and title lines; the other fields are placeholders unless given. */
export function resolvedDocument(blocks: ResolvedBlock[], title: string[] = ['测试标题'], fields: Partial<ResolvedDocument> = {}): ResolvedDocument {
  return { templateId: 't', templateVersion: '1.0.0', kind: 'task-list', title, fileName: 'x', meta: {}, blocks, ...fields };
}

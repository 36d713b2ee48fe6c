import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { templateJsonSchema } from '@qingdan/model';

const file = fileURLToPath(new URL('../template.schema.json', import.meta.url));

describe('template.schema.json', () => {
  it('is in sync with the zod schema (run `npm run schema -w @qingdan/model` to refresh it)', () => {
    const onDisk = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    expect(onDisk).toEqual(templateJsonSchema());
  });
  it('describes the fields a template writer needs', () => {
    const s = templateJsonSchema() as { required: string[]; properties: Record<string, unknown> };
    expect(s.required).toEqual(expect.arrayContaining(['id', 'kind', 'issuedPer', 'title', 'variables', 'sections']));
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(['numbering', 'fileName', 'preamble', 'closing']));
  });
});

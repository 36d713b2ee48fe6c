import { z } from 'zod';
import { Template } from './schema.js';

/**
 * The JSON Schema (draft 2020-12) of a template file, as an editor uses it to check a template
 * while it is written (`$schema: ../../packages/model/template.schema.json`). Generated from the
 * zod schema {@link Template}; `packages/model/template.schema.json` is kept equal to it by a test.
 *
 * @returns a plain JSON-serialisable object
 */
export function templateJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Template, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'qingdan 清单模板', $id: 'https://qingdan.local/template.schema.json' };
}

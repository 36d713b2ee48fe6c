// Writes template.schema.json from the zod schema. Run: npm run schema -w @qingdan/model
import { writeFileSync } from 'node:fs';
import { templateJsonSchema } from '../src/json-schema.js';

const target = new URL('../template.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(templateJsonSchema(), null, 2)}\n`);
console.log(`已写入 ${target.pathname}`);

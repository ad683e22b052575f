import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exportJsonSchemaText } from '../shared/exportSchema';

// Writes docs/export-schema.json from the zod schema the JSON export is built through:
// `npx tsx scripts/writeExportSchema.ts` after changing shared/exportSchema.ts.
const target = fileURLToPath(new URL('../docs/export-schema.json', import.meta.url));
writeFileSync(target, exportJsonSchemaText());
console.log(`wrote ${target}`);

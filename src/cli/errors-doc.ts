/** Writes docs/errors.md from the error model. Usage: npm run errors:doc (also part of npm run schema) */
import { writeFile } from 'node:fs/promises';
import { ERROR_REFERENCE_FILE, renderErrorReference } from '../http/error-reference-doc.js';

await writeFile(ERROR_REFERENCE_FILE, renderErrorReference());
console.log(`wrote ${ERROR_REFERENCE_FILE}`);

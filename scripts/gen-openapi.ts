// Writes generated/openapi-definitions.json (swagger 2.0 definitions of every built-in kind,
// with upstream's names and descriptions) from the kubernetes-types package. Run by `npm install`
// through the "prepare" script; the API server also runs it in-process when the file is missing.

import { writeDefinitions } from '../src/api/openapi/generate.ts';

const started = Date.now();
const file = writeDefinitions();
console.log(`wrote ${file} in ${Date.now() - started} ms`);

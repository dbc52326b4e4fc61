// The project's own lint rules, registered as the `local` plugin in eslint.config.js.
import { codeLayering } from './layering.mjs';
import { noImportCycle } from './no-cycle.mjs';

export default { rules: { 'code-layering': codeLayering, 'no-import-cycle': noImportCycle } };

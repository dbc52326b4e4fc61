import type { Rule } from 'eslint';

declare const plugin: { rules: { 'code-layering': Rule.RuleModule; 'no-import-cycle': Rule.RuleModule } };
export default plugin;

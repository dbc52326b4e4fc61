import type { Rule } from 'eslint';

export declare const codeLayering: Rule.RuleModule;

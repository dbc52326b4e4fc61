import type { Rule } from 'eslint';

export interface ImportEdge {
  spec: string;
  target: string;
}

export declare function resolveSpecifier(from: string, spec: string, exists: Set<string>): string | undefined;
export declare function importGraph(files: string[], read?: (file: string) => string): Map<string, ImportEdge[]>;
export declare function cyclicComponents(edges: Map<string, ImportEdge[]>): Map<string, number>;
export declare function projectFiles(): string[];
export declare const noImportCycle: Rule.RuleModule;

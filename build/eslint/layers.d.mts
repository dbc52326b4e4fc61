/** One layer of local/code-layering: the folder it covers and what it may not import. */
export interface Layer {
  layer: string;
  /** Repository-relative prefix of the files the layer covers. */
  files: string;
  except?: string[];
  /** Bare (package) specifiers: an allow list, or regular expressions to deny. */
  bare?: { allow?: string[]; deny?: string[] };
  /** Relative imports must resolve under one of these prefixes. */
  within?: string[];
  /** Relative imports may not resolve under any of these prefixes. */
  forbidden?: string[];
  reason: string;
}

export declare const LAYERS: Layer[];

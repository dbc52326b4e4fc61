// node-abi ships no types; this is the one function the binding resolver uses.
declare module 'node-abi' {
  export function getAbi(target: string, runtime?: 'node' | 'electron' | 'node-webkit'): string;
}

import type * as LiquidJs from 'liquidjs';
import type { Liquid } from 'liquidjs';
import { lazyRequire } from '../../lazy-require';
import type { InputIssue } from '../../../../shared/errors';

/**
 * Liquid bodies of webhook and SMS-gateway channels. Strict like notice templates: an unknown
 * variable or filter is an error with line and column, found when the channel is saved (rendered
 * against a sample) rather than when an alert is due.
 */
const liquidjs = lazyRequire<typeof LiquidJs>('liquidjs');
let made: Liquid | undefined;

/** Made with the first template (liquidjs is loaded then, not at start). */
function engine(): Liquid {
  if (made) return made;
  made = new (liquidjs().Liquid)({ strictVariables: true, strictFilters: true, ownPropertyOnly: true });
  /** JSON-escapes a value for bodies that build JSON by hand: {"text": {{ text | json }}}. */
  made.registerFilter('json', (v: unknown) => JSON.stringify(v ?? null));
  return made;
}

const cache = new Map<string, ReturnType<Liquid['parse']>>();

function parsed(text: string) {
  let t = cache.get(text);
  if (!t) {
    t = engine().parse(text);
    if (cache.size > 100) cache.clear();
    cache.set(text, t);
  }
  return t;
}

export function renderTemplate(text: string, scope: object): string {
  return engine().renderSync(parsed(text), scope) as string;
}

/** The issue a template has against a sample scope, or undefined when it renders. */
export function templateIssue(path: string, text: string, sample: object): InputIssue | undefined {
  try {
    renderTemplate(text, sample);
    return undefined;
  } catch (err) {
    const e = err as Error & { token?: { getPosition?: () => [number, number] } };
    const pos = e.token?.getPosition?.();
    const where = pos ? ` (line ${pos[0]}, column ${pos[1]})` : '';
    return { path, message: `${e.message.split(', line:')[0]}${where}` };
  }
}

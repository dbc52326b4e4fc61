import { kindControls } from '../common/kind-controls';
import type { KindFieldsProps } from '../types';

/** Fields of a page-load monitor: the URL a person opens, the load-time target, the deadline. */
export function PageFields(props: KindFieldsProps) {
  const c = kindControls(props, 'page');
  return (
    <>
      {c.text('url', 'Page URL', { placeholder: 'https://www.example.com/', inputMode: 'url' })}
      <div className="field-row">
        {c.number('degradedAboveMs', 'Slow above (ms)', { hint: 'Load event; default 3000 ms' })}
        {c.number('timeoutMs', 'Timeout (ms)', { hint: 'Default 30000 ms' })}
      </div>
    </>
  );
}

import type { SourceKind } from '../../../shared/drafts';
import { useApiQuery } from '../../hooks/useApiQuery';

/** The variables and filters a template of this kind can use, from the core's own list. */
export function VariablesReference({ kind }: { kind: SourceKind }) {
  const ref = useApiQuery('drafts.variables', {});
  if (!ref.data) return null;
  const vars = ref.data.variables.filter((v) => v.kinds.includes(kind));
  return (
    <details className="draft-variables">
      <summary>Variables and filters</summary>
      <table>
        <tbody>
          {vars.map((v) => (
            <tr key={v.path}>
              <td>
                <code>{v.path}</code>
              </td>
              <td>{v.description}</td>
              <td>
                <code>{v.example}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <tbody>
          {ref.data.filters.map((f) => (
            <tr key={f.name}>
              <td>
                <code>{f.usage}</code>
              </td>
              <td>{f.description}</td>
              <td>
                <code>{f.example}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

import { useState, type ChangeEvent } from 'react';
import type { WorkspacePlan, WorkspacePlanEntry } from '../../../shared/workspace';
import { useMethodControl } from '../../hooks/useReviewMode';
import { useWorkspaceFile } from '../../hooks/useWorkspace';

const ACTION_TEXT: Record<WorkspacePlanEntry['action'], string> = {
  create: 'create',
  change: 'change',
  delete: 'delete',
  unlisted: 'not in the file: left as is',
};

/** Saves text as a file through the browser's download (the desktop window and serve mode alike). */
function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));

/**
 * Monitoring as code in the console: import a workspace file (its plan is shown; nothing changes
 * until Apply), or export this workspace as one. The same checks and plan as `lookout plan`.
 */
export function WorkspaceFile({ readOnly }: { readOnly: boolean }) {
  const ws = useWorkspaceFile();
  const [prune, setPrune] = useState(false);
  const [notes, setNotes] = useState<string[]>([]);
  const [followPath, setFollowPath] = useState('');

  async function choose(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) await ws.plan(file.name, await file.text(), prune);
  }
  async function exportNow() {
    const f = await ws.exportFile();
    if (f) {
      setNotes(f.notes);
      download(f.filename, f.text);
    }
  }

  const p = ws.pending;
  return (
    <section className="card" aria-labelledby="workspace-title">
      <h2 id="workspace-title">Workspace file</h2>
      <p className="muted">
        Monitors, groups, maintenance windows, peak events, notice templates and settings as one YAML file, for version
        control or a second machine. The CLI does the same: <code>lookout validate | plan | apply | export</code>.
      </p>
      <div className="button-row">
        <button type="button" className="btn" disabled={ws.busy} onClick={() => void exportNow()}>
          Export workspace (.yaml)
        </button>
        {!readOnly && (
          <>
            <label className="btn">
              Import a workspace file…
              <input
                type="file"
                accept=".yaml,.yml,application/yaml,text/yaml"
                className="sr-only"
                aria-label="Workspace file to import"
                onChange={(e) => void choose(e)}
              />
            </label>
            <label>
              <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} /> also delete what
              the file no longer lists
            </label>
          </>
        )}
      </div>
      {!readOnly && (
        <form
          className="field-row"
          onSubmit={(e) => {
            e.preventDefault();
            ws.follow(ws.following ? undefined : followPath.trim(), prune);
          }}
        >
          <div className="field">
            <label htmlFor="workspace-follow">
              Follow a file on this machine (re-planned when it changes; applied only when you confirm)
            </label>
            <input
              id="workspace-follow"
              value={ws.following ?? followPath}
              disabled={ws.following !== undefined}
              onChange={(e) => setFollowPath(e.target.value)}
              placeholder="/path/to/lookout.yaml"
            />
          </div>
          <button type="submit" className="btn" disabled={!ws.following && followPath.trim() === ''}>
            {ws.following ? 'Stop following' : 'Follow'}
          </button>
        </form>
      )}
      {ws.following && (
        <p className="muted" role="status" aria-label="Following">
          Following {ws.following}: a change to it shows its plan here.
        </p>
      )}
      {ws.error && <p className="field__error">{ws.error.message}</p>}
      {notes.length > 0 && (
        <ul className="muted" aria-label="Export notes">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {p && (
        <PlanView name={p.name} plan={p.plan} busy={ws.busy} onApply={() => void ws.apply()} onCancel={ws.discard} />
      )}
      {ws.applied?.applied && <p role="status">Applied: {summary(ws.applied)}.</p>}
      {ws.applied && ws.applied.ok && !ws.applied.applied && (
        <p role="status">Nothing to apply: the workspace already matches the file.</p>
      )}
    </section>
  );
}

function summary(plan: WorkspacePlan): string {
  const c = plan.counts;
  return `${c.create} created, ${c.change} changed, ${c.delete} deleted`;
}

function PlanView({
  name,
  plan,
  busy,
  onApply,
  onCancel,
}: {
  name: string;
  plan: WorkspacePlan;
  busy: boolean;
  onApply: () => void;
  onCancel: () => void;
}) {
  const control = useMethodControl();
  if (!plan.ok) {
    return (
      <div role="alert" aria-label="Workspace file errors">
        <p>
          {name} has {plan.issues.length} error{plan.issues.length === 1 ? '' : 's'}; nothing was applied:
        </p>
        <ul className="mx-import-errors">
          {plan.issues.map((i, k) => (
            <li key={k}>
              <code>
                {name}:{i.line}:{i.col}
              </code>{' '}
              {i.path || '(file)'}: {i.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const changes = plan.counts.create + plan.counts.change + plan.counts.delete;
  return (
    <div aria-label="Workspace plan">
      <h3>Plan for {name}</h3>
      <ul className="workspace-plan">
        {plan.entries.map((e) => (
          <li key={`${e.section}:${e.key}`} data-action={e.action}>
            <strong>{ACTION_TEXT[e.action]}</strong> {e.label} <code>{e.key}</code>
            {e.name !== e.key && ` “${e.name}”`}
            {e.dbId !== undefined && ` (#${e.dbId})`}
            {e.fields && e.fields.length > 0 && (
              <ul>
                {e.fields.map((f) => (
                  <li key={f.path}>
                    <code>{f.path}</code>: {show(f.before)} → {show(f.after)}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <p>
        {plan.counts.create} to create, {plan.counts.change} to change, {plan.counts.delete} to delete
        {plan.counts.unlisted > 0 && `, ${plan.counts.unlisted} not in the file (left as is)`}.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="btn btn--primary"
          onClick={onApply}
          {...control('workspace.apply', { disabled: busy || changes === 0 })}
        >
          {changes === 0 ? 'Nothing to apply' : `Apply ${changes} change${changes === 1 ? '' : 's'}`}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

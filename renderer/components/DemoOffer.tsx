import { useApiMutation } from '../hooks/useApiQuery';
import { useMethodControl } from '../hooks/useReviewMode';

/** First run with no monitors: offer the demo workspace or an empty start. */
export function DemoOffer({ onDone }: { onDone: () => void }) {
  const load = useApiMutation('demo.load');
  const decline = useApiMutation('demo.decline', { invalidates: ['app.info'] });
  const busy = load.busy ? 'load' : decline.busy ? 'decline' : null;
  const error = load.error?.message ?? decline.error?.message ?? null;
  const control = useMethodControl();

  async function run(kind: 'load' | 'decline') {
    load.reset();
    decline.reset();
    if (await (kind === 'load' ? load : decline).run({})) onDone();
  }

  return (
    <section className="card demo-offer" aria-labelledby="demo-offer-title">
      <h2 id="demo-offer-title">Welcome to Lookout</h2>
      <p>
        Try the demo workspace: monitors for a demo platform (live streams, task submissions, web and infrastructure)
        running on this machine, so you can see probes, charts and outages right away. Or start empty and add your own
        monitors.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => void run('load')}
          {...control('demo.load', { disabled: busy !== null })}
        >
          {busy === 'load' ? 'Loading demo…' : 'Load demo workspace'}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => void run('decline')}
          {...control('demo.decline', { disabled: busy !== null })}
        >
          Start empty
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

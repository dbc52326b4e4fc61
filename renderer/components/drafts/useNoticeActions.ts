import { useState } from 'react';
import { asApiError } from '../../hooks/useApiQuery';

export interface NoticeActions {
  /** What the last action did ("Draft saved"), or ''. */
  notice: string;
  /** Why the last action failed, or ''. */
  problem: string;
  /** Runs one page action; its success says `done`, its failure the error's message. */
  act: (run: () => Promise<unknown>, done: string) => void;
}

/** The drafts page's one status line: every action (copy, export, save, delete…) reports here. */
export function useNoticeActions(): NoticeActions {
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  return {
    notice,
    problem,
    act(run, done) {
      setProblem('');
      run().then(
        () => setNotice(done),
        (err: unknown) => {
          setNotice('');
          setProblem(asApiError(err).message);
        },
      );
    },
  };
}

/**
 * An operator story is one test: its steps run in order inside a single `it`, so no test leans on
 * state another test left behind, and the story still reads, and fails, step by step.
 */
export async function step(name: string, fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof Error) err.message = `[step: ${name}] ${err.message}`;
    throw err;
  }
}

/**
 * What the Electron shell calls from powerMonitor. It outlives any one database session (the data
 * domain can switch databases), so sessions subscribe to it rather than the shell to them.
 */
export interface PowerInput {
  suspend(): void;
  resume(): void;
}

export interface PowerRelay extends PowerInput {
  subscribe(target: PowerInput): () => void;
}

export function createPowerRelay(): PowerRelay {
  const targets = new Set<PowerInput>();
  return {
    suspend: () => targets.forEach((t) => t.suspend()),
    resume: () => targets.forEach((t) => t.resume()),
    subscribe(target) {
      targets.add(target);
      return () => targets.delete(target);
    },
  };
}

/**
 * V8 flags serve mode runs with: package.json's `serve` script passes them to node (a test holds
 * the two to the same list), and the kuma-protocol bench runs itself under them, so it measures
 * serve mode as it runs. They cannot be set from inside the process: V8 sizes its heap at start.
 *
 * --max-semi-space-size=2: V8 grows each half of its young generation to 16 MiB under steady
 * allocation, and keeps it; a probing console allocates steadily (~25 probes/s at 500 monitors),
 * so that was ~30 MiB of RSS holding garbage between scavenges. At 2 MiB the scavenges come more
 * often (each as cheap: its cost is what survives), measured in the same bench's CPU per probe.
 */
export const SERVE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

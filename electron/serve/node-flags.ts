/**
 * V8 flags serve mode runs with: package.json's `serve` script passes them to node (a test holds
 * the two to the same list), and the kuma-protocol bench runs itself under them, so it measures
 * serve mode as it runs. They cannot be set from inside the process: V8 sizes its heap at start.
 *
 * --max-semi-space-size=2: V8 grows each half of its young generation to 16 MiB under steady
 * allocation, and keeps it; a probing console allocates steadily (~25 probes/s at 500 monitors),
 * so that was ~30 MiB of RSS holding garbage between scavenges. At 2 MiB the scavenges come more
 * often (each as cheap: its cost is what survives), measured in the same bench's CPU per probe.
 *
 * --single-threaded: no V8 helper threads for compiling and collecting. Each helper thread that
 * compiled once keeps a malloc arena of 1-7 MB, so idle serve mode's RSS varied 70-79 MB from one
 * start to the next; with the work on the main thread it is steady and ~3 MB lower. The bench's
 * CPU per probe counts all threads, so it sees any cost of doing that work on one.
 *
 * --interrupt-budget=600000 (V8's default 67584): how much a function runs before V8 considers
 * optimising it. At the default, starting up (resolving ~110 ES modules, building the contract's
 * zod schemas) makes a few functions hot once, and their one TurboFan compile maps ~3.6 MB of
 * the compiler's code into a console that then idles. A function that stays hot while probing
 * is still optimised, a little later.
 */
export const SERVE_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=2',
  '--single-threaded',
  '--interrupt-budget=600000',
];

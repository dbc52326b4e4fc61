import { main } from './serve/cli';

// Headless entry: `npm run serve -- [--port N] [--db PATH] [--demo] [--no-open]`.
void main(process.argv.slice(2));

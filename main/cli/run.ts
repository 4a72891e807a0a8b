import { main } from './index';

// A reader that stops early (`review status --format json | head`) closes the pipe: end quietly, as
// other command-line tools do, instead of dying with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') process.stderr.write(`protocol-studio: cannot write output: ${err.message}\n`);
    process.exit(err.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`protocol-studio: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);

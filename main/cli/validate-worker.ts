/** A worker thread of `validate`: checks the files the main thread hands it, one message per file. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ValidateOptions } from '../core/validate';
import { validatePath } from './validate-files';

const { cwd, opts } = workerData as { cwd: string; opts: ValidateOptions };
parentPort!.on('message', ({ index, file }: { index: number; file: string }) => {
  parentPort!.postMessage({ index, result: validatePath(file, cwd, opts) });
});

/** The protocol schema compiled once per process (compiling takes ~100 ms; validating a protocol well under 1 ms). */
import type { ValidateFunction } from 'ajv/dist/2020';
import { compileProtocolSchema } from './compile-schema';

let compiled: ValidateFunction | undefined;

export function protocolValidator(): ValidateFunction {
  compiled ??= compileProtocolSchema();
  return compiled;
}

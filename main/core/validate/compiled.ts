/** The protocol schema compiled once per process (compiling takes ~100 ms; validating a protocol well under 1 ms). */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from '../../../schemas/protocol.schema.json';

let compiled: ValidateFunction | undefined;

export function protocolValidator(): ValidateFunction {
  if (!compiled) {
    // strict: false — the schema carries editor annotations (markdownDescription) that ajv does not know.
    // verbose: errors carry the schema and data they are about, which the people-worded messages need.
    const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, allowUnionTypes: true });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

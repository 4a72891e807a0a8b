/**
 * Compiles the protocol schema with ajv. The built CLI replaces this module with standalone code generated
 * from the same options at build time (`scripts/build-cli.mjs`), so a CLI run never compiles the schema.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import addFormats from 'ajv-formats';
import schema from '../../../schemas/protocol.schema.json';

function newAjv(source: boolean): Ajv2020 {
  // strict: false — the schema carries editor annotations (markdownDescription) that ajv does not know.
  // verbose: errors carry the schema and data they are about, which the people-worded messages need.
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, allowUnionTypes: true, code: { source } });
  addFormats(ajv);
  return ajv;
}

export function compileProtocolSchema(): ValidateFunction {
  return newAjv(false).compile(schema);
}

/** JavaScript (ES module) of the compiled validator, its default export the validate function. */
export function protocolValidatorSource(): string {
  const ajv = newAjv(true);
  return standaloneCode(ajv, ajv.compile(schema));
}

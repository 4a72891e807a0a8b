#!/usr/bin/env node
// The floor for `protocol-studio validate`: plain Node parsing each file with yaml and checking it with
// ajv against the same schema (same ajv options), printing nothing but a count. No rules, no locations.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const schema = JSON.parse(readFileSync(new URL('../schemas/protocol.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(schema);
let errors = 0;
for (const file of process.argv.slice(2)) if (!validate(parse(readFileSync(file, 'utf8')))) errors += validate.errors.length;
process.stdout.write(`${errors}\n`);

/**
 * ajv reports every branch of a failed oneOf/anyOf (e.g. localized text: "must be string", "must be object",
 * "must match exactly one schema"). Keep only what a person needs: the errors of the branch that fits the
 * value's type, or one "expected X or Y" when no branch does.
 */
import type { ErrorObject } from 'ajv';
import { resolveSchema } from '../model/schema-info';
import { jsonType } from './labels';

function branchTypes(branch: unknown): string[] | undefined {
  if (branch === null || typeof branch !== 'object') return undefined;
  const t = resolveSchema(branch as Record<string, unknown>).type;
  return typeof t === 'string' ? [t] : Array.isArray(t) ? (t as string[]) : undefined;
}

function fits(types: string[] | undefined, actual: string): boolean {
  return !types || types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

/** A synthetic `type` error standing for a whole union that no branch's type fits. */
function typeErrorFor(union: ErrorObject, branches: unknown[]): ErrorObject {
  const types = [...new Set(branches.flatMap((b) => branchTypes(b) ?? []))];
  return { ...union, keyword: 'type', params: { type: types } };
}

/**
 * ajv reports a union's branch errors right before the union's own error, so one pass with the output as a
 * stack suffices: at each union, pop the errors of its branches off the tail and push back what to keep.
 * Linear in the number of errors, which matters when a hostile file produces thousands.
 */
export function collapseUnions(errors: readonly ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const union of errors) {
    if (union.keyword === 'if') continue; // an `if` failure is always explained by its `then` errors
    if (union.keyword !== 'oneOf' && union.keyword !== 'anyOf') {
      out.push(union);
      continue;
    }
    const prefix = `${union.schemaPath}/`;
    // Popped newest first, so each branch's list is reversed once it is complete.
    const byBranch = new Map<number, ErrorObject[]>();
    for (let last = out[out.length - 1]; last && isInside(last, union, prefix); last = out[out.length - 1]) {
      out.pop();
      const i = Number(last.schemaPath.slice(prefix.length).split('/')[0]);
      const branch = byBranch.get(i);
      if (branch) branch.push(last);
      else byBranch.set(i, [last]);
    }
    for (const branch of byBranch.values()) branch.reverse();
    const branches = Array.isArray(union.schema) ? (union.schema as unknown[]) : [];
    const actual = jsonType(union.data);
    const fitting = branches.map((_, i) => i).filter((i) => fits(branchTypes(branches[i]), actual));
    if (fitting.length === 0) {
      out.push(typeErrorFor(union, branches));
      continue;
    }
    const perBranch = fitting.map((i) => byBranch.get(i) ?? []).sort((a, b) => a.length - b.length);
    // A fitting branch without errors means the value matched several branches of a oneOf: report that as is.
    out.push(...(perBranch[0]!.length === 0 ? [union] : perBranch[0]!));
  }
  return out;
}

function isInside(e: ErrorObject, union: ErrorObject, prefix: string): boolean {
  return e.schemaPath.startsWith(prefix) && (e.instancePath === union.instancePath || e.instancePath.startsWith(`${union.instancePath}/`));
}

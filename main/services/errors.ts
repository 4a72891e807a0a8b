/** HTTP-style status for an error, so both shells tell "your input" apart from "our bug". */
const BAD_INPUT = new Set(['ContractError', 'InvalidInputError', 'ProtocolTextError', 'MergeError', 'SharingBreachError', 'ReviewError', 'ReviewRefusedError', 'RefusedTextError', 'WhoIsWorkingError', 'FormEditError']);
const CONFLICT = new Set(['ConflictError', 'NothingToCommitError', 'StaleTextError']);

export function errorStatus(e: Error): number {
  if (BAD_INPUT.has(e.name)) return 400;
  if (e.name === 'NotFoundError') return 404;
  if (CONFLICT.has(e.name)) return 409;
  return 500;
}

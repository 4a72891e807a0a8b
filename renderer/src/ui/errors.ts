/** A user-facing sentence for an error from main. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.name === 'ConflictError' ? `Someone else committed first: ${e.message}` : e.message;
  return String(e);
}

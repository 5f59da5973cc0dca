/** A problem with how a command was called (exit code 2), said in the user's terms. */
export class UsageError extends Error {}

/** A problem with how a command was called (exit code 2), said in the user's terms. */
export class UsageError extends Error {}

/** A warehouse problem the user can act on (locked, newer schema): printed, never a stack trace. */
export class WarehouseError extends Error {}

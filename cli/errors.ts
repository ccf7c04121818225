// A mistake in how kubun was invoked: printed as "kubun <command>: <message>" plus a hint,
// and the process exits with code 1.

export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

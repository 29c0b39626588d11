/**
 * Base class of every error Vigil throws on purpose.
 *
 * Subclasses carry structured data (a path, a span, the conflicting item) so callers branch with
 * `instanceof` and read fields, never parse messages. `cause` is always kept.
 */
export class AppError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

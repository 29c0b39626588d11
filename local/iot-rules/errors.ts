import { AppError } from '../../lib/errors';

/**
 * Base of every error the IoT rule emulator throws. The local stack catches it at start-up and
 * refuses to run, so a rule is never dropped silently.
 */
export abstract class IotRuleError extends AppError {}

/**
 * IoT SQL text the emulator cannot parse or cannot evaluate: a syntax error, an unknown or
 * unsupported function, a construct that needs a newer SQL version. The message ends with the
 * 0-based character position (`unsupported SQL function 'aws_lambda' at 9`), like the rest of Vigil.
 */
export class IotSqlError extends IotRuleError {
  constructor(
    /** What is wrong, without the position. */
    readonly description: string,
    /** 0-based offset of the offending text in `sql`. */
    readonly position: number,
    /** The SQL statement as the rule declares it. */
    readonly sql: string,
    /** Why, or what to do instead; appended after the position. */
    readonly detail?: string,
  ) {
    super(`${description} at ${position}${detail ? `: ${detail}` : ''}`);
  }
}

/**
 * A rule declaration the local stack cannot honour: an unsupported action, a target it cannot
 * resolve, an invalid name, or SQL it cannot run (then `cause` is the {@link IotSqlError}).
 * The message always starts with `rule <name>:` and says where the rule was declared.
 */
export class IotRuleConfigError extends IotRuleError {
  constructor(
    /** The rule's name, as AWS would know it. */
    readonly ruleName: string,
    /** Where the rule is declared, e.g. `functions.ingest.events[0].iot`. */
    readonly source: string,
    /** What is wrong, without the rule name. */
    readonly description: string,
    options?: ErrorOptions,
  ) {
    super(`rule ${ruleName}: ${description} (declared in ${source})`, options);
  }
}

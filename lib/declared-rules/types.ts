/**
 * One entry of `custom.vigil.rules` in serverless.yml after validation: a topic routed to one of
 * the operator's inputs. The shape is shared with `vigil migrate-rules`, which may write entries.
 */
export interface DeclaredRule {
  /** Where it was declared (`custom.vigil.rules[2]`), for messages. */
  readonly path: string;
  /** The rule's own name (`[A-Za-z0-9_]`); the deployed RuleName is `<service>_<stage>_<name>`. */
  readonly name: string;
  /** The input every message of the rule feeds. */
  readonly inputName: string;
  /** The MQTT topic filter of the rule's FROM clause. */
  readonly topic: string;
  /** The statement as declared: `sql`, or `SELECT * FROM '<topic>'` for a `topic`. */
  readonly sql: string;
  /** An IoT SQL expression whose value is the message id detectors deduplicate on. */
  readonly messageId?: string;
  /** An array payload is a batch of messages (IotEvents' BatchMode). */
  readonly batchMode: boolean;
}

/** One problem of a declaration, with its path (`custom.vigil.rules[2].topic`). */
export interface DeclarationIssue {
  readonly path: string;
  readonly message: string;
}

/** What the generated rules' names are made of. */
export interface StackNames {
  /** The Serverless service (`vigil`). */
  readonly service: string;
  /** The stage being packaged or run (`dev`, `local`). */
  readonly stage: string;
}

/** A CloudFormation resource as the generator writes it. */
export interface TopicRuleResource {
  readonly Type: 'AWS::IoT::TopicRule';
  readonly Metadata: { readonly VigilDeclaredRule: string };
  readonly Properties: Record<string, unknown>;
}

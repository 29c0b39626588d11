import type { CollectionTag, ScalarTag } from 'yaml';

/**
 * CloudFormation's short-form intrinsic functions in YAML (`!Ref Bucket`, `!GetAtt Role.Arn`,
 * `!Sub '…'`, `!Join [',', […]]`): the one definition of the tags, for every reader and writer of
 * templates (`vigil import`, `vigil migrate-rules`). Each tag stands for the long form's key: `!Ref`
 * for `Ref`, `!Condition` for `Condition`, every other `!X` for `Fn::X`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export const CFN_TAG_FUNCTIONS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!FindInMap': 'Fn::FindInMap',
  '!GetAtt': 'Fn::GetAtt',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!Sub': 'Fn::Sub',
  '!Transform': 'Fn::Transform',
  '!And': 'Fn::And',
  '!Equals': 'Fn::Equals',
  '!If': 'Fn::If',
  '!Not': 'Fn::Not',
  '!Or': 'Fn::Or',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

/** The long-form key of a short-form tag (`!GetAtt` → `Fn::GetAtt`), or undefined for any other tag. */
export function intrinsicOfTag(tag: string | undefined): string | undefined {
  return tag !== undefined && Object.hasOwn(CFN_TAG_FUNCTIONS, tag) ? CFN_TAG_FUNCTIONS[tag] : undefined;
}

/** The short-form tag of a long-form key (`Fn::GetAtt` → `!GetAtt`), or undefined. */
export function tagOfIntrinsic(name: string): string | undefined {
  return Object.keys(CFN_TAG_FUNCTIONS).find((tag) => CFN_TAG_FUNCTIONS[tag] === name);
}

/**
 * The tags as `yaml` custom tags. They keep the node as it was written (a scalar's text, the
 * sequence or mapping node itself) with its tag, so a reader turns them into long-form
 * intrinsics and a document written back prints them unchanged.
 */
export const CFN_YAML_TAGS: readonly (ScalarTag | CollectionTag)[] = Object.keys(CFN_TAG_FUNCTIONS).flatMap((tag) => [
  { tag, resolve: (text: string) => text } satisfies ScalarTag,
  { tag, collection: 'seq', resolve: (node) => node } satisfies CollectionTag,
  { tag, collection: 'map', resolve: (node) => node } satisfies CollectionTag,
]);

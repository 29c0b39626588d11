// `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` or `<account>:function:<name>`.
const FUNCTION_ARN = /^(?:arn:[\w-]+:lambda:[\w-]+:)?\d{12}:function:([\w-]+)(?::[\w$-]+)?$/;
const INVOKE_PATH = /^(\/2015-03-31\/functions\/)([^/?]+)(\/invocations.*)$/;

/**
 * The Invoke path serverless-offline understands for one a Lambda client sent. AWS's Invoke takes
 * a function's name, its ARN or a partial ARN, and models migrated from AWS IoT Events name their
 * functions by ARN (`lambda` actions, `alarmNotification`); offline knows functions by name only.
 * Any other path is returned as it is.
 */
export function offlineInvokePath(target: string): string {
  const invoke = INVOKE_PATH.exec(target);
  if (!invoke) return target;
  let name: string;
  try {
    name = decodeURIComponent(invoke[2]);
  } catch {
    return target;
  }
  const arn = FUNCTION_ARN.exec(name);
  return arn ? `${invoke[1]}${encodeURIComponent(arn[1])}${invoke[3]}` : target;
}

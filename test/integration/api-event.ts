import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** An HTTP API (payload 2.0) event, as API Gateway or serverless-offline sends it. */
export function apiEvent(method: string, path: string, body?: unknown, query?: Record<string, string>): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(query ?? {}).toString(),
    headers: { 'content-type': 'application/json' },
    queryStringParameters: query,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { http: { method, path } },
  } as unknown as APIGatewayProxyEventV2;
}

/** A BatchPutMessage body: payloads given as JSON text are base64-encoded, as the SDK sends them. */
export function batch(...messages: { messageId: string; inputName: string; payload: string; timestamp?: number }[]) {
  return {
    messages: messages.map((m) => ({
      messageId: m.messageId,
      inputName: m.inputName,
      payload: Buffer.from(m.payload).toString('base64'),
      ...(m.timestamp === undefined ? {} : { timestamp: { timeInMillis: m.timestamp } }),
    })),
  };
}

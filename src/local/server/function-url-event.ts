/** @module Local stack (Lambda stand-in): an HTTP request as a Lambda Function URL event, and the handler's result back as the HTTP answer. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyResultV2, LambdaFunctionURLEvent } from 'aws-lambda';

/** Bodies Function URLs pass as text; any other body (Slack's form-encoded presses among them) arrives base64-encoded. */
function isTextContent(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || /^application\/([\w.+-]+\+)?(json|xml|javascript|yaml)$/.test(type);
}

/** The event Lambda builds for a Function URL request (payload format 2.0): headers lower-cased, repeated ones joined with commas. */
export function functionUrlEvent(req: IncomingMessage, rawBody: string, at: Date): LambdaFunctionURLEvent {
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) if (values) headers[name] = values.join(',');
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const text = isTextContent(headers['content-type']);
  const domainName = headers['host'] ?? 'localhost';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(url.search ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0]!,
      http: { method: req.method ?? 'POST', path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: at.toISOString(),
      timeEpoch: at.getTime(),
    },
    ...(rawBody === '' ? {} : { body: text ? rawBody : Buffer.from(rawBody, 'utf8').toString('base64') }),
    isBase64Encoded: rawBody !== '' && !text,
  };
}

/**
 * Answers as the Function URL would answer for the handler: a string, or an object without a
 * status, is a 200 body; otherwise the object's status, headers and (maybe base64) body. Without a content type the local server
 * keeps the `text/plain` it has always sent, where Lambda would say `application/json`.
 */
export function writeFunctionUrlResult(res: ServerResponse, result: APIGatewayProxyResultV2): void {
  const structured =
    typeof result === 'string' ? { statusCode: 200, body: result } : result.statusCode === undefined ? { statusCode: 200, body: JSON.stringify(result) } : result;
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
  res.writeHead(structured.statusCode ?? 200, headers);
  res.end(structured.isBase64Encoded ? Buffer.from(structured.body ?? '', 'base64') : (structured.body ?? ''));
}

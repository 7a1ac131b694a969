import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import type { Problem } from '@app/contracts';

/** What Node's HTTP parser refused, as the status and problem code the caller gets. */
function answerFor(code: string | undefined): { status: number; reason: string; problem: string; detail: string } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      reason: 'Request Header Fields Too Large',
      problem: 'headers_too_large',
      detail: 'The request line and headers are larger than the server accepts (16 KB).',
    };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT') {
    return { status: 408, reason: 'Request Timeout', problem: 'request_timeout', detail: 'The request did not arrive in time.' };
  }
  return {
    status: 400,
    reason: 'Bad Request',
    problem: 'malformed_request',
    detail: 'The request is not valid HTTP/1.1 (e.g. a control character in a header or in the request line).',
  };
}

/**
 * Answers what Node's HTTP parser refuses (a NUL in a header, headers past 16 KB) as every other
 * error is answered, RFC 9457 problem+json with an X-Request-Id, instead of Node's bare 400/431.
 * The request was never parsed, so its own X-Request-Id cannot be trusted: a fresh one is sent.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A connection the client has already reset or closed has nobody left to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const answer = answerFor(error.code);
    const requestId = uuidv7();
    const problem: Problem = {
      type: `/problems/${answer.problem}`,
      title: answer.reason,
      status: answer.status,
      detail: answer.detail,
      code: answer.problem,
    };
    const body = JSON.stringify({ ...problem, requestId });
    socket.end(
      [
        `HTTP/1.1 ${answer.status} ${answer.reason}`,
        'Content-Type: application/problem+json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${requestId}`,
        'X-Content-Type-Options: nosniff',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}

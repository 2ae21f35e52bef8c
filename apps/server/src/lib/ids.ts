import { randomBytes } from 'node:crypto';
import { v7 } from 'uuid';

/** Primary keys are UUIDv7 text: time-ordered, so indexes stay compact. */
export function newId(): string {
  return v7();
}

const REQUEST_ID_PREFIX = randomBytes(4).toString('hex');
let requestCounter = 0;

/**
 * A request id for logs and the `x-request-id` header: a random prefix per process and a counter,
 * so ids are unique across the processes of one deployment and cost next to nothing per request.
 */
export function newRequestId(): string {
  requestCounter = (requestCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `${REQUEST_ID_PREFIX}-${requestCounter.toString(36)}`;
}

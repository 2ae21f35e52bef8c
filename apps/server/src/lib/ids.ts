import { v7 } from 'uuid';

/** Primary keys are UUIDv7 text: time-ordered, so indexes stay compact. */
export function newId(): string {
  return v7();
}

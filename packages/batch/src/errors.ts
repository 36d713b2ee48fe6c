/**
 * Errors across the thread boundary (a worker's error becomes a `QingdanError` again in the main
 * thread), and the message of any thrown value.
 */
import { QingdanError, type QingdanErrorCode, type SerializedError } from '@qingdan/model';

/** Turns any thrown value into a `SerializedError` (keeps a QingdanError's code and issues). */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof QingdanError) {
    // QingdanError's message already lists its issues; keep the head only, they are re-added.
    const head = error.issues.length > 0 ? (error.message.split('\n')[0] ?? error.message) : error.message;
    return { message: head, code: error.code, issues: error.issues.map((i) => ({ message: i.message, ...(i.where ? { where: i.where } : {}) })) };
  }
  return { message: messageOf(error) };
}

/** The inverse of {@link serializeError}. */
export function deserializeError(e: SerializedError): Error {
  return e.code ? new QingdanError(e.code as QingdanErrorCode, e.message, { issues: e.issues ?? [] }) : new Error(e.message);
}

/** The message of a thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

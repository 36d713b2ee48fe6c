/**
 * Errors across the thread boundary (a worker's error becomes a `QingdanError` again in the main thread), and the message of any thrown value.
 */
import { QingdanError, type Issue, type QingdanErrorCode } from '@qingdan/model';

/** An error in a form that crosses a thread boundary and becomes a `QingdanError` again. */
export interface SerializedError {
  message: string;
  code?: QingdanErrorCode;
  issues?: Issue[];
}

/** Turns any thrown value into a {@link SerializedError} (keeps a QingdanError's code and issues). */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof QingdanError) {
    // QingdanError's message already lists its issues; keep the head only, they are re-added.
    const head = error.issues.length > 0 ? error.message.split('\n')[0] ?? error.message : error.message;
    return { message: head, code: error.code, issues: [...error.issues] };
  }
  return { message: messageOf(error) };
}

/** The message of a thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The Chinese message of a document whose output files could not be written (its folder could not
 * be made, a temporary file not written or not renamed), with what to check.
 */
export function writeFailedMessage(error: unknown): string {
  return `写入文件失败：${messageOf(error)}。请检查输出文件夹的写权限和剩余空间。`;
}

/** The inverse of {@link serializeError}. */
export function deserializeError(e: SerializedError): Error {
  return e.code ? new QingdanError(e.code, e.message, { issues: e.issues ?? [] }) : new Error(e.message);
}


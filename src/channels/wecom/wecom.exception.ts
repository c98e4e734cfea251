import { DomainException } from '../../common/domain.exception';

/** Why an inbound WeCom callback was refused; the numbers in comments are the official library's codes. */
export enum WecomCallbackExceptionCode {
  /** -40001: msg_signature missing or not matching token + timestamp + nonce + ciphertext. */
  BAD_SIGNATURE = 'WECOM_BAD_SIGNATURE',
  /** -40002: the envelope or the decrypted plaintext is not the XML we accept. */
  MALFORMED_BODY = 'WECOM_MALFORMED_BODY',
  /** -40007/-40010: not Base64, wrong length, or decrypted with another key. */
  UNDECRYPTABLE = 'WECOM_UNDECRYPTABLE',
  /** -40005: decrypted fine but addressed to another corp (receiveid ≠ corpid). */
  WRONG_RECEIVER = 'WECOM_WRONG_RECEIVER',
}

/** HTTP status for each code: a forged request is 401, anything unreadable is 400 (WeCom retries non-200 answers). */
export function wecomCallbackHttpStatus(code: WecomCallbackExceptionCode): number {
  switch (code) {
    case WecomCallbackExceptionCode.BAD_SIGNATURE:
      return 401;
    case WecomCallbackExceptionCode.MALFORMED_BODY:
    case WecomCallbackExceptionCode.UNDECRYPTABLE:
    case WecomCallbackExceptionCode.WRONG_RECEIVER:
      return 400;
    default:
      return assertUnreachable(code);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`wecomCallbackHttpStatus(): unknown code ${String(value)}`);
}

/** A refused callback. The message is for operators; it never contains plaintext, keys or tokens. */
export class WecomCallbackException extends DomainException<WecomCallbackExceptionCode> {
  constructor(message: string, code: WecomCallbackExceptionCode) {
    super(message, code, wecomCallbackHttpStatus(code));
  }
}

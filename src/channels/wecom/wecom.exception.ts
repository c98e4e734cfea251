import { AppException } from '../../common/app.exception';

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

/** A refused callback. The message is for operators; it never contains plaintext, keys or tokens. */
export class WecomCallbackException extends AppException<WecomCallbackExceptionCode> {
  constructor(message: string, code: WecomCallbackExceptionCode) {
    super(code, message);
  }
}

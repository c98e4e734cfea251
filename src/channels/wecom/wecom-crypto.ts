import { createHash, timingSafeEqual } from 'node:crypto';
import { decrypt as wecomDecrypt, encrypt as wecomEncrypt } from '@wecom/crypto';
import { WecomCallbackException, WecomCallbackExceptionCode } from './wecom.exception';
import { buildXml, parseEnvelope } from './wecom-xml';

export interface WecomCryptoOptions {
  token: string;
  /** 43 characters [A-Za-z0-9]: Base64 of the 32-byte AES key without its trailing "=". */
  encodingAesKey: string;
  /** The receiveid every plaintext must end with (our corp id, for a self-built app). */
  corpId: string;
}

/** The callback URL's query, as parsed by Fastify (a repeated parameter arrives as an array) or a DTO. */
export interface CallbackQuery {
  readonly msg_signature?: unknown;
  readonly timestamp?: unknown;
  readonly nonce?: unknown;
  readonly echostr?: unknown;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// Printable ASCII: what a corp id or suite id looks like; garbage from a wrong key almost never does.
const PLAUSIBLE_ID = /^[\x21-\x7e]{1,64}$/;

/**
 * Signature, decryption and passive-reply sealing for WeCom callbacks. `@wecom/crypto` does the AES work but
 * checks neither the signature nor the receiveid, and returns garbage for a wrong key: those checks live here.
 */
export class WecomCrypto {
  private readonly token: string;
  private readonly encodingAesKey: string;
  private readonly corpId: string;

  constructor(options: WecomCryptoOptions) {
    if (!options.token) throw new Error('WecomCrypto: token is empty');
    if (!options.corpId) throw new Error('WecomCrypto: corpId is empty');
    if (!/^[A-Za-z0-9]{43}$/.test(options.encodingAesKey ?? '')) {
      throw new Error('WecomCrypto: encodingAesKey must be 43 characters [A-Za-z0-9]');
    }
    if (Buffer.from(`${options.encodingAesKey}=`, 'base64').length !== 32) {
      throw new Error('WecomCrypto: encodingAesKey does not decode to a 32-byte AES key');
    }
    this.token = options.token;
    this.encodingAesKey = options.encodingAesKey;
    this.corpId = options.corpId;
  }

  /** msg_signature = sha1 of the sorted, concatenated token, timestamp, nonce and ciphertext, in lowercase hex. */
  sign(timestamp: string, nonce: string, encrypt: string): string {
    return createHash('sha1').update([this.token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
  }

  /** Constant-time comparison, so response timing does not leak how much of a forged signature was right. */
  verifySignature(signature: string, timestamp: string, nonce: string, encrypt: string): boolean {
    const expected = Buffer.from(this.sign(timestamp, nonce, encrypt), 'utf8');
    const given = Buffer.from(String(signature), 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Decrypts a ciphertext and returns the message, after checking it was meant for our corp. */
  decrypt(encrypt: string): string {
    const bytes = BASE64.test(encrypt) ? Buffer.from(encrypt, 'base64') : Buffer.alloc(0);
    // WeCom pads to 32 bytes; 16 random + 4 length bytes need at least one block.
    if (bytes.length < 32 || bytes.length % 32 !== 0) throw undecryptable('ciphertext is not Base64 of 32-byte blocks');
    let message: string;
    let id: string;
    try {
      ({ message, id } = wecomDecrypt(this.encodingAesKey, encrypt));
    } catch {
      throw undecryptable('AES decryption failed');
    }
    if (id === this.corpId) return message;
    if (PLAUSIBLE_ID.test(id)) {
      throw new WecomCallbackException(
        'WeCom callback addressed to another receiver (receiveid ≠ corp id)',
        WecomCallbackExceptionCode.WRONG_RECEIVER,
      );
    }
    throw undecryptable('decrypted bytes are not a WeCom plaintext (wrong EncodingAESKey?)');
  }

  /** Encrypts a plaintext for our corp; `random` (16 bytes) is only for reproducible tests. */
  encrypt(plaintext: string, random?: Buffer): string {
    return wecomEncrypt(this.encodingAesKey, plaintext, this.corpId, random);
  }

  /** GET URL verification: returns the echostr plaintext to answer with (as-is: no quotes, BOM or newline). */
  verifyUrl(query: CallbackQuery): string {
    const { signature, timestamp, nonce } = signedParams(query);
    const echostr = single(query, 'echostr');
    if (!echostr) throw new WecomCallbackException('WeCom URL verification without echostr', WecomCallbackExceptionCode.MALFORMED_BODY);
    if (!this.verifySignature(signature, timestamp, nonce, echostr)) throw badSignature();
    return this.decrypt(echostr);
  }

  /** POST callback: verifies the signature over the `<Encrypt>` text and returns the plaintext XML. */
  openEnvelope(query: CallbackQuery, rawBody: string): string {
    const { signature, timestamp, nonce } = signedParams(query);
    const { encrypt } = parseEnvelope(rawBody);
    if (!this.verifySignature(signature, timestamp, nonce, encrypt)) throw badSignature();
    return this.decrypt(encrypt);
  }

  /** Encrypts and signs a passive-reply plaintext into the XML body WeCom expects in the HTTP response. */
  sealReply(plaintextXml: string, timestamp: string, nonce: string, random?: Buffer): string {
    const encrypt = this.encrypt(plaintextXml, random);
    return buildXml({
      Encrypt: encrypt,
      MsgSignature: this.sign(timestamp, nonce, encrypt),
      TimeStamp: /^\d{1,15}$/.test(timestamp) ? Number(timestamp) : timestamp,
      Nonce: nonce,
    });
  }
}

function single(query: CallbackQuery, name: keyof CallbackQuery): string | undefined {
  const value = query[name];
  // A repeated parameter is ambiguous: which copy was signed is unknowable, so treat it as absent.
  return typeof value === 'string' ? value : undefined;
}

function signedParams(query: CallbackQuery): { signature: string; timestamp: string; nonce: string } {
  const signature = single(query, 'msg_signature');
  const timestamp = single(query, 'timestamp');
  const nonce = single(query, 'nonce');
  if (!signature || timestamp === undefined || nonce === undefined) throw badSignature();
  return { signature, timestamp, nonce };
}

function badSignature(): WecomCallbackException {
  return new WecomCallbackException('WeCom callback signature missing or invalid', WecomCallbackExceptionCode.BAD_SIGNATURE);
}

function undecryptable(why: string): WecomCallbackException {
  return new WecomCallbackException(`WeCom callback undecryptable: ${why}`, WecomCallbackExceptionCode.UNDECRYPTABLE);
}

import * as fc from 'fast-check';
import { encrypt as libEncrypt, getSignature } from '@wecom/crypto';
import { FUZZ } from '../../../test/support/fuzz';
import { buildTextCallback, TEST_WECOM_KEYS } from '../../../test/support/wecom-callback';
import { WecomCallbackException } from './wecom.exception';
import { WecomCrypto } from './wecom-crypto';
import { parseWecomCallback } from './wecom-messages';

const crypto = new WecomCrypto(TEST_WECOM_KEYS);
const query = (encrypt: string) => ({ msg_signature: getSignature(TEST_WECOM_KEYS.token, '1700000000', '42', encrypt), timestamp: '1700000000', nonce: '42' });

/** Only refusals we chose: anything else (TypeError, RangeError…) would be a 500 at the callback. */
function outcome(fn: () => unknown): 'ok' | 'refused' {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof WecomCallbackException) return 'refused';
    throw e;
  }
}

const isUtf8 = (s: string): boolean => Buffer.from(s, 'utf8').toString('utf8') === s;

const xmlish = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom('<xml>', '</xml>', '<Encrypt>', '</Encrypt>', '<![CDATA[', ']]>', '<!DOCTYPE x [<!ENTITY a "b">]>', '&a;', '&#x0;', '&amp;', '<', '>', '<?xml version="1.0"?>', '<!--', '-->', '\u0000', '\uFFFF', '\uD800'),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('WeCom envelope fuzz', () => {
  it('fuzz: any outer body is opened or refused with a WeCom error, never another error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), xmlish), fc.string({ maxLength: 60 }), (body, signature) => {
        outcome(() => crypto.openEnvelope({ msg_signature: signature, timestamp: '1', nonce: '1' }, body));
      }),
      FUZZ,
    );
  });

  it('fuzz: any sealed plaintext decrypts to itself, and parses or is refused with a WeCom error', () => {
    fc.assert(
      // WeCom sends UTF-8: a lone surrogate has no UTF-8 form, so it cannot arrive.
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), xmlish).filter(isUtf8), (plaintext) => {
        const encrypted = libEncrypt(TEST_WECOM_KEYS.encodingAesKey, plaintext, TEST_WECOM_KEYS.corpId);
        const body = `<xml><ToUserName><![CDATA[${TEST_WECOM_KEYS.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
        const opened = crypto.openEnvelope(query(encrypted), body);
        expect(opened).toBe(plaintext);
        outcome(() => parseWecomCallback(opened));
      }),
      FUZZ,
    );
  });

  it('fuzz: a text callback round-trips sender, content and a 64-bit MsgId', () => {
    const noCr = (s: string) => !s.includes('\r'); // XML turns CR line ends into LF
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 }).filter((s) => noCr(s) && s.trim() === s && s.length > 0),
        fc.string({ unit: 'grapheme', maxLength: 500 }).filter(noCr),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        (from, content, id) => {
          const cb = buildTextCallback({ from, content, msgId: id.toString() });
          const parsed = parseWecomCallback(crypto.openEnvelope(cb.query, cb.body));
          expect(parsed).toMatchObject({ kind: 'text', fromUserName: from, content, msgId: id.toString() });
        },
      ),
      FUZZ,
    );
  });
});

import { encrypt as libEncrypt, getSignature } from '@wecom/crypto';
import { WecomCrypto } from './wecom-crypto';
import { WecomCallbackException, WecomCallbackExceptionCode } from './wecom.exception';
import { parseEnvelope, parseWecomXml } from './wecom-xml';

// Tencent's Set A sample (WECOM.md §2.1): sbzhu/weworkapi_php callback/Sample.php.
const SET_A = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7' };
const GET_QUERY = {
  msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
};
const POST_QUERY = { msg_signature: '477715d11cdb4164915debcba66cb864d751f3e6', timestamp: '1409659813', nonce: '1372623149' };
const POST_BODY =
  '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>';
const POST_PLAINTEXT =
  '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>';
// Derived passive-reply vector (WECOM.md §2.4), reply plaintext from Sample.php 示例三.
const REPLY_PLAINTEXT =
  '<xml><ToUserName><![CDATA[mycreate]]></ToUserName><FromUserName><![CDATA[wx5823bf96d3bd56c7]]></FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[this is a test]]></Content><MsgId>1234567890123456</MsgId><AgentID>128</AgentID></xml>';
const REPLY_ENCRYPT =
  'ZA4HuQypHxnRrA+A6SOHGI3nNAv6+Z6nS1d6HDerPrjSMx0nzuQMXgB0xtc1AKDrJcVbZxGbLpFeHc7GJSIGu9xPjyai00HIF7KqYx7A/caYFaL1F1lp5V7kfVlD8xPHFxXyD1J7Mv5ueLlW5cIEYefJZUVSgNKwzJ3Dcm4qft0bxc6kOSz1q7fIrF5VA6YIcaTqSZ3eOxP2+e9FPdrb8UHQXEf/IiEjOGpWkBQcn513yiDtSiYfxAy/auRtjykaxLDNmoksUiv4ovXIicUnvmYoR57vPixh2xctoNFJtQO5DXr7wBjpHTgha0Hha6CFx84Z4oO6FvkOgyyPW5bCy0LdrG04b5YcjEQMiL4Qt7c8/P/M7WVvM9D0Y/NFl88w+0a0ZFTs/luJotJ+hYLszB5hCo5epqYDgKcaOJnw6sSXxpyJcfuv7tzdNa7ffH45DDCshd78iTFqB+sGCxQapg==';
const REPLY_SIGNATURE = '6fc162fb76ff519ac15c8cc905bcc423bee9e306';

function codeOf(fn: () => unknown): WecomCallbackExceptionCode | 'no error' | 'other error' {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return e instanceof WecomCallbackException ? e.code : 'other error';
  }
}

describe(WecomCrypto.name, () => {
  const sut = new WecomCrypto(SET_A);

  it('verifies and decrypts the official GET echostr', () => {
    expect(sut.verifyUrl(GET_QUERY)).toBe('1616140317555161061');
  });

  it('opens the official POST envelope to the exact plaintext, MsgId kept as a string', () => {
    const plaintext = sut.openEnvelope(POST_QUERY, POST_BODY);
    expect(plaintext).toBe(POST_PLAINTEXT);
    expect(parseWecomXml(plaintext).MsgId).toBe('4561255354251345929');
  });

  it('seals the derived passive-reply vector exactly', () => {
    const sealed = sut.sealReply(REPLY_PLAINTEXT, '1409659813', '1372623149', Buffer.from('aaaabbbbccccdddd'));
    const envelope = parseWecomXml(sealed);
    expect(envelope).toEqual({ Encrypt: REPLY_ENCRYPT, MsgSignature: REPLY_SIGNATURE, TimeStamp: '1409659813', Nonce: '1372623149' });
    expect(sealed).toContain('<TimeStamp>1409659813</TimeStamp>');
    expect(sut.decrypt(REPLY_ENCRYPT)).toBe(REPLY_PLAINTEXT);
  });

  it('agrees with @wecom/crypto on signatures', () => {
    expect(sut.sign('1409659813', '1372623149', 'abc')).toBe(getSignature(SET_A.token, '1409659813', '1372623149', 'abc'));
  });

  it.each([
    ['a forged signature', { ...POST_QUERY, msg_signature: '477715d11cdb4164915debcba66cb864d751f3e7' }],
    ['a signature of another length', { ...POST_QUERY, msg_signature: '477715d1' }],
    ['a tampered timestamp', { ...POST_QUERY, timestamp: '1409659814' }],
    ['a missing signature', { timestamp: POST_QUERY.timestamp, nonce: POST_QUERY.nonce }],
    ['a repeated signature parameter', { ...POST_QUERY, msg_signature: [POST_QUERY.msg_signature, 'x'] }],
  ])('rejects %s as BAD_SIGNATURE', (_name, query) => {
    expect(codeOf(() => sut.openEnvelope(query, POST_BODY))).toBe(WecomCallbackExceptionCode.BAD_SIGNATURE);
  });

  it('rejects a forged echostr signature', () => {
    expect(codeOf(() => sut.verifyUrl({ ...GET_QUERY, nonce: '1' }))).toBe(WecomCallbackExceptionCode.BAD_SIGNATURE);
  });

  it('rejects a correctly signed message for another corp as WRONG_RECEIVER', () => {
    const other = new WecomCrypto({ ...SET_A, corpId: 'ww0000000000000001' });
    expect(codeOf(() => other.openEnvelope(POST_QUERY, POST_BODY))).toBe(WecomCallbackExceptionCode.WRONG_RECEIVER);
    expect(codeOf(() => other.verifyUrl(GET_QUERY))).toBe(WecomCallbackExceptionCode.WRONG_RECEIVER);
  });

  it('rejects ciphertext made with another AES key as UNDECRYPTABLE', () => {
    const otherKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const encrypt = libEncrypt(otherKey, '<xml><Content>x</Content></xml>', SET_A.corpId);
    const query = { timestamp: '1', nonce: '2', msg_signature: sut.sign('1', '2', encrypt) };
    const body = `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    expect(codeOf(() => sut.openEnvelope(query, body))).toBe(WecomCallbackExceptionCode.UNDECRYPTABLE);
    // And the official sample with our key swapped for another one.
    const wrongKey = new WecomCrypto({ ...SET_A, encodingAesKey: otherKey });
    expect(codeOf(() => wrongKey.verifyUrl(GET_QUERY))).toBe(WecomCallbackExceptionCode.UNDECRYPTABLE);
  });

  it.each([
    ['not Base64', 'not base64!!'],
    ['too short', 'AAAA'],
    ['not whole blocks', Buffer.alloc(48).toString('base64')],
  ])('rejects a ciphertext that is %s as UNDECRYPTABLE', (_name, encrypt) => {
    expect(codeOf(() => sut.decrypt(encrypt))).toBe(WecomCallbackExceptionCode.UNDECRYPTABLE);
  });

  it('rejects a body without <Encrypt> as MALFORMED_BODY', () => {
    expect(codeOf(() => sut.openEnvelope(POST_QUERY, '<xml><ToUserName>x</ToUserName></xml>'))).toBe(
      WecomCallbackExceptionCode.MALFORMED_BODY,
    );
    expect(codeOf(() => sut.verifyUrl({ ...GET_QUERY, echostr: undefined }))).toBe(WecomCallbackExceptionCode.MALFORMED_BODY);
  });

  it('round-trips its own encryption and envelope', () => {
    const sealed = sut.sealReply('<xml><Content><![CDATA[你好]]></Content></xml>', '1700000000', 'n1');
    const { encrypt } = parseEnvelope(sealed);
    const query = { msg_signature: sut.sign('1700000000', 'n1', encrypt), timestamp: '1700000000', nonce: 'n1' };
    expect(sut.openEnvelope(query, sealed)).toBe('<xml><Content><![CDATA[你好]]></Content></xml>');
  });

  it('refuses a bad configuration at construction', () => {
    expect(() => new WecomCrypto({ ...SET_A, encodingAesKey: 'short' })).toThrow(/43 characters/);
    expect(() => new WecomCrypto({ ...SET_A, corpId: '' })).toThrow(/corpId/);
    expect(() => new WecomCrypto({ ...SET_A, token: '' })).toThrow(/token/);
  });

  it('maps codes to HTTP statuses', () => {
    const e = (fn: () => unknown): WecomCallbackException => {
      try {
        fn();
      } catch (err) {
        return err as WecomCallbackException;
      }
      throw new Error('expected a throw');
    };
    expect(e(() => sut.verifyUrl({ ...GET_QUERY, nonce: '1' })).httpStatus).toBe(401);
    expect(e(() => sut.decrypt('AAAA')).httpStatus).toBe(400);
  });
});

import { WecomCrypto } from '../../src/channels/wecom/wecom-crypto';
import { dedupeKey, parseWecomCallback } from '../../src/channels/wecom/wecom-messages';
import { buildEchoCallback, buildEventCallback, buildKfEventCallback, buildTextCallback, callbackUrl, TEST_WECOM_KEYS } from './wecom-callback';

describe('wecom-callback test helper', () => {
  const crypto = new WecomCrypto(TEST_WECOM_KEYS);

  it('builds a GET verification our crypto accepts, and a URL with the echostr percent-encoded', () => {
    const echo = buildEchoCallback('1234567890');
    expect(crypto.verifyUrl(echo.query)).toBe('1234567890');
    const url = callbackUrl('/wecom/callback', echo.query);
    expect(Object.fromEntries(new URL(url, 'http://x').searchParams)).toEqual(echo.query);
  });

  it('builds text, event and kf callbacks that round-trip to typed messages', () => {
    const text = buildTextCallback({ from: 'zhangsan', content: ' 路灯 ]]> 坏了 ', createTime: 1700000000 });
    const msg = parseWecomCallback(crypto.openEnvelope(text.query, text.body));
    expect(msg).toMatchObject({ kind: 'text', fromUserName: 'zhangsan', content: ' 路灯 ]]> 坏了 ', createTime: 1700000000 });
    expect(BigInt(dedupeKey(msg)) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);

    const card = buildEventCallback({
      from: 'lisi', event: 'template_card_event', eventKey: 'accept', fields: { TaskId: 't1', CardType: 'vote_interaction', ResponseCode: 'RC' },
      selectedItems: [{ questionKey: 'q', optionIds: ['a', 'b'] }],
    });
    expect(parseWecomCallback(crypto.openEnvelope(card.query, card.body))).toMatchObject({
      kind: 'template_card_event', taskId: 't1', responseCode: 'RC', selectedItems: [{ questionKey: 'q', optionIds: ['a', 'b'] }],
    });

    const kf = buildKfEventCallback({ openKfId: 'wk1', token: 'ENC1' });
    expect(parseWecomCallback(crypto.openEnvelope(kf.query, kf.body))).toMatchObject({ kind: 'kf_msg_or_event', openKfId: 'wk1', token: 'ENC1' });
  });
});

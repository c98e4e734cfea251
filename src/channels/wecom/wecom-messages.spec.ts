import { WecomCallbackException, WecomCallbackExceptionCode } from './wecom.exception';
import { dedupeKey, parseWecomCallback, toKfSyncMessage, WecomCallback } from './wecom-messages';

const head = (from = 'zhangsan', time = 1409659813) =>
  `<ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${time}</CreateTime>`;
const event = (name: string, extra = '') => `<xml>${head()}<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${name}]]></Event>${extra}<AgentID>1000002</AgentID></xml>`;

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return e instanceof WecomCallbackException ? e.code : 'other error';
  }
}

describe('wecom-messages', () => {
  it('parses the official text message with its 64-bit MsgId exact', () => {
    const msg = parseWecomCallback(
      `<xml>${head('mycreate')}<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>4561255354251345929</MsgId><AgentID>218</AgentID></xml>`,
    );
    expect(msg).toEqual({
      kind: 'text', toUserName: 'ww1', fromUserName: 'mycreate', createTime: 1409659813, agentId: '218',
      msgId: '4561255354251345929', content: 'hello',
    });
    expect(dedupeKey(msg)).toBe('4561255354251345929');
  });

  it.each([
    ['image', '<PicUrl>http://p</PicUrl><MediaId>m1</MediaId>', { picUrl: 'http://p', mediaId: 'm1' }],
    ['voice', '<MediaId>m2</MediaId><Format>amr</Format>', { mediaId: 'm2', format: 'amr' }],
    ['video', '<MediaId>m3</MediaId><ThumbMediaId>t3</ThumbMediaId>', { mediaId: 'm3', thumbMediaId: 't3' }],
    ['location', '<Location_X>23.13</Location_X><Location_Y>113.35</Location_Y><Scale>20</Scale><Label>广州</Label>', { latitude: '23.13', longitude: '113.35', scale: '20', label: '广州' }],
    ['link', '<Title>t</Title><Description>d</Description><Url>u</Url><PicUrl>p</PicUrl>', { title: 't', description: 'd', url: 'u', picUrl: 'p' }],
  ])('parses a %s message', (type, fields, expected) => {
    const msg = parseWecomCallback(`<xml>${head()}<MsgType>${type}</MsgType>${fields}<MsgId>1</MsgId><AgentID>1</AgentID></xml>`);
    expect(msg).toMatchObject({ kind: type, msgId: '1', ...expected });
  });

  it('parses menu, subscribe, enter_agent and LOCATION events and keys them with event, key and app', () => {
    const click = parseWecomCallback(event('click', '<EventKey><![CDATA[report]]></EventKey>'));
    expect(click).toMatchObject({ kind: 'menu_click', eventKey: 'report' });
    expect(dedupeKey(click)).toBe('zhangsan|1409659813|click|report|1000002');
    expect(parseWecomCallback(event('view', '<EventKey>https://x</EventKey>'))).toMatchObject({ kind: 'menu_view', eventKey: 'https://x' });
    expect(dedupeKey(parseWecomCallback(event('unsubscribe')))).toBe('zhangsan|1409659813|unsubscribe||1000002');
    expect(parseWecomCallback(event('enter_agent', '<EventKey><![CDATA[]]></EventKey>'))).toMatchObject({ kind: 'enter_agent', eventKey: '' });
    const loc = parseWecomCallback(event('LOCATION', '<Latitude>23.1</Latitude><Longitude>113.3</Longitude><Precision>30</Precision>'));
    expect(loc).toMatchObject({ kind: 'location_report', latitude: '23.1', longitude: '113.3', precision: '30' });
    expect(dedupeKey(loc)).toBe('zhangsan|1409659813|LOCATION||1000002');
  });

  it('parses the template_card_event sample with its selections as arrays', () => {
    const msg = parseWecomCallback(
      event(
        'template_card_event',
        '<EventKey><![CDATA[key111]]></EventKey><TaskId><![CDATA[taskid111]]></TaskId><CardType><![CDATA[vote_interaction]]></CardType>' +
          '<ResponseCode><![CDATA[RC]]></ResponseCode><SelectedItems><SelectedItem><QuestionKey><![CDATA[q1]]></QuestionKey>' +
          '<OptionIds><OptionId><![CDATA[o1]]></OptionId><OptionId><![CDATA[o2]]></OptionId></OptionIds></SelectedItem>' +
          '<SelectedItem><QuestionKey>q2</QuestionKey><OptionIds><OptionId>o3</OptionId></OptionIds></SelectedItem></SelectedItems>',
      ),
    );
    expect(msg).toMatchObject({
      kind: 'template_card_event', eventKey: 'key111', taskId: 'taskid111', cardType: 'vote_interaction', responseCode: 'RC',
      selectedItems: [{ questionKey: 'q1', optionIds: ['o1', 'o2'] }, { questionKey: 'q2', optionIds: ['o3'] }],
    });
    expect(dedupeKey(msg)).toBe('zhangsan|1409659813|template_card_event|key111|1000002|taskid111');
    const noSelection = parseWecomCallback(event('template_card_event', '<EventKey>k</EventKey><TaskId>t</TaskId>'));
    expect(noSelection).toMatchObject({ selectedItems: [] });
  });

  it('parses kf_msg_or_event, which has no sender, and keys it by account, token and time', () => {
    const msg = parseWecomCallback(
      '<xml><ToUserName><![CDATA[ww1]]></ToUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[event]]></MsgType>' +
        '<Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[ENCApHxn]]></Token><OpenKfId><![CDATA[wkxxxx]]></OpenKfId></xml>',
    );
    expect(msg).toEqual({ kind: 'kf_msg_or_event', toUserName: 'ww1', createTime: 1348831860, token: 'ENCApHxn', openKfId: 'wkxxxx' });
    expect(dedupeKey(msg)).toBe('wkxxxx|ENCApHxn|1348831860');
  });

  it('returns unknown types as unknown, still keyed', () => {
    const scan = parseWecomCallback(event('scancode_push', '<EventKey>k</EventKey>'));
    expect(scan).toMatchObject({ kind: 'unknown', msgType: 'event', event: 'scancode_push' });
    expect(dedupeKey(scan)).toBe('zhangsan|1409659813|scancode_push|k|1000002');
    const file: WecomCallback = parseWecomCallback(`<xml>${head()}<MsgType>file</MsgType><MsgId>77</MsgId></xml>`);
    expect(dedupeKey(file)).toBe('77');
  });

  it.each([
    ['no MsgType', `<xml>${head()}<Content>x</Content></xml>`],
    ['a message without MsgId', `<xml>${head()}<MsgType>text</MsgType><Content>x</Content></xml>`],
    ['text without Content', `<xml>${head()}<MsgType>text</MsgType><MsgId>1</MsgId></xml>`],
    ['a non-numeric CreateTime', `<xml>${head('u', 0).replace('<CreateTime>0', '<CreateTime>soon')}<MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>`],
    ['an event without sender', '<xml><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>click</Event></xml>'],
    ['a card event without TaskId', event('template_card_event', '<EventKey>k</EventKey>')],
    ['a nested Content', `<xml>${head()}<MsgType>text</MsgType><Content><a>x</a></Content><MsgId>1</MsgId></xml>`],
  ])('rejects %s as MALFORMED_BODY', (_name, xml) => {
    expect(codeOf(() => parseWecomCallback(xml))).toBe(WecomCallbackExceptionCode.MALFORMED_BODY);
  });

  describe(toKfSyncMessage.name, () => {
    const base = { msgid: 'from_msgid_4622416642169452483', open_kfid: 'wk1', external_userid: 'wm1', send_time: 1615478585, origin: 3 };

    it('parses text with and without menu_id', () => {
      expect(toKfSyncMessage({ ...base, msgtype: 'text', text: { content: '满意', menu_id: '101' } })).toEqual({
        msgid: base.msgid, openKfid: 'wk1', externalUserid: 'wm1', sendTime: 1615478585, origin: 3, type: 'text', content: '满意', menuId: '101',
      });
      expect(toKfSyncMessage({ ...base, msgtype: 'text', text: { content: 'hi' } })).not.toHaveProperty('menuId');
    });

    it('parses media, location and events', () => {
      expect(toKfSyncMessage({ ...base, msgtype: 'image', image: { media_id: 'M' } })).toMatchObject({ type: 'image', mediaId: 'M' });
      expect(toKfSyncMessage({ ...base, msgtype: 'location', location: { latitude: 23.1, longitude: 113.2, name: 'n', address: 'a' } })).toMatchObject({
        type: 'location', latitude: 23.1, longitude: 113.2,
      });
      const enter = toKfSyncMessage({
        ...base, external_userid: undefined, origin: 4, msgtype: 'event',
        event: { event_type: 'enter_session', open_kfid: 'wk1', external_userid: 'wm9', scene: 'qr', scene_param: 'p', welcome_code: 'WC' },
      });
      expect(enter).toMatchObject({ type: 'event', externalUserid: 'wm9', event: { eventType: 'enter_session', scene: 'qr', welcomeCode: 'WC' } });
      expect(toKfSyncMessage({ ...base, origin: 4, msgtype: 'event', event: { event_type: 'msg_send_fail', fail_msgid: 'x', fail_type: 6 } })).toMatchObject({
        event: { eventType: 'msg_send_fail', failMsgid: 'x', failType: 6 },
      });
      expect(toKfSyncMessage({ ...base, origin: 4, msgtype: 'event', event: { event_type: 'session_status_change', change_type: 3, msg_code: 'MC' } })).toMatchObject({
        event: { eventType: 'session_status_change', changeType: 3, msgCode: 'MC' },
      });
      expect(toKfSyncMessage({ ...base, origin: 4, msgtype: 'event', event: { event_type: 'servicer_status_change', servicer_userid: 's', status: 2 } })).toMatchObject({
        event: { eventType: 'servicer_status_change', servicerUserid: 's', status: 2 },
      });
    });

    it('keeps unknown or odd payloads as unsupported and refuses entries without msgid', () => {
      expect(toKfSyncMessage({ ...base, msgtype: 'miniprogram', miniprogram: {} })).toMatchObject({ type: 'unsupported', msgtype: 'miniprogram' });
      expect(toKfSyncMessage({ ...base, msgtype: 'text', text: {} })).toMatchObject({ type: 'unsupported', msgtype: 'text' });
      expect(() => toKfSyncMessage({ ...base, msgid: undefined, msgtype: 'text' })).toThrow();
    });
  });
});

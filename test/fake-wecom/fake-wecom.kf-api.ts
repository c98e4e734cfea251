import { BAD_JSON, checkToken, fail, FakeHandler, FakeReply, jsonBody, list, obj, ok, text } from './fake-wecom.http';
import { byteLength, FakeWecomState, HOURS, isObject, JsonObject, KfSession } from './fake-wecom.state';

const MSGID = /^[0-9a-zA-Z_-]{1,32}$/;
/** Allowed service_state transitions (WECOM.md §6.6); anything else is 95016. */
const TRANSITIONS: Readonly<Record<number, readonly number[]>> = { 0: [1, 2, 3, 4], 1: [2, 3, 4], 2: [3, 4], 3: [3, 4], 4: [] };

function account(state: FakeWecomState, body: JsonObject): FakeReply | string {
  const openKfid = text(body, 'open_kfid');
  if (!openKfid) return fail(95000, 'invalid open_kfid');
  if (!state.kfAccounts.has(openKfid)) return fail(95004, 'open_kfid not exist');
  return openKfid;
}

/** text or msgmenu content, as send_msg and send_msg_on_event accept it. */
function checkContent(body: JsonObject): FakeReply | undefined {
  const msgtype = text(body, 'msgtype');
  if (msgtype === 'text') {
    const content = text(obj(body, 'text'), 'content');
    if (!content) return fail(44004, 'empty content');
    if (byteLength(content) > 2048) return fail(45002, 'content size out of limit');
    return undefined;
  }
  if (msgtype === 'msgmenu') {
    const items = list(obj(body, 'msgmenu'), 'list');
    if (!items || items.length === 0) return fail(40058, 'msgmenu.list required');
    if (items.length > 10) return fail(95008, 'msgmenu item count exceeds 10');
    for (const item of items) {
      const type = isObject(item) ? text(item, 'type') : undefined;
      if (!type || !['click', 'view', 'miniprogram', 'text'].includes(type)) return fail(40058, 'invalid msgmenu item type');
      if (!text(obj(item as JsonObject, type), 'content')) return fail(40058, `msgmenu ${type}.content required`);
      if (type === 'click' && byteLength(text(obj(item as JsonObject, 'click'), 'id')) > 64) return fail(40058, 'click.id over 64 bytes');
    }
    return undefined;
  }
  return fail(40008, 'invalid message type');
}

function checkMsgid(state: FakeWecomState, openKfid: string, body: JsonObject): FakeReply | string {
  const msgid = text(body, 'msgid');
  if (msgid === undefined) return state.nextId('MSG');
  if (!MSGID.test(msgid)) return fail(40058, 'invalid msgid');
  // Undocumented errcode; the doc only says msgid must be unique within the kf account.
  if (state.kfMsgids.has(`${openKfid}|${msgid}`)) return fail(40058, 'msgid duplicated');
  return msgid;
}

/** The 48 h / 5-message rule of send_msg, checked on the fake clock. */
function checkWindow(state: FakeWecomState, session: KfSession): FakeReply | undefined {
  if (session.state !== 0 && session.state !== 1) return fail(95018, 'send msg session status invalid');
  if (session.lastCustomerMessageAt === undefined) return fail(95031, 'customer has not sent a message within 48 hours');
  if (state.clock.now() - session.lastCustomerMessageAt > 48 * HOURS) return fail(95002, 'send msg time limit exceeded (48h)');
  if (session.sentSinceCustomer >= 5) return fail(95001, 'send msg count limit exceeded (5)');
  return undefined;
}

export const kfSyncMsg: FakeHandler = (state, req) => {
  const denied = checkToken(state, req, 'kf');
  if (denied) return denied;
  const body = jsonBody(req);
  if (!body) return BAD_JSON();
  const token = text(body, 'token');
  if (token !== undefined) {
    const entry = state.kfTokens.get(token);
    if (!entry || entry.expiresAt <= state.clock.now()) return fail(95007, 'invalid msg token');
  }
  const openKfid = text(body, 'open_kfid');
  if (openKfid !== undefined && !state.kfAccounts.has(openKfid)) return fail(95004, 'open_kfid not exist');
  const limit = body.limit === undefined ? 1000 : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return fail(40058, 'invalid limit');
  const cursor = text(body, 'cursor') ?? '';
  if (cursor && !/^c\d+$/.test(cursor)) return fail(40058, 'invalid cursor');
  const after = cursor ? Number(cursor.slice(1)) : 0;
  // Only the last 3 days are kept, like the real API.
  const since = state.clock.seconds() - 3 * 24 * 3600;
  const visible = state.kfQueue.filter((m) => m.seq > after && (openKfid === undefined || m.open_kfid === openKfid) && (m.send_time ?? 0) >= since);
  const page = visible.slice(0, limit);
  const last = page.length > 0 ? page[page.length - 1].seq : after;
  const msgList = page.map(({ seq: _seq, ...m }) => JSON.parse(JSON.stringify(m)) as JsonObject);
  return ok({ next_cursor: `c${last}`, has_more: visible.length > limit ? 1 : 0, msg_list: msgList });
};

export const kfSendMsg: FakeHandler = (state, req) => {
  const denied = checkToken(state, req, 'kf');
  if (denied) return denied;
  const body = jsonBody(req);
  if (!body) return BAD_JSON();
  const touser = text(body, 'touser');
  if (!touser) return fail(40096, 'invalid external userid (touser)');
  const openKfid = account(state, body);
  if (typeof openKfid !== 'string') return openKfid;
  const content = checkContent(body);
  if (content) return content;
  const msgid = checkMsgid(state, openKfid, body);
  if (typeof msgid !== 'string') return msgid;
  const session = state.session(openKfid, touser);
  const window = checkWindow(state, session);
  if (window) return window;
  session.sentSinceCustomer += 1;
  state.kfMsgids.add(`${openKfid}|${msgid}`);
  state.sent.push({ path: req.path, body, at: state.clock.now(), warnings: [] });
  return ok({ msgid });
};

export const kfSendMsgOnEvent: FakeHandler = (state, req) => {
  const denied = checkToken(state, req, 'kf');
  if (denied) return denied;
  const body = jsonBody(req);
  if (!body) return BAD_JSON();
  const code = text(body, 'code');
  if (!code) return fail(40058, 'code missing');
  const entry = state.codes.get(code);
  if (!entry) return fail(40058, 'invalid code');
  if (entry.used) return fail(42022, 'code already used');
  if (entry.expiresAt <= state.clock.now()) return fail(42003, 'code expired');
  const session = state.session(entry.openKfid, entry.externalUserid);
  if (entry.kind === 'state' && session.state !== entry.state) return fail(95013, 'session state changed since the code was issued');
  const content = checkContent(body);
  if (content) return content;
  const msgid = checkMsgid(state, entry.openKfid, body);
  if (typeof msgid !== 'string') return msgid;
  entry.used = true;
  state.kfMsgids.add(`${entry.openKfid}|${msgid}`);
  state.sent.push({ path: req.path, body, at: state.clock.now(), warnings: [] });
  return ok({ msgid });
};

export const kfServiceStateGet: FakeHandler = (state, req) => {
  const denied = checkToken(state, req, 'kf');
  if (denied) return denied;
  const body = jsonBody(req);
  if (!body) return BAD_JSON();
  const openKfid = account(state, body);
  if (typeof openKfid !== 'string') return openKfid;
  const externalUserid = text(body, 'external_userid');
  if (!externalUserid) return fail(40096, 'invalid external_userid');
  const session = state.session(openKfid, externalUserid);
  return ok({ service_state: session.state, servicer_userid: session.state === 3 ? session.servicerUserid ?? '' : '' });
};

export const kfServiceStateTrans: FakeHandler = (state, req) => {
  const denied = checkToken(state, req, 'kf');
  if (denied) return denied;
  const body = jsonBody(req);
  if (!body) return BAD_JSON();
  const openKfid = account(state, body);
  if (typeof openKfid !== 'string') return openKfid;
  const externalUserid = text(body, 'external_userid');
  if (!externalUserid) return fail(40096, 'invalid external_userid');
  const target = body.service_state;
  if (typeof target !== 'number' || !Number.isInteger(target) || target < 0 || target > 4) return fail(40058, 'invalid service_state');
  const session = state.session(openKfid, externalUserid);
  if (!TRANSITIONS[session.state].includes(target)) return fail(95016, 'state transition not allowed');
  const servicer = text(body, 'servicer_userid');
  if (target === 3 && (!servicer || !state.servicers.has(servicer))) return fail(95014, 'user is not a servicer');
  const from = session.state;
  session.state = target as KfSession['state'];
  session.servicerUserid = target === 3 ? servicer : undefined;
  state.sent.push({ path: req.path, body, at: state.clock.now(), warnings: [] });
  // A code for one reply: entering the pool or a human (48 h), or ending (20 s).
  const issues = (target === 2 || target === 3) && from !== target ? 48 * HOURS : target === 4 ? 20_000 : 0;
  if (!issues) return ok({});
  return ok({ msg_code: state.issueCode({ kind: 'state', openKfid, externalUserid, state: target }, issues) });
};

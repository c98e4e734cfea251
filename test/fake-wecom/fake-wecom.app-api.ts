import { parseMultipart } from './multipart';
import { BAD_JSON, checkToken, fail, FakeHandler, FakeReply, jsonBody, list, obj, ok, text } from './fake-wecom.http';
import { byteLength, FakeWecomState, HOURS, isObject, JsonObject } from './fake-wecom.state';

const TASK_ID = /^[0-9a-zA-Z_\-@]{1,128}$/;
const INTERACTIVE = new Set(['button_interaction', 'vote_interaction', 'multiple_interaction']);
const CARD_TYPES = new Set(['text_notice', 'news_notice', ...INTERACTIVE]);
const MEDIA_TYPES = new Set(['image', 'voice', 'video', 'file']);

export const gettoken: FakeHandler = (state, req) => {
  const corpid = req.query.get('corpid');
  const secret = req.query.get('corpsecret');
  if (!corpid) return fail(41002, 'corpid missing');
  if (!secret) return fail(41004, 'corpsecret missing');
  if (corpid !== state.corpId) return fail(40013, 'invalid corpid');
  const kind = secret === state.secrets.app ? 'app' : state.secrets.kf && secret === state.secrets.kf ? 'kf' : undefined;
  if (!kind) return fail(40001, 'invalid credential');
  const token = state.nextId(`tok-${kind}-`);
  state.tokens.set(token, { kind, expiresAt: state.clock.now() + state.tokenTtlSeconds * 1000, revoked: false });
  return ok({ access_token: token, expires_in: state.tokenTtlSeconds });
};

function checkAgent(state: FakeWecomState, body: JsonObject): FakeReply | undefined {
  if (body.agentid === undefined || body.agentid === null || body.agentid === '') return fail(41011, 'agentid missing');
  if (Number(body.agentid) !== state.agentId) return fail(40056, 'invalid agentid');
  return undefined;
}

function validateCard(state: FakeWecomState, card: JsonObject | undefined): FakeReply | undefined {
  const type = text(card, 'card_type');
  if (!card || !type || !CARD_TYPES.has(type)) return fail(42031, 'invalid template_card.card_type');
  const taskId = text(card, 'task_id');
  if ((INTERACTIVE.has(type) || card.action_menu) && (!taskId || !TASK_ID.test(taskId))) return fail(42014, 'invalid task_id');
  if (taskId && state.taskIds.has(taskId)) return fail(42014, 'task_id already used by this app');
  if (type === 'button_interaction') {
    const buttons = list(card, 'button_list') ?? [];
    if (buttons.length < 1 || buttons.length > 6) return fail(40058, 'button_list must hold 1..6 buttons');
    for (const b of buttons) {
      if (!isObject(b) || !text(b, 'text')) return fail(42038, 'button_list.text missing');
      if ((b.type ?? 0) === 0 && !text(b, 'key')) return fail(42039, 'button_list.key missing');
    }
  }
  if (type === 'vote_interaction') {
    const checkbox = obj(card, 'checkbox');
    if (!text(checkbox, 'question_key')) return fail(42043, 'checkbox.question_key missing');
    const options = list(checkbox, 'option_list') ?? [];
    if (options.length < 1 || options.length > 20) return fail(42037, 'option_list must hold 1..20 options');
  }
  if (type === 'multiple_interaction') {
    const selects = list(card, 'select_list') ?? [];
    if (selects.length < 1 || selects.length > 3) return fail(42047, 'select_list must hold 1..3 selects');
  }
  if (type === 'vote_interaction' || type === 'multiple_interaction') {
    const submit = obj(card, 'submit_button');
    if (!text(submit, 'key')) return fail(42046, 'submit_button.key missing');
    if (!text(submit, 'text')) return fail(42049, 'submit_button.text missing');
  }
  return undefined;
}

export const messageSend: FakeHandler = (state, req) => {
  const denied = checkToken(state, req, 'app');
  if (denied) return denied;
  const body = jsonBody(req);
  if (!body) return BAD_JSON();
  const agent = checkAgent(state, body);
  if (agent) return agent;
  const msgtype = text(body, 'msgtype');
  if (!msgtype || !['text', 'markdown', 'textcard', 'template_card'].includes(msgtype)) return fail(40008, 'invalid message type');
  const touser = text(body, 'touser') ?? '';
  if (!touser && !text(body, 'toparty') && !text(body, 'totag')) return fail(40058, 'touser, toparty or totag required');
  const users = touser && touser !== '@all' ? touser.split('|') : [];
  if (users.length > 1000) return fail(40032, 'more than 1000 users');
  const invalid = state.users ? users.filter((u) => !state.users?.has(u)) : [];
  if (users.length > 0 && invalid.length === users.length && !text(body, 'toparty') && !text(body, 'totag')) return fail(81013, 'all recipients invalid');
  const warnings: string[] = [];
  const payload = obj(body, msgtype);
  if (msgtype === 'text' || msgtype === 'markdown') {
    if (!text(payload, 'content')) return fail(44004, 'empty content');
    if (byteLength(payload?.content) > 2048) warnings.push(`${msgtype}.content over 2048 bytes: WeCom truncates`);
  } else if (msgtype === 'textcard') {
    if (!text(payload, 'title')) return fail(41016, 'title missing');
    if (!text(payload, 'description')) return fail(41033, 'description missing');
    if (!text(payload, 'url')) return fail(41010, 'url missing');
    if (byteLength(payload?.title) > 128 || byteLength(payload?.description) > 512) warnings.push('textcard title/description over limit: WeCom truncates');
  } else {
    const problem = validateCard(state, payload);
    if (problem) return problem;
  }
  const result: JsonObject = { invaliduser: invalid.join('|'), msgid: state.nextId('msg') };
  const taskId = text(payload, 'task_id');
  if (taskId) state.taskIds.add(taskId);
  if (msgtype === 'template_card' && INTERACTIVE.has(text(payload, 'card_type') ?? '')) {
    result.response_code = issueResponseCode(state);
  }
  state.sent.push({ path: req.path, body, at: state.clock.now(), warnings });
  return ok(result);
};

/** The send-API text says 24 h, the update page 72 h: the fake takes the stricter one. */
export function issueResponseCode(state: FakeWecomState): string {
  const code = state.nextId('RC');
  state.responseCodes.set(code, { expiresAt: state.clock.now() + 24 * HOURS, used: false });
  return code;
}

export const updateTemplateCard: FakeHandler = (state, req) => {
  const denied = checkToken(state, req, 'app');
  if (denied) return denied;
  const body = jsonBody(req);
  if (!body) return BAD_JSON();
  const agent = checkAgent(state, body);
  if (agent) return agent;
  const code = text(body, 'response_code');
  if (!code) return fail(40058, 'response_code missing');
  const entry = state.responseCodes.get(code);
  if (!entry) return fail(40058, 'invalid response_code');
  // Global error list: 42022 "code已经被使用过。只能使用一次", 42003 "code已过期".
  if (entry.used) return fail(42022, 'response_code already used');
  if (entry.expiresAt <= state.clock.now()) return fail(42003, 'response_code expired');
  if (!obj(body, 'button') && !obj(body, 'template_card')) return fail(40058, 'button or template_card required');
  if (obj(body, 'button') && !text(obj(body, 'button'), 'replace_name')) return fail(40058, 'button.replace_name missing');
  entry.used = true;
  state.sent.push({ path: req.path, body, at: state.clock.now(), warnings: [] });
  return ok({ invaliduser: [] });
};

export const mediaUpload: FakeHandler = (state, req) => {
  const denied = checkToken(state, req, 'app');
  if (denied) return denied;
  const type = req.query.get('type') ?? '';
  if (!MEDIA_TYPES.has(type)) return fail(40005, 'invalid media type');
  const part = parseMultipart(req.headers['content-type'], req.body).find((p) => p.name === 'media');
  if (!part || part.data.length === 0) return fail(44001, 'empty media data');
  if (part.data.length > 20 * 1024 * 1024) return fail(45001, 'media size out of limit');
  const mediaId = state.nextId('MEDIA');
  state.media.set(mediaId, { bytes: part.data, contentType: part.contentType ?? 'application/octet-stream', filename: part.filename ?? 'media' });
  state.sent.push({ path: req.path, body: { type, filename: part.filename ?? null, bytes: part.data.length }, at: state.clock.now(), warnings: [] });
  return ok({ type, media_id: mediaId, created_at: String(state.clock.seconds()) });
};

export const mediaGet: FakeHandler = (state, req) => {
  // Any valid token: app and kf media both download here.
  const token = state.tokens.get(req.query.get('access_token') ?? '');
  if (!token) return checkToken(state, req, 'app') ?? fail(40014, 'invalid access_token');
  if (token.revoked || token.expiresAt <= state.clock.now()) return fail(42001, 'access_token expired');
  const mediaId = req.query.get('media_id');
  if (!mediaId) return fail(41006, 'media_id missing');
  const media = state.media.get(mediaId);
  if (!media) return fail(40007, 'invalid media_id');
  return {
    status: 200,
    headers: { 'content-type': media.contentType, 'content-disposition': `attachment; filename="${media.filename}"` },
    body: media.bytes,
  };
};

export const getUserInfo: FakeHandler = (state, req) => {
  const denied = checkToken(state, req, 'app');
  if (denied) return denied;
  const code = req.query.get('code');
  if (!code) return fail(41008, 'code missing');
  const userid = state.oauthCodes.get(code);
  // Codes are single use (and valid 5 minutes): a second exchange is 40029 like an unknown one.
  if (!userid) return fail(40029, 'invalid code');
  state.oauthCodes.delete(code);
  return ok({ userid, user_ticket: state.nextId('TICKET') });
};

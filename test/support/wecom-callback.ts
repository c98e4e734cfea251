import { randomBytes } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';

/**
 * Builds WeCom callbacks as WeCom would send them: plaintext XML, AES-encrypted and signed with @wecom/crypto
 * (deliberately not our WecomCrypto, so tests cross-check the two).
 */
export interface WecomCallbackKeys {
  token: string;
  encodingAesKey: string;
  corpId: string;
}

/** Tencent's Set A sample keys (WECOM.md §2.1). */
export const TEST_WECOM_KEYS: WecomCallbackKeys = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
};

export interface CallbackQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
  echostr?: string;
}

export interface SignedCallback {
  query: CallbackQuery;
  /** The POST body (text/xml); '' for the GET verification. */
  body: string;
  /** The plaintext XML that was encrypted (or the echo for GET). */
  plaintext: string;
}

interface SealOptions {
  keys?: WecomCallbackKeys;
  timestamp?: number;
  nonce?: string;
  agentId?: string | number;
}

const cdata = (text: string): string => `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`;

/** `?msg_signature=…` with the percent-encoding WeCom uses (echostr's + / = are escaped). */
export function callbackUrl(path: string, query: CallbackQuery): string {
  return `${path}?${new URLSearchParams({ ...query }).toString()}`;
}

/** The GET URL-verification request; the handler must answer `plaintext`. */
export function buildEchoCallback(echo = randomBytes(8).readBigUInt64BE().toString(), options: SealOptions = {}): SignedCallback {
  const keys = options.keys ?? TEST_WECOM_KEYS;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? randomNonce();
  const echostr = encrypt(keys.encodingAesKey, echo, keys.corpId);
  return { query: { msg_signature: getSignature(keys.token, timestamp, nonce, echostr), timestamp, nonce, echostr }, body: '', plaintext: echo };
}

/** Encrypts and signs any plaintext into the POST envelope. */
export function sealCallback(plaintext: string, options: SealOptions = {}): SignedCallback {
  const keys = options.keys ?? TEST_WECOM_KEYS;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? randomNonce();
  const ciphertext = encrypt(keys.encodingAesKey, plaintext, keys.corpId);
  const agent = options.agentId === undefined ? '' : `<AgentID>${cdata(String(options.agentId))}</AgentID>`;
  const body = `<xml><ToUserName>${cdata(keys.corpId)}</ToUserName><Encrypt>${cdata(ciphertext)}</Encrypt>${agent}</xml>`;
  return { query: { msg_signature: getSignature(keys.token, timestamp, nonce, ciphertext), timestamp, nonce }, body, plaintext };
}

export interface TextCallbackInput {
  from: string;
  content: string;
  /** A 64-bit id as a string; random when left out. */
  msgId?: string;
  createTime?: number;
  agentId?: string | number;
}

export function buildTextCallback(input: TextCallbackInput, options: SealOptions = {}): SignedCallback {
  const keys = options.keys ?? TEST_WECOM_KEYS;
  const createTime = input.createTime ?? Math.floor(Date.now() / 1000);
  const agentId = String(input.agentId ?? 1000002);
  const plaintext =
    `<xml><ToUserName>${cdata(keys.corpId)}</ToUserName><FromUserName>${cdata(input.from)}</FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(input.content)}</Content>` +
    `<MsgId>${input.msgId ?? randomMsgId()}</MsgId><AgentID>${agentId}</AgentID></xml>`;
  return sealCallback(plaintext, { ...options, keys, agentId });
}

export interface EventCallbackInput {
  from: string;
  /** e.g. subscribe, enter_agent, click, view, LOCATION, template_card_event */
  event: string;
  eventKey?: string;
  createTime?: number;
  agentId?: string | number;
  /** More elements, in order, e.g. { TaskId: 't1', ResponseCode: 'RC', CardType: 'button_interaction' }. */
  fields?: Record<string, string>;
  /** template_card_event selections. */
  selectedItems?: { questionKey: string; optionIds: string[] }[];
}

export function buildEventCallback(input: EventCallbackInput, options: SealOptions = {}): SignedCallback {
  const keys = options.keys ?? TEST_WECOM_KEYS;
  const createTime = input.createTime ?? Math.floor(Date.now() / 1000);
  const agentId = String(input.agentId ?? 1000002);
  const fields = Object.entries(input.fields ?? {}).map(([tag, value]) => `<${tag}>${cdata(value)}</${tag}>`).join('');
  const selected = input.selectedItems
    ? `<SelectedItems>${input.selectedItems
        .map((s) => `<SelectedItem><QuestionKey>${cdata(s.questionKey)}</QuestionKey><OptionIds>${s.optionIds.map((o) => `<OptionId>${cdata(o)}</OptionId>`).join('')}</OptionIds></SelectedItem>`)
        .join('')}</SelectedItems>`
    : '';
  const plaintext =
    `<xml><ToUserName>${cdata(keys.corpId)}</ToUserName><FromUserName>${cdata(input.from)}</FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata(input.event)}</Event>` +
    `<EventKey>${cdata(input.eventKey ?? '')}</EventKey>${fields}${selected}<AgentID>${agentId}</AgentID></xml>`;
  return sealCallback(plaintext, { ...options, keys, agentId });
}

export interface KfEventCallbackInput {
  openKfId: string;
  /** The sync_msg token; use the one FakeWecom.queueKfMessages returned. */
  token: string;
  createTime?: number;
}

/** kf_msg_or_event: no FromUserName, no AgentID, no MsgId (WECOM.md §6.2). */
export function buildKfEventCallback(input: KfEventCallbackInput, options: SealOptions = {}): SignedCallback {
  const keys = options.keys ?? TEST_WECOM_KEYS;
  const createTime = input.createTime ?? Math.floor(Date.now() / 1000);
  const plaintext =
    `<xml><ToUserName>${cdata(keys.corpId)}</ToUserName><CreateTime>${createTime}</CreateTime>` +
    `<MsgType>${cdata('event')}</MsgType><Event>${cdata('kf_msg_or_event')}</Event>` +
    `<Token>${cdata(input.token)}</Token><OpenKfId>${cdata(input.openKfId)}</OpenKfId></xml>`;
  return sealCallback(plaintext, { ...options, keys });
}

function randomNonce(): string {
  return String(randomBytes(4).readUInt32BE());
}

/** A random id above 2^53, like real MsgIds, so precision bugs show up in tests. */
function randomMsgId(): string {
  return (BigInt(2) ** BigInt(62) + randomBytes(8).readBigUInt64BE(0) % BigInt(2) ** BigInt(56)).toString();
}

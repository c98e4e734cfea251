import { XMLParser } from 'fast-xml-parser';
import { WecomCallbackException, WecomCallbackExceptionCode } from './wecom.exception';

/** WeCom callbacks are a few KB; anything near this is not WeCom. The HTTP layer has its own limit too. */
export const MAX_CALLBACK_XML_BYTES = 1024 * 1024;

/** A parsed element: text (always a string, never a number), a nested element, or repeated elements. */
export type XmlValue = string | XmlElement | XmlValue[];
export interface XmlElement {
  [tag: string]: XmlValue;
}

/** The outer, still encrypted POST body: `<xml><ToUserName/><Encrypt/><AgentID/></xml>`. */
export interface CallbackEnvelope {
  encrypt: string;
  toUserName?: string;
  agentId?: string;
}

/** Elements the protocol repeats; forced to arrays so one selected option looks like many. */
const LIST_TAGS = new Set(['SelectedItem', 'OptionId']);

// A DTD is the only way to declare entities (XXE, billion laughs); WeCom never sends one. CDATA may quote the text.
const DTD_MARKUP = /<!\s*(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i;
const CDATA_SECTION = /<!\[CDATA\[[\s\S]*?\]\]>/g;
const TAG_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const parser = new XMLParser({
  ignoreAttributes: true,
  // MsgId exceeds 2^53 and Content like "007" must stay text: no number parsing anywhere.
  parseTagValue: false,
  parseAttributeValue: false,
  // Content keeps the resident's leading and trailing spaces and newlines.
  trimValues: false,
  // Only the five predefined entities can occur, since any DTD is refused before parsing.
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 16,
  isArray: (tagName) => LIST_TAGS.has(tagName),
});

function malformed(why: string): WecomCallbackException {
  return new WecomCallbackException(`WeCom XML refused: ${why}`, WecomCallbackExceptionCode.MALFORMED_BODY);
}

/** Parses WeCom XML (envelope or decrypted plaintext) and returns the children of the single `<xml>` root. */
export function parseWecomXml(xml: string): XmlElement {
  if (typeof xml !== 'string' || xml.length === 0) throw malformed('empty body');
  if (xml.length > MAX_CALLBACK_XML_BYTES || Buffer.byteLength(xml, 'utf8') > MAX_CALLBACK_XML_BYTES) {
    throw malformed('body larger than 1 MB');
  }
  if (DTD_MARKUP.test(xml.replace(CDATA_SECTION, ''))) throw malformed('DTD declarations are not accepted');
  let parsed: unknown;
  try {
    parsed = parser.parse(xml, true);
  } catch {
    // The parser's own message may quote the input; keep it out of logs.
    throw malformed('not well-formed XML');
  }
  if (!isRecord(parsed)) throw malformed('no root element');
  const roots = Object.keys(parsed);
  if (roots.length !== 1 || roots[0] !== 'xml') throw malformed('expected exactly one <xml> root element');
  const root = toXmlValue(parsed.xml, 0);
  if (typeof root === 'string') {
    if (root.trim() === '') return {};
    throw malformed('<xml> holds text instead of elements');
  }
  if (Array.isArray(root)) throw malformed('repeated <xml> root');
  return root;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toXmlValue(value: unknown, depth: number): XmlValue {
  if (depth > 16) throw malformed('nested too deeply');
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => toXmlValue(v, depth + 1));
  if (isRecord(value)) {
    const element: XmlElement = {};
    for (const [tag, child] of Object.entries(value)) {
      // Whitespace between child elements (kept because trimValues is off) is layout, not data.
      if (tag === '#text') continue;
      element[tag] = toXmlValue(child, depth + 1);
    }
    return element;
  }
  throw malformed('unexpected node');
}

/** Parses the encrypted envelope of a POST callback. */
export function parseEnvelope(xml: string): CallbackEnvelope {
  const root = parseWecomXml(xml);
  const encrypt = textOf(root, 'Encrypt');
  if (!encrypt) throw malformed('missing <Encrypt>');
  return { encrypt, toUserName: textOf(root, 'ToUserName'), agentId: textOf(root, 'AgentID') };
}

/** The text of a child element; undefined when absent. A nested or repeated element is malformed. */
export function textOf(element: XmlElement, tag: string): string | undefined {
  const value = element[tag];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw malformed(`<${tag}> must hold text`);
  return value;
}

/** A child element's children; undefined when absent or empty. */
export function elementOf(element: XmlElement, tag: string): XmlElement | undefined {
  const value = element[tag];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' || Array.isArray(value)) throw malformed(`<${tag}> must hold elements`);
  return value;
}

/** A repeated child element as a list (LIST_TAGS are arrays already; other tags are wrapped). */
export function listOf(element: XmlElement, tag: string): XmlValue[] {
  const value = element[tag];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

// ---------------------------------------------------------------------------------------------------------------
// Builder for passive replies: strings become CDATA, integers stay bare (CreateTime, ArticleCount).

export type XmlBuildValue = string | number | XmlBuildElement | readonly XmlBuildValue[];
export interface XmlBuildElement {
  readonly [tag: string]: XmlBuildValue | undefined;
}

/** Wraps text in CDATA; a `]]>` inside is split across two sections so the text survives unchanged. */
export function cdata(text: string): string {
  return `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

/** Builds `<xml>…</xml>` from an ordered object; undefined fields are left out. */
export function buildXml(fields: XmlBuildElement): string {
  return `<xml>${renderChildren(fields)}</xml>`;
}

function renderChildren(fields: XmlBuildElement): string {
  return Object.entries(fields)
    .map(([tag, value]) => (value === undefined ? '' : renderValue(tag, value)))
    .join('');
}

function renderValue(tag: string, value: XmlBuildValue): string {
  if (!TAG_NAME.test(tag)) throw new Error(`buildXml(): invalid tag name "${tag}"`);
  if (typeof value === 'string') return `<${tag}>${cdata(value)}</${tag}>`;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`buildXml(): <${tag}> must be a safe integer`);
    return `<${tag}>${value}</${tag}>`;
  }
  if (isBuildList(value)) return value.map((item) => renderValue(tag, item)).join('');
  return `<${tag}>${renderChildren(value)}</${tag}>`;
}

function isBuildList(value: XmlBuildValue): value is readonly XmlBuildValue[] {
  return Array.isArray(value);
}

export interface PassiveReplyHeader {
  /** The member's UserID (the callback's FromUserName). */
  toUser: string;
  /** The corp id (the callback's ToUserName). */
  fromUser: string;
  /** Seconds since the epoch. */
  createTime: number;
}

/** Plaintext of a passive text reply; WeCom truncates Content beyond 2048 bytes. */
export function buildTextReply(reply: PassiveReplyHeader & { content: string }): string {
  return buildXml({
    ToUserName: reply.toUser,
    FromUserName: reply.fromUser,
    CreateTime: reply.createTime,
    MsgType: 'text',
    Content: reply.content,
  });
}

/** Plaintext that renames the clicked template-card button for the clicking member (e.g. "accepted"). */
export function buildUpdateButtonReply(reply: PassiveReplyHeader & { replaceName: string }): string {
  return buildXml({
    ToUserName: reply.toUser,
    FromUserName: reply.fromUser,
    CreateTime: reply.createTime,
    MsgType: 'update_button',
    Button: { ReplaceName: reply.replaceName },
  });
}

import * as fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WecomCallbackException, WecomCallbackExceptionCode } from './wecom.exception';
import {
  buildTextReply,
  buildUpdateButtonReply,
  buildXml,
  cdata,
  MAX_CALLBACK_XML_BYTES,
  parseEnvelope,
  parseWecomXml,
} from './wecom-xml';

const FC = { seed: 20260301, numRuns: 200 };

function codeOf(fn: () => unknown): WecomCallbackExceptionCode | 'no error' | 'other error' {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return e instanceof WecomCallbackException ? e.code : 'other error';
  }
}

describe('wecom-xml', () => {
  it('keeps every value a string, big ids and leading zeros included', () => {
    const root = parseWecomXml('<xml><MsgId>4561255354251345929</MsgId><CreateTime>1409659813</CreateTime><Content>007</Content></xml>');
    expect(root).toEqual({ MsgId: '4561255354251345929', CreateTime: '1409659813', Content: '007' });
  });

  it('keeps Content untrimmed, with or without CDATA', () => {
    expect(parseWecomXml('<xml><Content><![CDATA[  hi \n ]]></Content></xml>').Content).toBe('  hi \n ');
    expect(parseWecomXml('<xml><Content> a &amp; b </Content></xml>').Content).toBe(' a & b ');
    expect(parseWecomXml('<xml><Content><![CDATA[&amp;]]></Content></xml>').Content).toBe('&amp;');
  });

  it('forces SelectedItem and OptionId into arrays', () => {
    const root = parseWecomXml(
      '<xml><SelectedItems><SelectedItem><QuestionKey>q</QuestionKey><OptionIds><OptionId>o1</OptionId></OptionIds></SelectedItem></SelectedItems></xml>',
    );
    expect(root.SelectedItems).toEqual({ SelectedItem: [{ QuestionKey: 'q', OptionIds: { OptionId: ['o1'] } }] });
  });

  it('accepts a DOCTYPE quoted inside CDATA (a resident may paste HTML)', () => {
    expect(parseWecomXml('<xml><Content><![CDATA[<!DOCTYPE html>]]></Content></xml>').Content).toBe('<!DOCTYPE html>');
  });

  it('rejects XXE without reading the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minyi-xxe-'));
    const secretFile = join(dir, 'secret.txt');
    writeFileSync(secretFile, 'TOP-SECRET-CONTENT');
    const xxe = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file://${secretFile}">]><xml><Content>&xxe;</Content></xml>`;
    let caught: unknown;
    try {
      parseWecomXml(xxe);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(WecomCallbackException);
    expect((caught as WecomCallbackException).code).toBe(WecomCallbackExceptionCode.MALFORMED_BODY);
    expect(String((caught as Error).message)).not.toContain('TOP-SECRET');
  });

  it('rejects billion laughs quickly', () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><Content>&lol3;</Content></xml>';
    const started = Date.now();
    expect(codeOf(() => parseWecomXml(lol))).toBe(WecomCallbackExceptionCode.MALFORMED_BODY);
    expect(codeOf(() => parseWecomXml(lol.replace('<!DOCTYPE', '<!doctype')))).toBe(WecomCallbackExceptionCode.MALFORMED_BODY);
    expect(Date.now() - started).toBeLessThan(200);
  });

  it.each([
    ['empty', ''],
    ['truncated CDATA', '<xml><Content><![CDATA[trunc'],
    ['unclosed root', '<xml><Content>a</Content>'],
    ['text', 'garbage'],
    ['two roots', '<xml><A>1</A></xml><yy/>'],
    ['another root', '<root><A>1</A></root>'],
    ['prototype keys', '<xml><__proto__>x</__proto__></xml>'],
    ['deep nesting', `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`],
  ])('rejects %s as MALFORMED_BODY', (_name, xml) => {
    expect(codeOf(() => parseWecomXml(xml))).toBe(WecomCallbackExceptionCode.MALFORMED_BODY);
  });

  it('rejects bodies over 1 MB', () => {
    const big = `<xml><Content>${'中'.repeat(MAX_CALLBACK_XML_BYTES / 3 + 1)}</Content></xml>`;
    expect(codeOf(() => parseWecomXml(big))).toBe(WecomCallbackExceptionCode.MALFORMED_BODY);
  });

  it('parses the envelope and requires <Encrypt>', () => {
    expect(parseEnvelope('<xml><ToUserName><![CDATA[ww1]]></ToUserName><Encrypt><![CDATA[abc=]]></Encrypt><AgentID>5</AgentID></xml>')).toEqual({
      encrypt: 'abc=',
      toUserName: 'ww1',
      agentId: '5',
    });
    expect(codeOf(() => parseEnvelope('<xml><Encrypt><A>x</A></Encrypt></xml>'))).toBe(WecomCallbackExceptionCode.MALFORMED_BODY);
  });

  it('never throws anything but WecomCallbackException on arbitrary input', () => {
    const xmlish = fc.array(
      fc.oneof(fc.string(), fc.constantFrom('<xml>', '</xml>', '<A>', '</A>', '<![CDATA[', ']]>', '<!DOCTYPE', '&amp;', '&', '<', '<?xml ?>', '<!--')),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), xmlish.map((parts) => parts.join(''))), (input) => {
        const outcome = codeOf(() => parseWecomXml(input));
        return outcome !== 'other error';
      }),
      FC,
    );
  });

  it('round-trips arbitrary unicode Content through the builder (XML turns CR line ends into LF)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.nat(), (content, createTime) => {
        const xml = buildTextReply({ toUser: 'u1', fromUser: 'ww1', createTime, content });
        const root = parseWecomXml(xml);
        expect(root.Content).toBe(content.replace(/\r\n?/g, '\n'));
        expect(root.CreateTime).toBe(String(createTime));
      }),
      FC,
    );
  });

  it('splits ]]> across CDATA sections', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(parseWecomXml(buildXml({ Content: ']]>]]>' })).Content).toBe(']]>]]>');
  });

  it('builds the update_button reply and refuses bad tag names and non-integers', () => {
    expect(buildUpdateButtonReply({ toUser: 'u', fromUser: 'ww', createTime: 1, replaceName: '已受理' })).toBe(
      '<xml><ToUserName><![CDATA[u]]></ToUserName><FromUserName><![CDATA[ww]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[update_button]]></MsgType><Button><ReplaceName><![CDATA[已受理]]></ReplaceName></Button></xml>',
    );
    expect(() => buildXml({ 'a b': 'x' })).toThrow(/invalid tag/);
    expect(() => buildXml({ CreateTime: 1.5 })).toThrow(/safe integer/);
    expect(buildXml({ Articles: { item: [{ Title: 't1' }, { Title: 't2' }] } })).toBe(
      '<xml><Articles><item><Title><![CDATA[t1]]></Title></item><item><Title><![CDATA[t2]]></Title></item></Articles></xml>',
    );
  });
});

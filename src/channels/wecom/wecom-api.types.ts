/** Request and response shapes of the WeCom server APIs we call, in the API's own snake_case. */

/** Which secret's access token a call needs: the self-built app's, or Customer Service's when it has its own. */
export type SecretKind = 'app' | 'kf';

export interface WecomApiClientOptions {
  /** e.g. https://qyapi.weixin.qq.com; tests point it at the fake server. */
  apiBase: string;
  corpId: string;
  secrets: { app: string; kf?: string };
  agentId: string | number;
  /** Per HTTP request, response body included. */
  timeoutMs: number;
  /** Attempts for transient failures (-1, 45033, 5xx, timeouts); default 3. */
  maxAttempts?: number;
  /** First back-off delay; doubles per attempt, jittered, capped at 8×. Default 200 ms. */
  backoffBaseMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

// ---- message/send -------------------------------------------------------------------------------------------

interface Recipients {
  /** UserIDs joined by "|", or "@all". One of touser / toparty / totag is required. */
  touser?: string;
  toparty?: string;
  totag?: string;
  enable_id_trans?: 0 | 1;
  enable_duplicate_check?: 0 | 1;
  duplicate_check_interval?: number;
}

export interface CardButton { type?: 0 | 1; text: string; style?: 1 | 2 | 3 | 4; key?: string; url?: string }
export interface CardOption { id: string; text: string; is_checked?: boolean }
export interface CardHorizontalContent { type?: 0 | 1 | 2 | 3; keyname: string; value?: string; url?: string; media_id?: string; userid?: string }
export interface TemplateCard {
  card_type: 'text_notice' | 'news_notice' | 'button_interaction' | 'vote_interaction' | 'multiple_interaction';
  /** Unique per app, [0-9a-zA-Z_-@] ≤128 bytes; echoed back as TaskId in clicks. */
  task_id?: string;
  source?: { icon_url?: string; desc?: string; desc_color?: 0 | 1 | 2 | 3 };
  main_title?: { title?: string; desc?: string };
  sub_title_text?: string;
  horizontal_content_list?: CardHorizontalContent[];
  jump_list?: { type?: 0 | 1 | 2; title: string; url?: string; appid?: string; pagepath?: string }[];
  card_action?: { type: 0 | 1 | 2; url?: string; appid?: string; pagepath?: string };
  action_menu?: { desc?: string; action_list: { text: string; key: string }[] };
  button_list?: CardButton[];
  button_selection?: { question_key: string; title?: string; option_list: CardOption[]; selected_id?: string };
  checkbox?: { question_key: string; mode?: 0 | 1; option_list: CardOption[] };
  select_list?: { question_key: string; title?: string; selected_id?: string; option_list: CardOption[] }[];
  submit_button?: { text: string; key: string };
  /** button_interaction only: greys the buttons out with this text. */
  replace_text?: string;
}

/** agentid is filled in by the client. */
export type AppMessage = Recipients &
  (
    | { msgtype: 'text'; text: { content: string }; safe?: 0 | 1 }
    | { msgtype: 'markdown'; markdown: { content: string } }
    | { msgtype: 'textcard'; textcard: { title: string; description: string; url: string; btntxt?: string } }
    | { msgtype: 'template_card'; template_card: TemplateCard }
  );

export interface AppMessageResult {
  invaliduser?: string;
  invalidparty?: string;
  invalidtag?: string;
  unlicenseduser?: string;
  msgid: string;
  /** Interactive cards only: one update_template_card, within 24 h. */
  response_code?: string;
}

export type UpdateTemplateCard = {
  userids?: string[];
  partyids?: number[];
  tagids?: number[];
  atall?: 0 | 1;
  response_code: string;
} & ({ button: { replace_name: string } } | { template_card: TemplateCard });

// ---- Customer Service ---------------------------------------------------------------------------------------

export interface KfSyncMsgRequest {
  cursor?: string;
  /** From the kf_msg_or_event callback; valid 10 minutes. Without it the API is strictly rate-limited. */
  token?: string;
  limit?: number;
  voice_format?: 0 | 1;
  open_kfid: string;
}

export type KfMenuItem =
  | { type: 'click'; click: { id: string; content: string } }
  | { type: 'view'; view: { url: string; content: string } }
  | { type: 'miniprogram'; miniprogram: { appid: string; pagepath: string; content: string } }
  | { type: 'text'; text: { content: string; no_newline?: 0 | 1 } };
export type KfMsgMenu = { head_content?: string; list: KfMenuItem[]; tail_content?: string };
type KfContent = { msgtype: 'text'; text: { content: string } } | { msgtype: 'msgmenu'; msgmenu: KfMsgMenu };

/** msgid (optional, ≤32 bytes [0-9a-zA-Z_-]) must be unique per kf account: use it as an idempotency key. */
export type KfSendMsgRequest = { touser: string; open_kfid: string; msgid?: string } & KfContent;
export type KfSendMsgOnEventRequest = { code: string; msgid?: string } & KfContent;

/** 0 new, 1 bot (API may reply), 2 waiting in the pool, 3 a human servicer, 4 ended / not started. */
export type KfServiceState = 0 | 1 | 2 | 3 | 4;
export interface KfServiceStateResult { service_state: KfServiceState; servicer_userid?: string }
export interface KfServiceStateTransRequest {
  open_kfid: string;
  external_userid: string;
  service_state: KfServiceState;
  servicer_userid?: string;
}

// ---- media and OAuth ----------------------------------------------------------------------------------------

export type MediaType = 'image' | 'voice' | 'video' | 'file';
export interface UploadedMedia { type: MediaType; media_id: string; created_at: string }
export interface DownloadedMedia { bytes: Buffer; contentType: string; filename?: string }

/** Members get userid (+ user_ticket for sensitive data); non-members get openid or external_userid. */
export interface OAuthUserInfo { userid?: string; user_ticket?: string; openid?: string; external_userid?: string }

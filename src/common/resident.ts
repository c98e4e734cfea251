/** Where a resident talks to minyi; with the external id it identifies the resident. */
export type ResidentChannel = 'web' | 'wecom_app' | 'wecom_kf';

export interface ResidentRef {
  channel: ResidentChannel;
  /** Web: the browser's stable id; app: the member's userid; kf: the external_userid. */
  externalId: string;
  /** kf only: the Customer Service account the resident wrote to. */
  openKfId?: string | null;
  /** Web only: the network address the message came from (per-address limits); never stored with a ticket. */
  address?: string | null;
}

export interface AttachmentRef {
  kind: 'image' | 'voice' | 'video' | 'file' | 'location';
  /** WeCom media id (valid 3 days), a stored file key, or a `lat,lng` for locations. */
  ref: string;
  name?: string | null;
}

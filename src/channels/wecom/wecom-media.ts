import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MediaStore, mediaRef } from '../../media/media.store';
import type { AttachmentRef } from '../../common/resident';
import { WecomApiClient } from './wecom-api.client';

/**
 * Copies a resident's WeCom media into our database when it arrives and returns the attachment to keep
 * (`media:<ref>`). If WeCom cannot be reached the message still goes on, with the WeCom media id, rather than
 * losing the resident's turn; the log says so.
 */
@Injectable()
export class WecomMedia {
  private readonly logger = new Logger('WecomMedia');
  private readonly store: MediaStore;

  constructor(
    private readonly api: WecomApiClient,
    dataSource: DataSource,
  ) {
    this.store = new MediaStore(dataSource);
  }

  async keep(source: 'wecom_app' | 'wecom_kf', kind: AttachmentRef['kind'], mediaId: string): Promise<AttachmentRef> {
    const existing = await this.store.find(source, mediaId);
    if (existing) return { kind, ref: mediaRef(existing), name: existing.filename };
    try {
      const media = await this.api.getMedia(mediaId, source === 'wecom_kf' ? 'kf' : 'app');
      const stored = await this.store.keep({ source, mediaId, contentType: media.contentType, filename: media.filename ?? null, bytes: media.bytes });
      return { kind, ref: mediaRef(stored), name: stored.filename };
    } catch (e) {
      this.logger.warn(`media ${mediaId} not copied (${(e as Error).message}); keeping the WeCom id, valid 3 days`);
      return { kind, ref: `wecom-media:${mediaId}` };
    }
  }
}

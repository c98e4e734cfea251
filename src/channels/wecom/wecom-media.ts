import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../../database/claim';
import type { AttachmentRef } from '../../tickets/tickets.port';
import type { WecomApiClient } from './wecom-api.client';
import { MediaFileEntity } from './media-file.entity';

/**
 * Copies a resident's WeCom media into our database when it arrives and returns the attachment to keep
 * (`media:<id>`). If WeCom cannot be reached the message still goes on, with the WeCom media id, rather than
 * losing the resident's turn; the log says so.
 */
export class WecomMedia {
  private readonly logger = new Logger('WecomMedia');

  constructor(
    private readonly api: WecomApiClient,
    private readonly dataSource: DataSource,
  ) {}

  async keep(source: 'wecom_app' | 'wecom_kf', kind: AttachmentRef['kind'], mediaId: string): Promise<AttachmentRef> {
    const repo = this.dataSource.getRepository(MediaFileEntity);
    const existing = await repo.findOneBy({ source, mediaId });
    if (existing) return { kind, ref: `media:${existing.id}`, name: existing.filename };
    try {
      const media = await this.api.getMedia(mediaId, source === 'wecom_kf' ? 'kf' : 'app');
      const row = { source, mediaId, contentType: media.contentType, filename: media.filename ?? null, size: media.bytes.length, dataBase64: media.bytes.toString('base64') };
      try {
        await repo.insert(row);
      } catch (e) {
        if (!isUniqueViolation(e)) throw e; // another instance stored the same media first
      }
      const stored = await repo.findOneByOrFail({ source, mediaId });
      return { kind, ref: `media:${stored.id}`, name: stored.filename };
    } catch (e) {
      this.logger.warn(`media ${mediaId} not copied (${(e as Error).message}); keeping the WeCom id, valid 3 days`);
      return { kind, ref: `wecom-media:${mediaId}` };
    }
  }
}

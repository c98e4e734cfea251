import { AppException } from '../../common/app.exception';
import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MediaStore, mediaRef } from '../../media/media.store';
import { PHOTO_TYPES, sniffPhoto } from '../../media/photo';
import { ResidentCredentials } from './resident-credential';
import { WebRateLimit } from './web-rate-limit';

/**
 * Photos from the web chat: the page uploads the image here, then sends a message carrying the returned
 * attachment, as a WeCom image message carries its media id. The photo belongs to the resident of the cookie;
 * one that no ticket uses is deleted after a day (MediaCleanup).
 */
@Controller('api/media')
export class WebMediaController {
  private readonly store: MediaStore;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly rateLimit: WebRateLimit,
    private readonly credentials: ResidentCredentials,
  ) {
    this.store = new MediaStore(dataSource);
  }

  @Post()
  @HttpCode(201)
  async upload(
    @Body() body: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('content-type') declared?: string,
  ): Promise<{ kind: 'image'; ref: string; size: number }> {
    this.rateLimit.check(req.ip);
    const resident = await this.credentials.identify(req, reply);
    this.rateLimit.checkResident(resident.id);
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new AppException('UNSUPPORTED_MEDIA_TYPE', `send the photo as the body, as one of ${PHOTO_TYPES.join(', ')}`);
    }
    const type = sniffPhoto(body);
    if (!type || type !== declared?.split(';')[0].trim().toLowerCase()) {
      throw new AppException('UNSUPPORTED_MEDIA_TYPE', `the body is not a ${declared ?? 'photo'}: expected ${PHOTO_TYPES.join(', ')}`);
    }
    const owner = `web:${resident.id}`;
    const mediaId = createHash('sha256').update(owner).update('\n').update(body).digest('hex');
    const stored = await this.store.keep({ source: 'web', mediaId, contentType: type, filename: null, bytes: body, owner });
    return { kind: 'image', ref: mediaRef(stored), size: stored.size };
  }
}

import { BadRequestException, Body, Controller, Headers, HttpCode, Post, Query, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MediaStore, mediaRef } from '../../media/media.store';
import { PHOTO_TYPES, sniffPhoto } from '../../media/photo';
import { WebRateLimit } from './web-rate-limit';

/**
 * Photos from the web chat: the page uploads the image here, then sends a message carrying the returned
 * attachment, as a WeCom image message carries its media id.
 */
@Controller('api/media')
export class WebMediaController {
  private readonly store: MediaStore;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly rateLimit: WebRateLimit,
  ) {
    this.store = new MediaStore(dataSource);
  }

  @Post()
  @HttpCode(201)
  async upload(
    @Body() body: unknown,
    @Req() req: FastifyRequest,
    @Query('user') user?: string,
    @Headers('content-type') declared?: string,
  ): Promise<{ kind: 'image'; ref: string; size: number }> {
    if (!user || user.length > 128) throw new BadRequestException({ error: 'bad_request', message: 'user is required' });
    this.rateLimit.check(user, req.ip);
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new UnsupportedMediaTypeException({ error: 'unsupported_media_type', message: `send the photo as the body, as one of ${PHOTO_TYPES.join(', ')}` });
    }
    const type = sniffPhoto(body);
    if (!type || type !== declared?.split(';')[0].trim().toLowerCase()) {
      throw new UnsupportedMediaTypeException({ error: 'unsupported_media_type', message: `the body is not a ${declared ?? 'photo'}: expected ${PHOTO_TYPES.join(', ')}` });
    }
    const mediaId = createHash('sha256').update(body).digest('hex');
    const stored = await this.store.keep({ source: 'web', mediaId, contentType: type, filename: null, bytes: body });
    return { kind: 'image', ref: mediaRef(stored.id), size: stored.size };
  }
}

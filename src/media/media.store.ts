import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../database/claim';
import { MediaFileEntity } from './media-file.entity';

export interface NewMedia {
  source: string;
  mediaId: string;
  contentType: string;
  filename: string | null;
  bytes: Buffer;
}

/** The attachment reference a stored file goes by in tickets and dialogs. */
export const mediaRef = (id: number): string => `media:${id}`;

/** Residents' media in the database, kept once per (source, media id) however many instances store it. */
export class MediaStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(source: string, mediaId: string): Promise<MediaFileEntity | null> {
    return this.dataSource.getRepository(MediaFileEntity).findOneBy({ source, mediaId });
  }

  async keep(media: NewMedia): Promise<MediaFileEntity> {
    const repo = this.dataSource.getRepository(MediaFileEntity);
    const { bytes, ...rest } = media;
    try {
      await repo.insert({ ...rest, size: bytes.length, dataBase64: bytes.toString('base64') });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // stored before, by this or another instance
    }
    return repo.findOneByOrFail({ source: media.source, mediaId: media.mediaId });
  }
}

import { randomBytes } from 'node:crypto';
import { LessThan, MoreThan, type DataSource } from 'typeorm';
import { isUniqueViolation } from '../database/claim';
import { MediaFileEntity } from './media-file.entity';

export interface NewMedia {
  source: string;
  mediaId: string;
  contentType: string;
  filename: string | null;
  bytes: Buffer;
  /** `web:<resident id>` for web uploads: only that resident may attach the file. */
  owner?: string | null;
}

const REF_PREFIX = 'media:';

/** The attachment reference a stored file goes by in tickets and dialogs: random, so it cannot be guessed. */
export const mediaRef = (media: Pick<MediaFileEntity, 'id' | 'ref'>): string => `${REF_PREFIX}${media.ref ?? media.id}`;

/** The stored file's own part of a `media:<ref>` attachment reference, or null for anything else. */
export const refOf = (attachment: string): string | null =>
  attachment.startsWith(REF_PREFIX) && attachment.length > REF_PREFIX.length ? attachment.slice(REF_PREFIX.length) : null;

/** Residents' media in the database, kept once per (source, media id) however many instances store it. */
export class MediaStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(source: string, mediaId: string): Promise<MediaFileEntity | null> {
    return this.dataSource.getRepository(MediaFileEntity).findOneBy({ source, mediaId });
  }

  /** The file an attachment names; tickets filed before refs were random name it by its row id. */
  async byAttachment(attachment: string): Promise<MediaFileEntity | null> {
    const ref = refOf(attachment);
    if (!ref) return null;
    const repo = this.dataSource.getRepository(MediaFileEntity);
    return (await repo.findOneBy({ ref })) ?? (/^\d+$/.test(ref) ? repo.findOneBy({ id: Number(ref) }) : null);
  }

  /** Whether `attachment` names a file that `owner` uploaded. */
  async owns(owner: string, attachment: string): Promise<boolean> {
    const ref = refOf(attachment);
    return ref !== null && (await this.dataSource.getRepository(MediaFileEntity).countBy({ ref, owner })) > 0;
  }

  async keep(media: NewMedia): Promise<MediaFileEntity> {
    const repo = this.dataSource.getRepository(MediaFileEntity);
    const { bytes, ...rest } = media;
    try {
      await repo.insert({ ...rest, owner: media.owner ?? null, ref: randomBytes(18).toString('base64url'), size: bytes.length, dataBase64: bytes.toString('base64') });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // stored before, by this or another instance
    }
    return repo.findOneByOrFail({ source: media.source, mediaId: media.mediaId });
  }

  /**
   * Deletes web uploads older than `before` that no ticket names (a photo sent and then abandoned); returns how
   * many. Pages through candidates by id, so a pass never holds the database for long.
   */
  async deleteUnused(before: Date, page = 200): Promise<number> {
    const repo = this.dataSource.getRepository(MediaFileEntity);
    let deleted = 0;
    for (let after = 0; ; ) {
      const old = await repo.find({ select: { id: true, ref: true }, where: { source: 'web', createdAt: LessThan(before), id: MoreThan(after) }, order: { id: 'ASC' }, take: page });
      for (const media of old) {
        const named = await this.dataSource.query('SELECT 1 AS x FROM ticket WHERE attachments LIKE ? LIMIT 1', [`%"${mediaRef(media)}"%`]);
        if (named.length > 0) continue;
        await repo.delete({ id: media.id });
        deleted++;
      }
      if (old.length < page) return deleted;
      after = old[old.length - 1].id;
    }
  }
}

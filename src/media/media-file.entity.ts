import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

/**
 * A photo, voice note or file a resident sent: uploaded from the web chat, or copied out of WeCom at once (WeCom
 * keeps media for three days only, a ticket for years). Stored in the database (base64) so every instance can
 * serve it.
 */
@Entity({ name: 'media_file' })
@Index('UQ_media_file_source_media', ['source', 'mediaId'], { unique: true })
export class MediaFileEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** `web`, or `wecom_app` / `wecom_kf` (which secret's token downloads it). */
  @Column({ type: 'varchar', length: 16 })
  source!: string;

  /** WeCom's media id; for web uploads the SHA-256 of the bytes, so a photo sent twice is kept once. */
  @Column({ type: 'varchar', length: 191 })
  mediaId!: string;

  @Column({ type: 'varchar', length: 128 })
  contentType!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  filename!: string | null;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'text' })
  dataBase64!: string;

  @CreatedAt()
  createdAt!: Date;
}

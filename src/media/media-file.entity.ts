import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

/**
 * A photo, voice note or file a resident sent: uploaded from the web chat, or copied out of WeCom at once (WeCom
 * keeps media for three days only, a ticket for years). Stored in the database (base64) so every instance can
 * serve it.
 */
@Entity({ name: 'media_file' })
@Index('UQ_media_file_source_media', ['source', 'mediaId'], { unique: true })
@Index('UQ_media_file_ref', ['ref'], { unique: true })
@Index('IDX_media_file_source_created', ['source', 'createdAt'])
export class MediaFileEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** `web`, or `wecom_app` / `wecom_kf` (which secret's token downloads it). */
  @Column({ type: 'varchar', length: 16 })
  source!: string;

  /** Random, unguessable: attachments name a file as `media:<ref>`. Null only for rows older than refs. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ref!: string | null;

  /** Who sent it (`web:<resident id>`, `wecom_app:<userid>`…); a web resident may attach only their own. */
  @Column({ type: 'varchar', length: 191, nullable: true })
  owner!: string | null;

  /** WeCom's media id; for web uploads the SHA-256 of the owner and the bytes, so a photo one resident sends twice is kept once. */
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

import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAt } from './columns';

/** A secret generated once and shared by every instance over the database (e.g. the web chat's cookie key). */
@Entity({ name: 'app_secret' })
export class AppSecretEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 255 })
  value!: string;

  @CreatedAt()
  createdAt!: Date;
}

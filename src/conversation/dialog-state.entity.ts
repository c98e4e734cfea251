import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../database/columns';

/** One botbuilder storage item (a resident's dialog stack and answers), JSON in `value`, guarded by `eTag`. */
@Entity({ name: 'dialog_state' })
export class DialogStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 191 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'varchar', length: 64 })
  eTag!: string;

  @Column(DATETIME)
  updatedAt!: Date;
}

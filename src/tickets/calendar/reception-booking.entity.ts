import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DATETIME } from '../../database/columns';

/** A resident's 30-minute visit to a studio's reception; the unique index makes a slot bookable once. */
@Entity({ name: 'reception_booking' })
@Index('UQ_reception_booking_slot', ['workstationCode', 'slotStart'], { unique: true })
@Index('IDX_reception_booking_resident', ['residentKey'])
@Index('IDX_reception_booking_address', ['addressKey'])
export class ReceptionBookingEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  workstationCode!: string;

  @Column(DATETIME)
  slotStart!: Date;

  /** `channel:externalId`, the same key as the dialog session. */
  @Column({ type: 'varchar', length: 191 })
  residentKey!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  memberUserid!: string | null;

  /** SHA-256 prefix of the network address the booking came from (web chat); null for WeCom. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  addressKey!: string | null;

  /** How the visitor asked to be called, their phone and what they come about; shown to the studio's members. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  visitorName!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  visitorPhone!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  purpose!: string | null;

  @CreatedAt()
  createdAt!: Date;
}

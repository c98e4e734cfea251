import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

/** Sends one sector's concerns from one area to a named workstation instead of the committee's default. */
@Entity({ name: 'routing_override' })
@Index('UQ_routing_override_sector_area', ['sectorCode', 'areaCode'], { unique: true })
export class RoutingOverrideEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  sectorCode!: string;

  @Column({ type: 'varchar', length: 64 })
  areaCode!: string;

  @Column({ type: 'varchar', length: 64 })
  workstationCode!: string;

  @CreatedAt()
  createdAt!: Date;
}

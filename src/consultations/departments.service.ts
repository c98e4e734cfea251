import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { Clock } from '../common/clock';
import { DepartmentEntity } from './consultation.entities';
import type { departmentSchema } from './consultations.schemas';
import { ConsultationsRepository } from './consultations.repository';

/** The directory of Party and government departments and their contacts; the office edits it. */
@Injectable()
export class DepartmentsService {
  constructor(
    private readonly repo: ConsultationsRepository,
    private readonly clock: Clock,
  ) {}

  list(activeOnly: boolean): Promise<DepartmentEntity[]> {
    return this.repo.departments(activeOnly);
  }

  /** Creates the department, or updates the one with the same code. */
  async save(body: z.infer<typeof departmentSchema>): Promise<DepartmentEntity> {
    const now = this.clock.now();
    const repo = this.repo.of(DepartmentEntity);
    const existing = await repo.findOneBy({ code: body.code });
    if (existing) {
      await repo.update({ id: existing.id }, { ...body, updatedAt: now });
      return (await repo.findOneBy({ id: existing.id }))!;
    }
    return repo.save({ ...body, createdAt: now, updatedAt: now });
  }
}

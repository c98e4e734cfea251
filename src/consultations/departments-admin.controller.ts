import { Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { ConsoleAuth } from '../auth/console-auth.decorator';
import { ZodBody } from '../common/zod-body';
import type { DepartmentEntity } from './consultation.entities';
import { departmentSchema } from './consultations.schemas';
import { DepartmentsService } from './departments.service';

/** The office keeps the directory of departments and their contacts. */
@ApiTags('consultations')
@ConsoleAuth('admin')
@Controller('api/admin/departments')
export class DepartmentsAdminController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  list(): Promise<DepartmentEntity[]> {
    return this.departments.list(false);
  }

  @Put()
  @ApiOperation({ summary: 'Create a department, or update the one with this code' })
  save(@ZodBody(departmentSchema) body: z.infer<typeof departmentSchema>): Promise<DepartmentEntity> {
    return this.departments.save(body);
  }
}

import { DynamicModule, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrgConfig } from './org-config';
import { OrgSeeder } from './org.seeder';

@Injectable()
class OrgSeedOnStart implements OnModuleInit {
  private readonly logger = new Logger('OrgSeeder');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly org: OrgConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const report = await new OrgSeeder(this.dataSource).seed(this.org);
    const changed = Object.entries(report).filter(([, c]) => c.inserted + c.updated + c.deactivated + c.deleted > 0);
    this.logger.log(changed.length ? `organisation updated: ${JSON.stringify(Object.fromEntries(changed))}` : 'organisation unchanged');
  }
}

/** Brings the organisation tables in line with config/org.yaml at start, after the migrations have run. */
@Module({})
export class OrgSeedModule {
  static forRoot(org: OrgConfig): DynamicModule {
    return {
      module: OrgSeedModule,
      providers: [{ provide: OrgSeedOnStart, useFactory: (ds: DataSource) => new OrgSeedOnStart(ds, org), inject: [DataSource] }],
    };
  }
}

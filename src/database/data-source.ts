import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.loader';
import { dataSourceOptions } from './database-url';

/** The data source for the TypeORM CLI (`npm run migration:*`); it honours DATABASE_URL like the service. */
export default new DataSource(dataSourceOptions(loadConfig().database.url));

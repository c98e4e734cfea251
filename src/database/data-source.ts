import 'reflect-metadata';
import { loadConfig } from '../config/config.loader';
import { createDataSource, dataSourceOptions } from './database-url';

/** The data source for the TypeORM CLI (`npm run migration:*`); it honours DATABASE_URL like the service. */
export default createDataSource(dataSourceOptions(loadConfig().database.url));

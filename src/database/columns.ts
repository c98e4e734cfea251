import { ColumnOptions, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** Millisecond timestamps on MySQL (`datetime(3)`); SQLite stores the text as given. */
export const DATETIME: ColumnOptions = { type: 'datetime', precision: 3 };

export const CreatedAt = (): PropertyDecorator => CreateDateColumn({ type: 'datetime', precision: 3 });
export const UpdatedAt = (): PropertyDecorator => UpdateDateColumn({ type: 'datetime', precision: 3 });

/** JSON kept in a text column, so both engines store it the same way. */
export const JSON_TEXT: ColumnOptions = { type: 'simple-json' };

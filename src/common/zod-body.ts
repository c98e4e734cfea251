import { ArgumentMetadata, Body, PipeTransform, Query } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { AppException, FieldReason } from './app.exception';

/**
 * What went wrong with one field, as a key of `common.fieldErrors` in the console's locales and its numbers: the
 * console words it in the member's language (zod's messages are English and name types, not what to type).
 */
export interface FieldIssue extends FieldReason {
  key: 'required' | 'tooShort' | 'tooLong' | 'tooSmall' | 'tooBig' | 'tooFew' | 'tooMany' | 'choose' | 'format' | 'invalid';
  min?: number;
  max?: number;
}

function fieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  const size = (n: unknown) => (typeof n === 'bigint' ? Number(n) : (n as number));
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return size(issue.minimum) <= 1 ? { key: 'required' } : { key: 'tooShort', min: size(issue.minimum) };
      if (issue.origin === 'array' || issue.origin === 'set') return size(issue.minimum) <= 1 ? { key: 'required' } : { key: 'tooFew', min: size(issue.minimum) };
      return { key: 'tooSmall', min: size(issue.minimum) };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'tooLong', max: size(issue.maximum) };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'tooMany', max: size(issue.maximum) };
      return { key: 'tooBig', max: size(issue.maximum) };
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === '' ? { key: 'required' } : { key: 'invalid' };
    case 'invalid_value':
      return { key: 'choose' };
    case 'invalid_format':
      return { key: 'format' };
    default:
      return { key: 'invalid' };
  }
}

/**
 * Validates at the edge; a failure is 400 `validation` with messages per dotted field path (`fieldErrors`, for
 * API clients) and the same as locale keys (`fieldIssues`, for the console).
 */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown, _meta: ArgumentMetadata): z.infer<T> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const fieldErrors: Record<string, string[]> = {};
    const fieldIssues: Record<string, FieldIssue[]> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.') || '_';
      (fieldErrors[path] ??= []).push(issue.message);
      (fieldIssues[path] ??= []).push(fieldIssue(issue));
    }
    throw AppException.validation(fieldErrors, fieldIssues);
  }
}

/** The schema as OpenAPI sees it, so /api/docs shows exactly what the pipe accepts. */
export function openApiSchema(schema: z.ZodType): SchemaObject {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json as SchemaObject;
}

/** `@ZodBody(schema) body: z.infer<typeof schema>`: validated body plus its OpenAPI description. */
export function ZodBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodPipe(schema))(target, key, index);
    if (key !== undefined) ApiBody({ schema: openApiSchema(schema) })(target, key, Object.getOwnPropertyDescriptor(target, key)!);
  };
}

/** `@ZodQuery(schema) query: z.infer<typeof schema>`: validated query string, each property documented. */
export function ZodQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodPipe(schema))(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key)!;
    const json = openApiSchema(schema);
    const required = new Set(json.required ?? []);
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      ApiQuery({ name, required: required.has(name), schema: property as SchemaObject })(target, key, descriptor);
    }
  };
}

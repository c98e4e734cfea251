import { ArgumentMetadata, Body, PipeTransform, Query } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { AppException } from './app.exception';

/** Validates at the edge; a failure is 400 `validation` with messages per dotted field path. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown, _meta: ArgumentMetadata): z.infer<T> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.') || '_';
      (fieldErrors[path] ??= []).push(issue.message);
    }
    throw AppException.validation(fieldErrors);
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

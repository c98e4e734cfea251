import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppException } from './app.exception';

/** One place that turns errors into HTTP answers: catalogue codes pass through with their status, anything unknown becomes a 500. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // A route may have set text/plain for its success answer (the WeCom callback); errors are always JSON.
    void reply.header('content-type', 'application/json; charset=utf-8');
    if (exception instanceof AppException) {
      void reply.status(exception.httpStatus).send({
        error: exception.code,
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
      });
      return;
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      void reply.status(exception.getStatus()).send(typeof body === 'string' ? { error: 'HTTP', message: body } : body);
      return;
    }
    const status = (exception as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Fastify's own errors (body too large, bad JSON) carry their status: the client sent something wrong.
      void reply.status(status).send({ error: (exception as { code?: string }).code ?? 'BAD_REQUEST', message: (exception as Error).message });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.message : String(exception), exception instanceof Error ? exception.stack : undefined);
    void reply.status(500).send({ error: 'INTERNAL', message: 'Internal server error' });
  }
}

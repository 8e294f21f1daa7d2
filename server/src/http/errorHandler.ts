import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiErrorBody, ErrorCode } from '@hotline/shared';
import { AppError } from '../errors.ts';

function body(code: ErrorCode, message: string, details?: unknown): ApiErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Maps every failure to `{ error: { code, message, details } }` with the code's status. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return reply.status(err.status).send(body(err.code, err.message, err.details));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({ path: v.instancePath || '/', message: v.message, params: v.params }));
      return reply.status(400).send(body('VALIDATION_FAILED', `request ${err.validationContext ?? 'body'} is invalid`, details));
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send(body('MALFORMED_JSON', 'the request body is not valid JSON'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return reply.status(413).send(body('PAYLOAD_TOO_LARGE', 'the request body is too large'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return reply.status(415).send(body('UNSUPPORTED_MEDIA_TYPE', 'unsupported content type'));
    }
    if (err.statusCode === 429) return reply.status(429).send(body('RATE_LIMITED', 'too many requests'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(body('VALIDATION_FAILED', err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', 'internal error'));
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send(body('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`)));
}

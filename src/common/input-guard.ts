import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { FieldError, ValidationFailedError } from './errors';

/** Deepest nesting of objects and arrays accepted in a JSON body. */
export const MAX_JSON_DEPTH = 32;
/** Longest text accepted in any string of a body (the longest field, a description, is 100 000). */
export const MAX_TEXT_LENGTH = 100_000;
/** Longest path segment or query value. */
export const MAX_PARAM_LENGTH = 2_000;
/** Most array elements plus object members in one body. */
export const MAX_JSON_NODES = 100_000;

// A UTF-16 surrogate without its partner (not encodable as UTF-8).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a string cannot be stored, or null when it can. */
export function badText(value: string, maxLength: number): string | null {
  // PostgreSQL text cannot hold a NUL.
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain unpaired UTF-16 surrogates';
  if (value.length > maxLength) return `must be at most ${maxLength} characters long`;
  return null;
}

function fieldName(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * Walks a parsed JSON body without recursion: nesting deeper than MAX_JSON_DEPTH, forbidden
 * characters, over-long strings and prototype-polluting keys are reported with their field path.
 */
export function checkJsonBody(body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; field: string; depth: number }[] = [
    { value: body, field: '', depth: 0 },
  ];
  let nodes = 0;
  while (stack.length > 0 && errors.length < 20) {
    const { value, field, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = badText(value, MAX_TEXT_LENGTH);
      if (problem)
        errors.push({ field: field || 'body', messages: [`${field || 'body'} ${problem}`] });
      continue;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value))
        errors.push({
          field: field || 'body',
          messages: [`${field || 'body'} must be a finite number`],
        });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      errors.push({
        field: field || 'body',
        messages: [`the body must not be nested more than ${MAX_JSON_DEPTH} levels deep`],
      });
      break;
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v] as [number, unknown])
      : Object.entries(value as Record<string, unknown>);
    nodes += entries.length;
    if (nodes > MAX_JSON_NODES) {
      errors.push({ field: field || 'body', messages: ['the body has too many elements'] });
      break;
    }
    for (const [key, child] of entries) {
      const childField = fieldName(field, key);
      if (typeof key === 'string') {
        const keyProblem = badText(key, 200);
        if (keyProblem || FORBIDDEN_KEYS.has(key)) {
          errors.push({
            field: fieldName(field, keyProblem ? '?' : key),
            messages: [`field name ${keyProblem ?? 'is not allowed'}`],
          });
          continue;
        }
      }
      stack.push({ value: child, field: childField, depth: depth + 1 });
    }
  }
  return errors.reverse();
}

function checkParams(
  values: Record<string, unknown> | undefined,
  prefix: string,
  errors: FieldError[],
): void {
  for (const [key, value] of Object.entries(values ?? {})) {
    const field = `${prefix}.${key}`;
    const keyProblem = badText(key, 100);
    if (keyProblem) {
      errors.push({ field: `${prefix}.?`, messages: [`parameter name ${keyProblem}`] });
      continue;
    }
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) {
      if (typeof item !== 'string') {
        if (item !== undefined)
          errors.push({ field, messages: [`${field} must be a plain value`] });
        continue;
      }
      const problem = badText(item, MAX_PARAM_LENGTH);
      if (problem) errors.push({ field, messages: [`${field} ${problem}`] });
    }
  }
}

/** The path's segments decoded as Express will; undecodable percent-escapes are reported. */
function checkPath(path: string, errors: FieldError[]): void {
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      errors.push({ field: 'path', messages: ['the path contains an invalid percent-escape'] });
      return;
    }
    const problem = badText(decoded, MAX_PARAM_LENGTH);
    if (problem) {
      errors.push({ field: 'path', messages: [`a path segment ${problem}`] });
      return;
    }
  }
}

/** Rejects input PostgreSQL or the validators cannot take, before any controller sees it. */
export function checkRequestInput(req: Request): FieldError[] {
  const errors: FieldError[] = [];
  checkPath((req.originalUrl ?? req.url).split('?')[0], errors);
  let query: Record<string, unknown> | undefined;
  try {
    query = req.query as Record<string, unknown>;
  } catch {
    errors.push({ field: 'query', messages: ['the query string cannot be decoded'] });
  }
  checkParams(query, 'query', errors);
  for (const header of ['authorization', 'idempotency-key', 'x-request-id']) {
    const value = req.headers[header];
    if (typeof value === 'string' && value.length > 2_000)
      errors.push({ field: `header.${header}`, messages: [`${header} is too long`] });
  }
  if (req.body !== undefined && typeof req.body !== 'function') {
    errors.push(...checkJsonBody(req.body));
  }
  return errors;
}

@Injectable()
export class InputGuardMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const errors = checkRequestInput(req);
    if (errors.length > 0) throw new ValidationFailedError(errors);
    next();
  }
}

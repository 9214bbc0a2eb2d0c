// The suite's own JSON Schemas for its files: report.json (reportVersion 1) and PRODUCT.yaml.
// Compiled lazily, once, with the same Ajv options as every other schema in the suite.
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { newAjv } from '../schema/ajv.js';
import { packagePath } from '../schema/package-root.js';

let compiled: { report: ValidateFunction; product: ValidateFunction } | undefined;

function validators() {
  if (!compiled) {
    const ajv = newAjv({ strict: true });
    const load = (f: string) => JSON.parse(readFileSync(packagePath('schema/suite', f), 'utf8'));
    ajv.addSchema(load('product-1.schema.json'));
    compiled = {
      report: ajv.compile(load('report-1.schema.json')),
      product: ajv.getSchema('urn:oci-runtime-conformance:suite:product:1')!,
    };
  }
  return compiled;
}

/** One readable line for an Ajv error: where, and what is wrong. */
export function describeSchemaError(e: ErrorObject): string {
  const where = e.instancePath || '/';
  switch (e.keyword) {
    case 'required':
      return `${where}: missing required field ${(e.params as { missingProperty: string }).missingProperty}`;
    case 'additionalProperties':
      return `${where}: unknown field ${(e.params as { additionalProperty: string }).additionalProperty}`;
    case 'enum':
      return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return `${where}: ${/url$/.test(where) ? 'must be an http(s) URL' : /email/.test(where) ? 'must be an email address' : `does not match ${(e.params as { pattern: string }).pattern}`}`;
    default:
      return `${where}: ${e.message}`;
  }
}

/** Schema errors of a report object (empty when valid). */
export function reportSchemaErrors(data: unknown): string[] {
  const v = validators().report;
  return v(data) ? [] : (v.errors ?? []).map(describeSchemaError);
}

/** Schema errors of a product object (empty when valid). */
export function productSchemaErrors(data: unknown): string[] {
  const v = validators().product;
  return v(data) ? [] : (v.errors ?? []).map(describeSchemaError);
}

// PRODUCT.yaml: the product a vendor certifies. Parsed strictly; every problem is one line.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import type { Product } from './model.js';
import { productSchemaErrors } from './schemas.js';

export class ProductError extends Error {}

export function parseProduct(text: string, source: string): Product {
  let data: unknown;
  try {
    data = load(text, { filename: source });
  } catch (e) {
    throw new ProductError(`${source}: invalid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ProductError(`${source}: not a PRODUCT.yaml (expected a mapping of fields such as vendor, name, version)`);
  }
  const errors = productSchemaErrors(data);
  if (errors.length) {
    throw new ProductError(`${source}: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : ''}`);
  }
  return data as Product;
}

export function loadProduct(path: string): Product {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ProductError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseProduct(text, path);
}

const FIELD_ORDER: (keyof Product)[] = [
  'vendor',
  'name',
  'version',
  'website_url',
  'repo_url',
  'documentation_url',
  'product_logo_url',
  'type',
  'description',
  'contact_email_address',
];

/** PRODUCT.yaml text for a product: fields in the usual order, every value a quoted string. */
export function renderProductYaml(p: Product): string {
  return FIELD_ORDER.filter((k) => p[k] !== undefined)
    .map((k) => `${k}: ${JSON.stringify(p[k])}\n`)
    .join('');
}

// The single source of truth for the suite's JSON Schemas, one entry per document kind.
import type { DocumentKind } from '../document.js';
import { configDocument } from './config.js';
import type { DocumentSource } from './dsl.js';
import { featuresDocument } from './features.js';
import { stateDocument } from './state.js';

export const DOCUMENT_SOURCES: Readonly<Record<DocumentKind, DocumentSource>> = {
  config: configDocument,
  state: stateDocument,
  features: featuresDocument,
};

export { DEVIATIONS, DEVIATION_IDS, type Deviation, type DeviationId } from './deviations.js';
export { INTEGER_RANGES, type IntegerRange } from './dsl.js';
export { emitSchema, renderSchema, schemaFileName, documentExists } from './emit.js';

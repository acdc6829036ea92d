/** Canvas REST API client (read APIs, reports, SIS imports) and the per-profile target (token from the keychain). */
export {
  CanvasClient,
  type CanvasBody,
  type CanvasClientOptions,
  type CanvasClientStats,
  type CanvasRequestOptions,
  type CanvasResponse,
  type PaginateOptions,
  type Query,
  type QueryValue,
} from './client';
export { CANVAS_HINTS, canvasError, canvasMessage, type CanvasErrorCode } from './errors';
export { nextLink, parseLinks } from './link';
export { resolveCanvasTarget, type CanvasTarget } from './canvas-target';

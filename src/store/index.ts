export * from './map-store';
export * as commands from './commands';
export * from './selectors';
export * from './use-map-store';
export { shallowEqual, deepEqual } from './equal';
export { clipboardPayloadSchema, parseClipboard, serializeClipboard, buildClipboardPayload } from './clipboard';
export type { ClipboardPayload, ClipboardParseResult } from './clipboard';

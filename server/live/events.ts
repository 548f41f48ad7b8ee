/** The live event types are shared with the browser: defined in src/live/live-events.ts. */
export type { LiveEvent, LiveListener, Participant } from '../../src/live/live-events';

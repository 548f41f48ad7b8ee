/** What the server pushes to the browsers that have a map open (GET /api/maps/:id/events). */
import type { Changeset } from '../store/history';

export interface Participant {
  /** One per browser tab (random, chosen by the client). */
  clientId: string;
  name: string;
  color: string;
  role: 'view' | 'comment' | 'edit' | 'owner';
  /** Ids of what this person has selected on the canvas. */
  selection: string[];
  /** Canvas (flow) coordinates of the pointer, when over the canvas. */
  cursor: { x: number; y: number } | null;
  /** When the server last heard from this participant (ISO). */
  seenAt: string;
}

export type LiveEvent =
  /** First event of every stream: the current version and what this stream's holder may do. */
  | { type: 'hello'; version: number; role: 'view' | 'comment' | 'edit' | 'owner' }
  /** Sent after hello: everyone present right now. */
  | { type: 'roster'; participants: Participant[] }
  /** One accepted change, in server order. `changeset` is what it did to the stored document. */
  | {
      type: 'op';
      version: number;
      opId: string | null;
      clientId: string | null;
      author: string;
      changeset: Changeset;
      at: string;
    }
  /** The document was replaced as a whole (save of the whole map, restore): fetch it again. */
  | { type: 'reset'; version: number; reason: 'saved' | 'restored' | 'gap' }
  | { type: 'deleted' }
  /** Someone joined or moved (selection, cursor, name). */
  | { type: 'presence'; participant: Participant }
  /** `final`: the page itself said it is gone (a page's clientId never comes back); otherwise a stream closed. */
  | { type: 'left'; clientId: string; final?: boolean }
  /** Dot voting changed (started, ballot placed, revealed, closed): fetch the vote state. */
  | { type: 'votes'; sessionId: string }
  /** Walkthrough: the presenter moved to a stage (null: the walkthrough ended). */
  | { type: 'walkthrough'; presenter: { clientId: string; name: string } | null; stageId: string | null }
  /** Named or automatic versions changed. */
  | { type: 'versions' }
  /** A share link was revoked: streams opened with it are closed. */
  | { type: 'revoked'; linkId: string };

export type LiveListener = (event: LiveEvent) => void;

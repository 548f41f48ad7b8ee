/** Access control: workshops and share links do not exist yet, so there is nothing to test. */
import { describe, it } from 'vitest';

describe('access', () => {
  it.todo('workshop / share-link access rules: read-only links cannot write, revoked links stop working (no workshops or share links exist yet)');
});

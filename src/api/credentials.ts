/**
 * The credentials this tab sends with every API request. A workspace member's browser sends
 * none itself (its HttpOnly cookie goes along); a share-link guest sends the link's token as
 * `Authorization: Bearer …`. The token is kept for this tab only (sessionStorage), so a reload
 * keeps working without putting the token anywhere else.
 */
const STORAGE_KEY = 'mot-canvas:share-token';

let shareToken: string | null = readStored();

function readStored(): string | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function setShareToken(token: string | null): void {
  shareToken = token;
  try {
    if (token) sessionStorage.setItem(STORAGE_KEY, token);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // private mode: the token lives in memory only
  }
}

export function currentShareToken(): string | null {
  return shareToken;
}

/** Headers to add to an API request. */
export function authHeaders(): Record<string, string> {
  return shareToken ? { Authorization: `Bearer ${shareToken}` } : {};
}

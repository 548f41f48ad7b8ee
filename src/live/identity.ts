/**
 * This browser's display name for live collaboration (shown to the others on a map).
 * Kept in localStorage; an empty name is shown as "Guest".
 */
const NAME_KEY = 'mot-canvas:display-name';

export function getDisplayName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Whether the person was asked (and answered or skipped) already. */
export function hasDisplayName(): boolean {
  try {
    return localStorage.getItem(NAME_KEY) !== null;
  } catch {
    return true;
  }
}

export function setDisplayName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name.trim().slice(0, 80));
  } catch {
    // private mode: not remembered
  }
}

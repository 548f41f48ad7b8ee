import { customAlphabet } from 'nanoid';

/** 21 characters from a 62-letter alphabet ≈ 125 bits: unguessable and URL-safe. */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const make = customAlphabet(ALPHABET, 21);

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function newId(): string {
  return make();
}

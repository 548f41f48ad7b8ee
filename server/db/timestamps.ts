/** A timestamptz as the drivers return it (Date from pg, Date or string from PGlite) → ISO 8601 UTC. */
export function isoTimestamp(v: unknown): string {
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}

/** A redis://HOST:PORT[/DB] address as ioredis connection options; null when it is not one. */
export interface RedisConnection {
  host: string;
  port: number;
  db: number;
}

export function parseRedisUrl(url: string): RedisConnection | null {
  const m = /^redis:\/\/([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})(?:\/(\d{1,2}))?\/?$/.exec(url.trim());
  if (!m) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port, db: Number(m[3] ?? 0) };
}

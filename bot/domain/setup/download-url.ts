/**
 * Where an attached file may be fetched from: https on a host ending `.sharepoint.com` (where
 * Teams keeps files sent in chat), or a `host[:port]` the installation lists
 * (`HYTE_FILE_HOSTS`, over http or https). Anything else is never requested.
 */
export function allowedDownload(url: string, extraHosts: readonly string[]): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.username || parsed.password) return undefined;
  const host = parsed.hostname.toLowerCase();
  const listed = extraHosts.map((h) => h.trim().toLowerCase()).filter(Boolean);
  if (
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    (listed.includes(parsed.host.toLowerCase()) ||
      (!parsed.port && listed.includes(host)) ||
      (parsed.protocol === 'https:' && listed.includes(`${host}:443`)))
  )
    return parsed;
  const sharepoint =
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.sharepoint\.com$/;
  if (parsed.protocol === 'https:' && !parsed.port && sharepoint.test(host)) return parsed;
  return undefined;
}

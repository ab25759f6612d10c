/** How much of a file is fetched, and for how long, before it is given up. */
export interface DownloadLimits {
  maxBytes: number;
  timeoutMs: number;
}

/**
 * Fetches a file a user attached in chat, by the download address Teams gave. The caller has
 * checked the address (bot/domain/setup/download-url.ts); an implementation follows no
 * redirect to an address that check would refuse, sends no credentials, and stops at
 * `maxBytes`. Failures are thrown as FileRefusedError (`tooLarge`, `download`, `host`).
 */
export interface FileDownloads {
  fetch(url: URL, limits: DownloadLimits): Promise<Uint8Array>;
}

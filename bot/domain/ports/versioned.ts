/** A stored value with the ETag that an update must present (optimistic concurrency). */
export interface Versioned<T> {
  value: T;
  etag: string;
}

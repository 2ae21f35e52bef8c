/** A size for messages: "25 MB" (one decimal where it has one) from a mebibyte up, else "512 B". */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${bytes} B`;
}

/** `text` cut to `max` characters with an ellipsis, whole when it fits. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

/** An epoch-seconds or epoch-ms time as local `YYYY-MM-DD HH:MM:SS`. */
export function formatTime(epoch: number, unit: 's' | 'ms' = 's'): string {
  const date = new Date(unit === 's' ? epoch * 1000 : epoch);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

// Python's warnings as tocha prints them: `UserWarning: <message>` on console.warn. Python's default filter shows
// a warning once per call site; `warnOnce` does that for warnings that have one site in PyTorch (a constructor's).
const shown = new Set<string>();

/** Prints PyTorch's UserWarning the first time `key` warns in this process. */
export function warnOnce(key: string, message: string): void {
  if (shown.has(key)) return;
  shown.add(key);
  console.warn(`UserWarning: ${message}`);
}

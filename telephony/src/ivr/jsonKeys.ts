// JSON.parse keeps the last of two equal keys, so a menu written as {"1": "a", "1": "b"} silently
// loses an option. Flows arrive as text from the admin UI; this finds such keys before parsing
// throws the evidence away. Expects text that JSON.parse has already accepted.

/** Paths ("nodes.main.onDigit") and keys of every duplicated object key. */
export function duplicateKeys(text: string): Array<{ path: string; key: string }> {
  const found: Array<{ path: string; key: string }> = [];
  let i = 0;

  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string[]): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Set<string>();
      ws();
      while (text[i] !== '}') {
        ws();
        const key = str();
        if (seen.has(key)) found.push({ path: path.join('.'), key });
        seen.add(key);
        ws();
        i++; // colon
        value([...path, key]);
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '[') {
      i++;
      ws();
      for (let n = 0; text[i] !== ']'; n++) {
        value([...path, String(n)]);
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '"') {
      str();
    } else {
      while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++;
    }
  };

  value([]);
  return found;
}

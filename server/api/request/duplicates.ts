// Duplicate keys in a JSON text (JSON.parse silently keeps the last one). Strict field validation
// rejects them, as upstream's strict decoder does. Returns dotted paths like `spec.replicas`.

export function duplicateJsonFields(text: string, max = 10): string[] {
  const found: string[] = [];
  const stack: { keys: Set<string> | null; path: string; index: number; key?: string }[] = [];
  let i = 0;
  const n = text.length;
  const pathOf = (key: string) => {
    const top = stack[stack.length - 1];
    return top.path ? `${top.path}.${key}` : key;
  };
  const childPath = () => {
    const top = stack[stack.length - 1];
    if (!top) return "";
    if (top.keys) return top.key !== undefined ? pathOf(top.key) : top.path;
    return `${top.path}[${top.index}]`;
  };
  let expectKey = false;
  while (i < n && found.length < max) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      let s = "";
      while (j < n && text[j] !== '"') {
        if (text[j] === "\\") {
          s += text.slice(j, j + 2);
          j += 2;
        } else s += text[j++];
      }
      i = j + 1;
      const top = stack[stack.length - 1];
      if (expectKey && top?.keys) {
        let key = s;
        try {
          key = JSON.parse(`"${s}"`);
        } catch {}
        if (top.keys.has(key)) found.push(pathOf(key));
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      continue;
    }
    if (c === "{") {
      stack.push({ keys: new Set(), path: childPath(), index: 0 });
      expectKey = true;
    } else if (c === "[") {
      stack.push({ keys: null, path: childPath(), index: 0 });
    } else if (c === "}" || c === "]") {
      stack.pop();
    } else if (c === ",") {
      const top = stack[stack.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.index++;
    }
    i++;
  }
  return found;
}

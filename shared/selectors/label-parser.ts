// The label selector string grammar (`a=b,c in (x,y),!d,e>1`): a lexer and a recursive-descent
// parser that accept what upstream's labels.Parse accepts and fail with its messages.
import { binaryOperators, newRequirement, SelectorError, validateLabelKey, type Operator, type Requirement } from "./requirement.ts";

type Tok =
  | "error" | "eos" | ")" | "," | "!" | "==" | "=" | ">" | "id" | "in" | "<" | "!=" | "notin" | "(";

interface Item {
  tok: Tok;
  lit: string;
}

const literalTokens: Record<string, Tok> = {
  ")": ")", ",": ",", "!": "!", "==": "==", "=": "=", ">": ">", in: "in", "<": "<", "!=": "!=", notin: "notin", "(": "(",
};

const isWhitespace = (c: string) => c === " " || c === "\t" || c === "\r" || c === "\n";
const isSpecial = (c: string) => "=!(),><".includes(c) && c !== "";

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++;
    if (pos >= s.length) {
      items.push({ tok: "eos", lit: "" });
      return items;
    }
    if (isSpecial(s[pos])) {
      // Longest operator made of special characters: "!=" beats "!", "==" beats "=".
      let buf = "";
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s[pos])) {
        buf += s[pos];
        const t = literalTokens[buf];
        if (t) {
          last = { tok: t, lit: buf };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      items.push(last ?? { tok: "error", lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let buf = "";
    while (pos < s.length && !isSpecial(s[pos]) && !isWhitespace(s[pos])) buf += s[pos++];
    items.push({ tok: literalTokens[buf] ?? "id", lit: buf });
  }
}

/** Where `in` and `notin` are plain words (values, keys) rather than operators. */
type Context = "keyAndOperator" | "values";

class Parser {
  private pos = 0;
  constructor(private items: Item[]) {}

  private view(item: Item, ctx: Context): Item {
    return ctx === "values" && (item.tok === "in" || item.tok === "notin") ? { tok: "id", lit: item.lit } : item;
  }
  lookahead(ctx: Context): Item {
    return this.view(this.items[this.pos], ctx);
  }
  consume(ctx: Context): Item {
    return this.view(this.items[this.pos++], ctx);
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead("values");
      if (tok === "eos") return reqs;
      if (tok !== "id" && tok !== "!") throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.requirement());
      } catch (e) {
        if (e instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const next = this.consume("values");
      if (next.tok === "eos") return reqs;
      if (next.tok !== ",") throw new SelectorError(`found '${next.lit}', expected: ',' or 'end of string'`);
      const after = this.lookahead("values");
      if (after.tok !== "id" && after.tok !== "!") throw new SelectorError(`found '${after.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): Requirement {
    let negated = false;
    let item = this.consume("values");
    if (item.tok === "!") {
      negated = true;
      item = this.consume("values");
    }
    if (item.tok !== "id") throw new SelectorError(`found '${item.lit}', expected: identifier`);
    const key = item.lit;
    const keyErr = validateLabelKey(key);
    if (keyErr) throw new SelectorError(keyErr);
    const next = this.lookahead("values").tok;
    if (negated) return newRequirement(key, "!", []);
    if (next === "eos" || next === ",") return newRequirement(key, "exists", []);
    const op = this.operator();
    const values = op === "in" || op === "notin" ? this.valueSet() : this.exactValue();
    return newRequirement(key, op, [...values].sort());
  }

  private operator(): Operator {
    const { tok, lit } = this.consume("keyAndOperator");
    const ops: Partial<Record<Tok, Operator>> = { in: "in", "=": "=", "==": "==", ">": "gt", "<": "lt", notin: "notin", "!=": "!=" };
    const op = ops[tok];
    if (!op) throw new SelectorError(`found '${lit}', expected: ${binaryOperators.join(", ")}`);
    return op;
  }

  private valueSet(): Set<string> {
    const open = this.consume("values");
    if (open.tok !== "(") throw new SelectorError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead("values");
    if (tok === ")") {
      this.consume("values");
      return new Set([""]);
    }
    if (tok !== "id" && tok !== ",") throw new SelectorError(`found '${lit}', expected: ',', ')' or identifier`);
    const values = this.identifiers();
    if (this.consume("values").tok !== ")") throw new SelectorError(`found '${lit}', expected: ')'`);
    return values;
  }

  /** A comma-separated list in which empty entries stand for the empty value: `(,a)`, `(a,,b)`. */
  private identifiers(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume("values");
      if (tok === "id") {
        values.add(lit);
        const next = this.lookahead("values");
        if (next.tok === ",") continue;
        if (next.tok === ")") return values;
        throw new SelectorError(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok === ",") {
        if (values.size === 0) values.add("");
        const next = this.lookahead("values").tok;
        if (next === ")") {
          values.add("");
          return values;
        }
        if (next === ",") {
          this.consume("values");
          values.add("");
        }
        continue;
      }
      throw new SelectorError(`found '${lit}', expected: ',', or identifier`);
    }
  }

  private exactValue(): Set<string> {
    const next = this.lookahead("values").tok;
    if (next === "eos" || next === ",") return new Set([""]);
    const { tok, lit } = this.consume("values");
    if (tok === "id") return new Set([lit]);
    throw new SelectorError(`found '${lit}', expected: identifier`);
  }
}

/** Parse the string form into requirements sorted by key. Throws SelectorError. */
export function parseRequirements(selector: string): Requirement[] {
  const reqs = new Parser(lex(selector)).parse();
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

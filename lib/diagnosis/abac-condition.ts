/**
 * Evaluates an Azure role assignment condition (ABAC, condition version 2.0) for one request: an
 * action on one ACR repository. The grammar is the documented one
 * (https://learn.microsoft.com/azure/role-based-access-control/conditions-format):
 * `AND`/`&&`, `OR`/`||`, `NOT`/`!`, parentheses, `ActionMatches{'…'}`, attributes with their source
 * (`@Request[…]`, `@Resource[…]`), the string operators with their `IgnoreCase`/`Not` forms, and the
 * cross-product `ForAnyOfAnyValues:…` family with `{'a', 'b'}` value sets.
 *
 * ACR writes repository conditions with the *request* source —
 * `@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringEqualsIgnoreCase 'nginx'`,
 * guarding `…/repositories/content/read` and `…/repositories/metadata/read`
 * (https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions).
 * `@Resource[…repositories:name]` names the same repository and is read the same way.
 *
 * Three-valued: anything we cannot know (another attribute, a numeric operator, a sub-operation, a
 * syntax we do not parse) is `unknown`, combined with Kleene logic, so an unknown part decides only
 * when it could change the outcome. Unknown is never turned into "allowed".
 */

export type Tri = 'true' | 'false' | 'unknown';

export interface ConditionRequest {
  /** The data action being checked, e.g. `Microsoft.ContainerRegistry/registries/repositories/content/read`. */
  action: string;
  /** The repository name of the request, e.g. `shop/web`. */
  repository: string;
}

export interface ConditionResult {
  value: Tri;
  /** Why the value is unknown (the first thing we could not evaluate). */
  reason?: string;
}

const REPOSITORY_NAME_ATTRIBUTE = 'microsoft.containerregistry/registries/repositories:name';

type Token =
  | { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'lbrace' | 'rbrace' | 'comma' }
  | { kind: 'string'; value: string }
  | { kind: 'word'; value: string }
  | { kind: 'attribute'; source: string; name: string };

class ConditionSyntaxError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === '{' || c === '}' || c === ',') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : c === '{' ? 'lbrace' : c === '}' ? 'rbrace' : 'comma' });
      i++;
    } else if (text.startsWith('&&', i) || text.startsWith('||', i)) {
      tokens.push({ kind: c === '&' ? 'and' : 'or' });
      i += 2;
    } else if (c === '!') {
      tokens.push({ kind: 'not' });
      i++;
    } else if (c === "'") {
      // A string literal; a backslash keeps the next character (`\'`, and `\*`/`\?` for Like).
      let value = '';
      i++;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === '\\' && i + 1 < text.length) {
          value += text[i] + text[i + 1];
          i += 2;
        } else value += text[i++];
      }
      if (i >= text.length) throw new ConditionSyntaxError('unterminated string');
      i++;
      tokens.push({ kind: 'string', value });
    } else if (c === '@') {
      const m = /^@(\w+)\[([^\]]*)\]/.exec(text.slice(i));
      if (!m) throw new ConditionSyntaxError(`attribute at ${i}`);
      tokens.push({ kind: 'attribute', source: m[1], name: m[2] });
      i += m[0].length;
    } else {
      const m = /^[A-Za-z][\w:.-]*/.exec(text.slice(i));
      if (!m) throw new ConditionSyntaxError(`unexpected "${c}" at ${i}`);
      const upper = m[0].toUpperCase();
      tokens.push(upper === 'AND' ? { kind: 'and' } : upper === 'OR' ? { kind: 'or' } : upper === 'NOT' ? { kind: 'not' } : { kind: 'word', value: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

const and = (a: Tri, b: Tri): Tri => (a === 'false' || b === 'false' ? 'false' : a === 'true' && b === 'true' ? 'true' : 'unknown');
const or = (a: Tri, b: Tri): Tri => (a === 'true' || b === 'true' ? 'true' : a === 'false' && b === 'false' ? 'false' : 'unknown');
const not = (a: Tri): Tri => (a === 'true' ? 'false' : a === 'false' ? 'true' : 'unknown');
const tri = (b: boolean): Tri => (b ? 'true' : 'false');

/** `*` and `?` wildcards of the Like operators, `\*` / `\?` escape them (conditions-format, "Special characters"). */
function likeToRegExp(pattern: string, ignoreCase: boolean): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Undoes the string escapes for the non-Like operators, which compare literally. */
function literal(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

/** One string comparison from the documented table; undefined for an operator we do not know. */
function compareStrings(operator: string, left: string, right: string): boolean | undefined {
  const m = /^String(Not)?(Equals|StartsWith|Like)(IgnoreCase)?$/i.exec(operator);
  if (!m) return undefined;
  const [, negated, kind, ignoreCase] = m;
  let result: boolean;
  if (/^Like$/i.test(kind)) result = likeToRegExp(right, Boolean(ignoreCase)).test(left);
  else {
    const l = ignoreCase ? left.toLowerCase() : left;
    const r = ignoreCase ? literal(right).toLowerCase() : literal(right);
    result = /^Equals$/i.test(kind) ? l === r : l.startsWith(r);
  }
  return negated ? !result : result;
}

/** The `ForAnyOfAnyValues:StringEquals`-style operators over a left set and a right set. */
function compareSets(operator: string, left: string[], right: string[]): boolean | undefined {
  const m = /^For(Any|All)Of(Any|All)Values:(.+)$/i.exec(operator);
  const inner = m ? m[3] : operator;
  const outer = m ? [m[1].toLowerCase(), m[2].toLowerCase()] : ['any', 'any'];
  if (compareStrings(inner, '', '') === undefined) return undefined;
  const matchesRight = (l: string) =>
    outer[1] === 'any' ? right.some((r) => compareStrings(inner, l, r)) : right.every((r) => compareStrings(inner, l, r));
  return outer[0] === 'any' ? left.some(matchesRight) : left.every(matchesRight);
}

class Parser {
  private pos = 0;
  reason?: string;
  constructor(
    private readonly tokens: Token[],
    private readonly request: ConditionRequest,
    private readonly actionMatches: (pattern: string, action: string) => boolean,
  ) {}

  parse(): Tri {
    const value = this.orExpr();
    if (this.pos < this.tokens.length) throw new ConditionSyntaxError(`unexpected ${this.tokens[this.pos].kind} after the end`);
    return value;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw new ConditionSyntaxError('condition ends too early');
    return t;
  }

  private expect(kind: Token['kind']): Token {
    const t = this.next();
    if (t.kind !== kind) throw new ConditionSyntaxError(`expected ${kind}, found ${t.kind}`);
    return t;
  }

  private unknown(reason: string): Tri {
    this.reason ??= reason;
    return 'unknown';
  }

  // The documentation requires parentheses when AND and OR are mixed; where they are not, AND binds tighter.
  private orExpr(): Tri {
    let value = this.andExpr();
    while (this.peek()?.kind === 'or') {
      this.pos++;
      value = or(value, this.andExpr());
    }
    return value;
  }

  private andExpr(): Tri {
    let value = this.unary();
    while (this.peek()?.kind === 'and') {
      this.pos++;
      value = and(value, this.unary());
    }
    return value;
  }

  private unary(): Tri {
    if (this.peek()?.kind === 'not') {
      this.pos++;
      return not(this.unary());
    }
    return this.primary();
  }

  private primary(): Tri {
    const t = this.next();
    if (t.kind === 'lparen') {
      const value = this.orExpr();
      this.expect('rparen');
      return value;
    }
    if (t.kind === 'word' && /^ActionMatches$/i.test(t.value)) {
      const [pattern] = this.valueSet();
      return tri(this.actionMatches(pattern, this.request.action));
    }
    if (t.kind === 'word' && /^SubOperationMatches$/i.test(t.value)) {
      this.valueSet();
      return this.unknown('SubOperationMatches (ACR documents no sub-operations for a pull)');
    }
    if (t.kind === 'attribute' || t.kind === 'lbrace') {
      const left = t.kind === 'attribute' ? this.attributeValues(t) : (this.pos--, this.valueSet());
      const operator = this.expect('word') as { value: string };
      const right = this.peek()?.kind === 'lbrace' ? this.valueSet() : [(this.expect('string') as { value: string }).value];
      if (left === undefined) return this.unknown(`the attribute ${(t as { name: string }).name}`);
      const result = compareSets(operator.value, left, right);
      if (result === undefined) return this.unknown(`the operator ${operator.value}`);
      return tri(result);
    }
    throw new ConditionSyntaxError(`unexpected ${t.kind === 'word' ? t.value : t.kind}`);
  }

  /** `{'a', 'b'}` (also `{'a'}` after ActionMatches); a bare `'a'` is a set of one. */
  private valueSet(): string[] {
    if (this.peek()?.kind === 'string') return [(this.next() as { value: string }).value];
    this.expect('lbrace');
    const values: string[] = [];
    while (this.peek()?.kind !== 'rbrace') {
      const t = this.next();
      if (t.kind === 'string') values.push(t.value);
      else if (t.kind !== 'comma') throw new ConditionSyntaxError(`expected a string in a value set, found ${t.kind}`);
    }
    this.pos++;
    return values;
  }

  private attributeValues(t: { source: string; name: string }): string[] | undefined {
    const source = t.source.toLowerCase();
    if ((source === 'request' || source === 'resource') && t.name.trim().toLowerCase() === REPOSITORY_NAME_ATTRIBUTE) return [this.request.repository];
    return undefined;
  }
}

/**
 * The condition's value for the request. An empty condition allows everything (an ABAC role without
 * a condition is registry-wide, per the ACR page above).
 */
export function evaluateCondition(
  condition: string | undefined,
  request: ConditionRequest,
  actionMatches: (pattern: string, action: string) => boolean,
): ConditionResult {
  if (!condition || !condition.trim()) return { value: 'true' };
  try {
    const parser = new Parser(tokenize(condition), request, actionMatches);
    const value = parser.parse();
    return value === 'unknown' ? { value, reason: parser.reason } : { value };
  } catch (e) {
    return { value: 'unknown', reason: `could not parse the condition (${(e as Error).message})` };
  }
}

/**
 * Decides whether a CloudFront Function's source can only run straight through — so the local
 * edge may call it directly, without a per-call watchdog (Node's `vm` timeout starts a thread
 * per call: ~100 µs, the whole cost of a rewrite). The rules are deliberately conservative:
 * code that fails any of them still runs, but under the watchdog (see edge-function.ts).
 *
 * Straight-line code cannot run long: every statement of the one function runs at most once
 * per call, because nothing can repeat it —
 *   - no loops (`for`, `while`, `do`) and no generators (`yield`);
 *   - no regular expressions (a backtracking pattern is a loop in disguise), so no `/` at all;
 *   - no other functions, arrows, methods or classes, and `handler` is named only where it is
 *     declared — so nothing can call it again (recursion);
 *   - no way to reach the global object (`this`, `globalThis`) or the running function
 *     (`arguments`), and no `\` escapes that could spell those names;
 *   - no `await`/`then`/`Promise`: an `async handler` returns an already settled promise.
 */
export function runsStraightThrough(code: string): boolean {
  const skeleton = stripLiterals(code);
  if (skeleton === null || /[/\\`]/.test(skeleton)) return false;
  const tokens: string[] = skeleton.match(/[A-Za-z_$][\w$]*|=>|\S/g) ?? [];
  if (tokens.some((t) => FORBIDDEN.has(t))) return false;
  if (tokens.filter((t) => t === 'function').length !== 1) return false;
  if (tokens.filter((t) => t === 'handler').length !== 1) return false;
  const declared = tokens.indexOf('function');
  if (tokens[declared + 1] !== 'handler') return false;
  return !hasOtherBodies(tokens, declared + 2);
}

const FORBIDDEN = new Set([
  'for',
  'while',
  'do',
  'yield',
  'class',
  '=>',
  'this',
  'globalThis',
  'arguments',
  'eval',
  'Function',
  'RegExp',
  'Promise',
  'await',
  'then',
  'callee',
]);

/** Keywords whose parenthesised part may precede a block. */
const BLOCK_HEADS = new Set(['if', 'switch', 'catch', 'with']);

/**
 * True when some `(…) {` other than the handler's own header opens a body: a method shorthand,
 * a getter or a computed method — each a function that could be called again.
 */
function hasOtherBodies(tokens: string[], handlerParams: number): boolean {
  for (let i = 0; i < tokens.length - 1; i++) {
    if (tokens[i] !== ')' || tokens[i + 1] !== '{') continue;
    let depth = 0;
    let open = i;
    for (; open >= 0; open--) {
      if (tokens[open] === ')') depth++;
      else if (tokens[open] === '(' && --depth === 0) break;
    }
    if (open === handlerParams) continue;
    if (!BLOCK_HEADS.has(tokens[open - 1] ?? '')) return true;
  }
  return false;
}

/**
 * The code with comments removed and string literals emptied, so words inside them do not
 * count; null when a literal does not end (the code will not compile anyway).
 */
function stripLiterals(code: string): string | null {
  let out = '';
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    const next = code[i + 1];
    if (c === '/' && next === '/') {
      const end = code.indexOf('\n', i);
      i = end === -1 ? code.length : end;
      out += '\n';
    } else if (c === '/' && next === '*') {
      const end = code.indexOf('*/', i + 2);
      if (end === -1) return null;
      i = end + 1;
      out += ' ';
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      for (; j < code.length && code[j] !== c; j++) {
        if (code[j] === '\\') j++;
        else if (code[j] === '\n') return null;
      }
      if (j >= code.length) return null;
      i = j;
      out += '""';
    } else {
      out += c;
    }
  }
  return out;
}

// Makes Nunjucks' compiler emit Jinja2 semantics: every lookup, output, truth test, operator, filter, test and loop goes through core/template/runtime.ts.
import { FILTERS } from './filters.ts';
import type { NjkCompiler, NjkFrame, NjkNode, Nunjucks } from './nunjucks.ts';

/**
 * Nunjucks compiles a template to JavaScript and evaluates expressions with JavaScript's rules ([] is
 * true, '1' == 1, 'a' * 3 is NaN, a missing name is quietly empty). Each method replaced here emits a
 * call into `env.tsible` (the runtime) instead, which applies Python's rules and Ansible's strict
 * undefined, and passes the template line for errors. Installed once per process on Nunjucks'
 * Compiler prototype (tsible renders nothing else with Nunjucks).
 */
export function installJinjaCompiler(n: Nunjucks): void {
  const C = n.compiler.Compiler.prototype as NjkCompiler;
  if ((C as { tsibleJinja?: boolean }).tsibleJinja) return;
  (C as { tsibleJinja?: boolean }).tsibleJinja = true;
  // Nunjucks' own Jinja compatibility: slices (`s[1:]`) and True/False/None.
  n.installJinjaCompat();
  const nodes = n.nodes;
  balanceBraces(n);
  trimAfterEndraw(n);
  testArgumentWithoutParens(n);
  const q = (s: string) => JSON.stringify(s);

  /** An expression node of our own (kept an instance of a Nunjucks node class so the compiler's type checks accept it). */
  const wrapper = (typename: string, base: NjkNode, fields: Record<string, unknown>): NjkNode =>
    Object.assign(Object.create(nodes.Group.prototype, { typename: { value: typename } }), { lineno: base.lineno, colno: base.colno, children: [] }, fields);

  C.compileSymbol = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    const id = frame.lookup(node.value);
    if (id) this._emit(id);
    else this._emit(`env.tsible.lookup(context, frame, ${q(node.value)})`);
  };

  C.compileLookupVal = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    // A slice `x[a:b:c]` compiles to three comma-separated expressions: passed as one [a, b, c].
    const slice = node.val.typename === 'Slice';
    this._emit('env.tsible.member((');
    this._compileExpression(node.target, frame);
    this._emit(slice ? '),[' : '),(');
    this._compileExpression(node.val, frame);
    this._emit(`${slice ? ']' : ')'},${node.lineno})`);
  };

  C.compileOutput = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    for (const child of node.children as NjkNode[]) {
      if (child instanceof nodes.TemplateData) {
        if (child.value) {
          this._emit(`${this.buffer} += `);
          this.compileLiteral(child, frame);
          this._emitLine(';');
        }
      } else {
        this._emit(`${this.buffer} += env.tsible.out(`);
        this.compile(child, frame);
        this._emitLine(`, ${child.lineno});`);
      }
    }
  };

  C.compileIf = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    this._emit('if(env.tsible.truth(');
    this._compileExpression(node.cond, frame);
    this._emitLine(`, ${node.lineno})) {`);
    this._withScopedSyntax(() => this.compile(node.body, frame));
    if (node.else_) {
      this._emitLine('}\nelse {');
      this._withScopedSyntax(() => this.compile(node.else_, frame));
    }
    this._emitLine('}');
  };

  C.compileInlineIf = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    this._emit('(env.tsible.truth(');
    this.compile(node.cond, frame);
    this._emit(`, ${node.lineno}) ? `);
    this.compile(node.body, frame);
    this._emit(' : ');
    if (node.else_ !== null) this.compile(node.else_, frame);
    else this._emit('env.tsible.noElse()');
    this._emit(')');
  };

  const shortCircuit = (name: 'or' | 'and') =>
    function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
      this._emit(`env.tsible.${name}(`);
      this.compile(node.left, frame);
      this._emit(', function() { return ');
      this.compile(node.right, frame);
      this._emit(`; }, ${node.lineno})`);
    };
  C.compileOr = shortCircuit('or');
  C.compileAnd = shortCircuit('and');

  C.compileNot = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    this._emit('!env.tsible.truth(');
    this.compile(node.target, frame);
    this._emit(`, ${node.lineno})`);
  };

  C.compileIn = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    this._emit('env.tsible.contains(');
    this.compile(node.left, frame);
    this._emit(',');
    this.compile(node.right, frame);
    this._emit(`, ${node.lineno})`);
  };

  C.compileIs = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    // `x is none` / `is true` / `is false`: the parser reads the name as a literal.
    const raw = node.right.name ? node.right.name.value : node.right.value;
    const name = raw === null ? 'none' : raw;
    this._emit(`env.tsible.test(${q(String(name))}, ${node.lineno}, `);
    this.compile(node.left, frame);
    if (node.right.args) {
      this._emit(',');
      this.compile(node.right.args, frame);
    }
    this._emit(')');
  };

  C.compileFilter = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    this.assertType(node.name, nodes.Symbol);
    const name = node.name.value as string;
    if (!Object.hasOwn(FILTERS, name)) this.fail(`no filter named '${name}'`, node.name.lineno, node.name.colno);
    this._emit(`env.tsible.filter(${q(name)}, ${node.lineno}, `);
    this._compileAggregate(node.args, frame);
    this._emit(')');
  };

  // (a, b) is a tuple; (a) is a grouping.
  C.compileGroup = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    if ((node.children as NjkNode[]).length > 1) this._compileAggregate(node, frame, 'env.tsible.tuple(', ')');
    else this._compileAggregate(node, frame, '(', ')');
  };

  C.compileCompare = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    this._emit(`env.tsible.compare(${node.lineno}, `);
    this.compile(node.expr, frame);
    for (const op of node.ops as NjkNode[]) {
      this._emit(`, ${q(op.type)}, `);
      this.compile(op.expr, frame);
    }
    this._emit(')');
  };

  const binary = (op: string) =>
    function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
      this._emit(`env.tsible.op(${q(op)}, `);
      this.compile(node.left, frame);
      this._emit(', ');
      this.compile(node.right, frame);
      this._emit(`, ${node.lineno})`);
    };
  C.compileAdd = binary('+');
  C.compileConcat = binary('~');
  C.compileSub = binary('-');
  C.compileMul = binary('*');
  C.compileDiv = binary('/');
  C.compileFloorDiv = binary('//');
  C.compileMod = binary('%');
  C.compilePow = binary('**');
  const unary = (op: string) =>
    function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
      this._emit(`env.tsible.op(${q(op)}, `);
      this.compile(node.target, frame);
      this._emit(`, 0, ${node.lineno})`);
    };
  C.compileNeg = unary('neg');
  C.compilePos = unary('pos');

  C.compileFunCall = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, env.tsible.call(`);
    this._compileExpression(node.name, frame);
    this._emit(`, ${q(this._getNodeName(node.name))}, context, `);
    this._compileAggregate(node.args, frame, '[', ']');
    this._emit(`, ${node.lineno}))`);
  };

  // for x in EXPR [if COND]: EXPR walked as Jinja walks it (a dict's keys, a string's characters, an
  // Undefined is an error), filtered by COND before the loop counts its items.
  const originalFor = C.compileFor as (node: NjkNode, frame: NjkFrame) => void;
  C.compileFor = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    const pairs = node.name instanceof nodes.Array;
    let arr = node.arr as NjkNode;
    let cond: NjkNode | undefined;
    if (arr.typename === 'InlineIf' && arr.else_ === null) {
      cond = arr.cond;
      arr = arr.body;
    }
    const walked = wrapper('TsibleIter', arr, { inner: arr, pairs });
    node.arr = cond ? wrapper('TsibleLoopFilter', arr, { inner: walked, cond, target: node.name }) : walked;
    originalFor.call(this, node, frame);
  };
  C.compileTsibleIter = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    this._emit('env.tsible.iter(');
    this._compileExpression(node.inner, frame);
    this._emit(`, ${node.lineno}, ${node.pairs})`);
  };
  C.compileTsibleLoopFilter = function (this: NjkCompiler, node: NjkNode, frame: NjkFrame) {
    const id = this._tmpid();
    this._emit('env.tsible.loopFilter(');
    this._compileExpression(node.inner, frame);
    this._emit(`, function(${id}) { return `);
    const inner = frame.push();
    const target = node.target as NjkNode;
    if (target instanceof nodes.Array) (target.children as NjkNode[]).forEach((c, i) => inner.set(c.value, `${id}[${i}]`));
    else inner.set(target.value, id);
    this._compileExpression(node.cond, inner);
    this._emit(`; }, ${node.lineno})`);
  };

  // Our wrappers are expressions too.
  const originalAssert = C.assertType as (node: NjkNode, ...types: unknown[]) => void;
  C.assertType = function (this: NjkCompiler, node: NjkNode, ...types: unknown[]) {
    if (node && (node.typename === 'TsibleIter' || node.typename === 'TsibleLoopFilter')) return;
    originalAssert.call(this, node, ...types);
  };
}

/**
 * Jinja's lexer ends `{{ … }}` at a `}}` only outside braces, so `{{ {'a': {'b': 1}} }}` works; Nunjucks'
 * ends it at the first `}}`. Each tokenizer counts open `{` in code and, while any is open, reads `}` as a brace.
 */
function balanceBraces(n: Nunjucks): void {
  const originalLex = n.lexer.lex;
  n.lexer.lex = (src: string, opts: unknown) => {
    const tokenizer = originalLex(src, opts);
    tokenizer._parseString = parsePythonString;
    const next = tokenizer.nextToken;
    let depth = 0;
    tokenizer.nextToken = function (this: any) {
      const tags = this.tags;
      if (this.in_code && depth > 0) this.tags = { ...tags, VARIABLE_END: '\u0000', BLOCK_END: '\u0000' };
      let tok;
      try {
        tok = next.call(this);
      } finally {
        this.tags = tags;
      }
      // Jinja's trim_blocks also drops the newline after a comment.
      if (tok?.type === 'comment' && this.trimBlocks && this.current() === '\n') this.forward();
      if (tok?.type === 'left-curly') depth++;
      else if (tok?.type === 'right-curly') depth = Math.max(0, depth - 1);
      else if (tok?.type === 'variable-end' || tok?.type === 'block-end') depth = 0;
      return tok;
    };
    return tokenizer;
  };
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '\n': '' };

/**
 * A string literal as Python (Jinja) reads it: \n \t \xNN \uNNNN and friends are escapes, an unknown
 * escape such as \d keeps its backslash (Nunjucks drops it, which breaks regular expressions).
 */
function parsePythonString(this: any, delimiter: string): string {
  this.forward();
  let str = '';
  while (!this.isFinished() && this.current() !== delimiter) {
    const cur = this.current();
    if (cur !== '\\') {
      str += cur;
      this.forward();
      continue;
    }
    this.forward();
    const c = this.current();
    const hex = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    if (Object.hasOwn(SIMPLE_ESCAPES, c)) {
      str += SIMPLE_ESCAPES[c];
      this.forward();
    } else if (hex && /^[0-9a-fA-F]+$/.test(this.str.slice(this.index + 1, this.index + 1 + hex)) && this.str.slice(this.index + 1, this.index + 1 + hex).length === hex) {
      str += String.fromCodePoint(parseInt(this.str.slice(this.index + 1, this.index + 1 + hex), 16));
      this.forwardN(hex + 1);
    } else if (/[0-7]/.test(c)) {
      const oct = /^[0-7]{1,3}/.exec(this.str.slice(this.index))![0];
      str += String.fromCharCode(parseInt(oct, 8));
      this.forwardN(oct.length);
    } else {
      str += `\\${c}`;
      this.forward();
    }
  }
  this.forward();
  return str;
}

/** Nunjucks reads `{% endraw %}` past its lexer, so trim_blocks never drops the newline after it; Jinja's does. */
function trimAfterEndraw(n: Nunjucks): void {
  const P = n.parser.Parser.prototype;
  const original = P.parseRaw;
  P.parseRaw = function (this: any, ...args: unknown[]) {
    const node = original.apply(this, args);
    if (this.tokens.trimBlocks && this.tokens.current() === '\n') this.tokens.forward();
    return node;
  };
}

const NOT_AN_ARGUMENT = new Set(['and', 'or', 'not', 'if', 'else', 'in', 'is']);

/**
 * Jinja's `x is divisibleby 3` / `x is sameas false`: a test takes one argument without parentheses
 * when a value follows its name. Nunjucks reads only `x is test` and `x is test(args)`.
 */
function testArgumentWithoutParens(n: Nunjucks): void {
  const P = n.parser.Parser.prototype;
  const nodes = n.nodes;
  P.parseIs = function (this: any) {
    let node = this.parseCompare();
    if (!this.skipSymbol('is')) return node;
    const not = this.skipSymbol('not');
    const tok = this.nextToken();
    if (!tok) this.fail('expected a test name, got end of file');
    const name = new nodes.Symbol(tok.lineno, tok.colno, String(tok.value));
    let test: unknown = name;
    const next = this.peekToken();
    if (next && next.type === 'left-paren') {
      test = new nodes.FunCall(tok.lineno, tok.colno, name, this.parseSignature());
    } else if (next && (['string', 'int', 'float', 'boolean', 'none', 'left-bracket', 'left-curly'].includes(next.type) || (next.type === 'symbol' && !NOT_AN_ARGUMENT.has(next.value)))) {
      test = new nodes.FunCall(tok.lineno, tok.colno, name, new nodes.NodeList(tok.lineno, tok.colno, [this.parsePrimary()]));
    }
    node = new nodes.Is(node.lineno, node.colno, node, test);
    return not ? new nodes.Not(node.lineno, node.colno, node) : node;
  };
}

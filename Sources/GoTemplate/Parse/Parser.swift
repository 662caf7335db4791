/// One parsed template body (Go's `parse.Tree`): its name and root list.
final class Tree: Sendable {
    let name: String
    let root: ListNode
    init(name: String, root: ListNode) {
        self.name = name
        self.root = root
    }
}

/// What a parse of a template text produces: the main tree plus every `define`d and
/// `block` tree, by name (Go's tree set).
struct ParsedTemplates {
    var trees: [String: Tree] = [:]
}

/// State shared by the parsers of one template text: the lexer (one stream of items
/// for the main body and all `define`s), the functions and the resulting trees.
final class ParseContext {
    var lexer: Lexer
    let functions: FunctionMap
    let parseName: String
    var trees: [String: Tree] = [:]
    /// How deep `if`/`range`/`with`/`block`/`else if` nest at the current token, and
    /// the deepest seen (shared by the parsers of `block` bodies).
    var nesting = 0
    var maxNestingSeen = 0

    init(text: String, name: String, functions: FunctionMap) {
        lexer = Lexer(text)
        self.functions = functions
        parseName = name
        lexer.breakOK = !hasFunction("break")
        lexer.continueOK = !hasFunction("continue")
    }

    func hasFunction(_ name: String) -> Bool {
        functions[name] != nil || Builtin(rawValue: name) != nil
    }

    func resolve(_ name: String) -> ResolvedFunction? {
        if let f = functions[name] { return .user(f) }
        if let b = Builtin(rawValue: name) { return .builtin(b) }
        return nil
    }
}

/// A port of Go's recursive-descent parser (`text/template/parse/parse.go`),
/// keeping its three-token lookahead so error messages name the same token and line.
struct TreeParser {
    /// A parse failure: Go's message (without the `template: NAME:LINE: ` prefix) and
    /// where the last token read lies.
    struct Failure: Error {
        let message: String
        let line: Int
        let pos: Int
        var limit: TemplateLimits.Limit? = nil
    }

    private let context: ParseContext
    private var name: String
    private var tokens = [Token](repeating: .placeholder, count: 3)
    private var peekCount = 0
    private var vars: [String] = ["$"]
    private var actionLine = 0
    private var rangeDepth = 0
    private var stackDepth = 0
    /// Go allows 10000 nested parentheses; parsing runs on ``BigStack``, so the same.
    private static let maxStackDepth = 10_000

    init(context: ParseContext, name: String) {
        self.context = context
        self.name = name
    }

    /// Parses the whole text (Go's `Tree.Parse`), filling `context.trees`.
    static func parseAll(_ context: ParseContext) throws(Failure) {
        var parser = TreeParser(context: context, name: context.parseName)
        let root = try parser.parse()
        try parser.add(root: root)
    }

    // MARK: - Tokens

    private mutating func next() -> Token {
        if peekCount > 0 {
            peekCount -= 1
        } else {
            tokens[0] = context.lexer.nextItem()
        }
        return tokens[peekCount]
    }

    private mutating func backup() { peekCount += 1 }

    private mutating func backup2(_ t1: Token) {
        tokens[1] = t1
        peekCount = 2
    }

    private mutating func backup3(_ t2: Token, _ t1: Token) {
        tokens[1] = t1
        tokens[2] = t2
        peekCount = 3
    }

    private mutating func peek() -> Token {
        if peekCount > 0 { return tokens[peekCount - 1] }
        peekCount = 1
        tokens[0] = context.lexer.nextItem()
        return tokens[0]
    }

    private mutating func nextNonSpace() -> Token {
        var token: Token
        repeat { token = next() } while token.kind == .space
        return token
    }

    private mutating func peekNonSpace() -> Token {
        let token = nextNonSpace()
        backup()
        return token
    }

    // MARK: - Errors

    private func error(_ message: String) -> Failure {
        Failure(message: message, line: tokens[0].line, pos: tokens[0].pos)
    }

    private mutating func expect(_ expected: TokenKind, _ ctx: String) throws(Failure) -> Token {
        let token = nextNonSpace()
        if token.kind != expected { throw unexpected(token, ctx) }
        return token
    }

    private mutating func expectOneOf(_ e1: TokenKind, _ e2: TokenKind, _ ctx: String) throws(Failure) -> Token {
        let token = nextNonSpace()
        if token.kind != e1 && token.kind != e2 { throw unexpected(token, ctx) }
        return token
    }

    private func unexpected(_ token: Token, _ ctx: String) -> Failure {
        if token.kind == .error {
            var extra = ""
            if actionLine != 0 && actionLine != token.line {
                extra = " in action started at \(context.parseName):\(actionLine)"
                if token.value.hasSuffix(" action") {
                    extra = String(extra.dropFirst(" in action".count))
                }
            }
            return error(token.value + extra)
        }
        return error("unexpected \(token.goDescription) in \(ctx)")
    }

    // MARK: - Structure

    /// Go's `Tree.add`: registers this tree unless an equally named non-empty one exists.
    private func add(root: ListNode) throws(Failure) {
        if let existing = context.trees[name], !existing.root.isEmptyTree {
            if !root.isEmptyTree {
                throw error("template: multiple definition of template \(GoQuote.quote(name))")
            }
            return
        }
        context.trees[name] = Tree(name: name, root: root)
    }

    private mutating func parse() throws(Failure) -> ListNode {
        let pos = peek().pos
        var nodes: [Node] = []
        while peek().kind != .eof {
            if peek().kind == .leftDelim {
                let delim = next()
                if nextNonSpace().kind == .define {
                    var sub = TreeParser(context: context, name: "definition")
                    try sub.parseDefinition()
                    continue
                }
                backup2(delim)
            }
            switch try textOrAction() {
            case .end: throw error("unexpected {{end}}")
            case .else: throw error("unexpected {{else}}")
            case .node(let n): nodes.append(n)
            }
        }
        return ListNode(pos: pos, nodes: nodes)
    }

    private mutating func parseDefinition() throws(Failure) {
        let ctx = "define clause"
        let nameToken = try expectOneOf(.string, .rawString, ctx)
        do {
            name = try GoQuote.unquote(nameToken.value)
        } catch {
            throw self.error("invalid syntax")
        }
        _ = try expect(.rightDelim, ctx)
        let (root, end) = try itemList()
        if case .else = end { throw error("unexpected {{else}} in \(ctx)") }
        try add(root: root)
    }

    /// The result of parsing one text-or-action: a node, or the `{{end}}` / `{{else}}`
    /// that closes the enclosing list.
    private enum Item {
        case node(Node)
        case end(pos: Int)
        case `else`(pos: Int)
    }

    private mutating func itemList() throws(Failure) -> (ListNode, Item) {
        let pos = peekNonSpace().pos
        var nodes: [Node] = []
        while peekNonSpace().kind != .eof {
            let n = try textOrAction()
            switch n {
            case .end, .else: return (ListNode(pos: pos, nodes: nodes), n)
            case .node(let node): nodes.append(node)
            }
        }
        throw error("unexpected EOF")
    }

    private mutating func textOrAction() throws(Failure) -> Item {
        let token = nextNonSpace()
        switch token.kind {
        case .text:
            return .node(.text(TextNode(pos: token.pos, text: token.value)))
        case .leftDelim:
            actionLine = token.line
            defer { actionLine = 0 }
            return try action()
        case .comment:
            return .node(.comment)
        default:
            throw unexpected(token, "input")
        }
    }

    private mutating func action() throws(Failure) -> Item {
        let token = nextNonSpace()
        switch token.kind {
        case .block: return .node(try blockControl())
        case .break: return .node(try breakControl(pos: token.pos, isBreak: true))
        case .continue: return .node(try breakControl(pos: token.pos, isBreak: false))
        case .else: return try elseControl()
        case .end: return .end(pos: try expect(.rightDelim, "end").pos)
        case .if: return .node(.if(try parseControl("if")))
        case .range: return .node(.range(try parseControl("range")))
        case .template: return .node(try templateControl())
        case .with: return .node(.with(try parseControl("with")))
        default: break
        }
        backup()
        let start = peek()
        let pipe = try pipeline("command", end: .rightDelim)
        return .node(.action(ActionNode(pos: start.pos, pipe: pipe)))
    }

    private mutating func breakControl(pos: Int, isBreak: Bool) throws(Failure) -> Node {
        let word = isBreak ? "{{break}}" : "{{continue}}"
        let token = nextNonSpace()
        if token.kind != .rightDelim { throw unexpected(token, word) }
        if rangeDepth == 0 { throw error("\(word) outside {{range}}") }
        return isBreak ? .break(pos: pos) : .continue(pos: pos)
    }

    private mutating func pipeline(_ ctx: String, end: TokenKind) throws(Failure) -> PipeNode {
        let startToken = peekNonSpace()
        var decl: [VariableNode] = []
        var isAssign = false
        var cmds: [CommandNode] = []
        decls: while true {
            let v = peekNonSpace()
            guard v.kind == .variable else { break }
            _ = next()
            let tokenAfterVariable = peek()
            let nxt = peekNonSpace()
            if nxt.kind == .assign || nxt.kind == .declare {
                isAssign = nxt.kind == .assign
                _ = nextNonSpace()
                decl.append(VariableNode(pos: v.pos, idents: v.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init), start: v.pos))
                vars.append(v.value)
            } else if nxt.kind == .char && nxt.value == "," {
                _ = nextNonSpace()
                decl.append(VariableNode(pos: v.pos, idents: v.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init), start: v.pos))
                vars.append(v.value)
                if ctx == "range" && decl.count < 2 {
                    switch peekNonSpace().kind {
                    case .variable, .rightDelim, .rightParen:
                        continue decls
                    default:
                        throw error("range can only initialize variables")
                    }
                }
                throw error("too many declarations in \(ctx)")
            } else if tokenAfterVariable.kind == .space {
                backup3(v, tokenAfterVariable)
            } else {
                backup2(v)
            }
            break
        }
        while true {
            let token = nextNonSpace()
            switch token.kind {
            case end:
                let pipe = PipeNode(pos: startToken.pos, isAssign: isAssign, decl: decl, cmds: cmds)
                try checkPipeline(pipe, ctx)
                return pipe
            case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nil,
                 .rawString, .string, .variable, .leftParen:
                backup()
                cmds.append(try command())
            default:
                throw unexpected(token, ctx)
            }
        }
    }

    private func checkPipeline(_ pipe: PipeNode, _ ctx: String) throws(Failure) {
        if pipe.cmds.isEmpty { throw error("missing value for \(ctx)") }
        for (i, c) in pipe.cmds.enumerated().dropFirst() {
            switch c.args[0] {
            case .bool, .dot, .nil, .number, .string:
                throw error("non executable command in pipeline stage \(i + 1)")
            default:
                break
            }
        }
    }

    /// Enters one more level of `if`/`range`/`with`/`block`/`else if`, refusing to go
    /// past ``TemplateLimits/maxNesting``.
    private mutating func enterNesting(_ ctx: String) throws(Failure) {
        context.nesting += 1
        context.maxNestingSeen = max(context.maxNestingSeen, context.nesting)
        if context.nesting > TemplateLimits.maxNesting {
            var failure = error(
                "\(ctx) nested more than \(TemplateLimits.maxNesting) deep (TemplateLimits.maxNesting); "
                    + "split the template into `define`d parts or flatten the conditions")
            failure.limit = .nesting
            throw failure
        }
    }

    private mutating func parseControl(_ ctx: String) throws(Failure) -> BranchNode {
        try enterNesting(ctx)
        defer { context.nesting -= 1 }
        let mark = vars.count
        defer { vars.removeSubrange(mark...) }
        let pipe = try pipeline(ctx, end: .rightDelim)
        if ctx == "range" { rangeDepth += 1 }
        var (list, nextItem) = try itemList()
        if ctx == "range" { rangeDepth -= 1 }
        var elseList: ListNode?
        if case .else(let elsePos) = nextItem {
            if ctx == "if" && peek().kind == .if {
                _ = next()
                elseList = ListNode(pos: elsePos, nodes: [.if(try parseControl("if"))])
            } else if ctx == "with" && peek().kind == .with {
                _ = next()
                elseList = ListNode(pos: elsePos, nodes: [.with(try parseControl("with"))])
            } else {
                (elseList, nextItem) = try itemList()
                if case .else = nextItem { throw error("expected end; found {{else}}") }
            }
        }
        _ = list
        return BranchNode(pos: pipe.pos, pipe: pipe, list: list, elseList: elseList)
    }

    private mutating func elseControl() throws(Failure) -> Item {
        let p = peekNonSpace()
        if p.kind == .if || p.kind == .with { return .else(pos: p.pos) }
        let token = try expect(.rightDelim, "else")
        return .else(pos: token.pos)
    }

    private mutating func blockControl() throws(Failure) -> Node {
        let ctx = "block clause"
        let token = nextNonSpace()
        let blockName = try parseTemplateName(token, ctx)
        let pipe = try pipeline(ctx, end: .rightDelim)
        try enterNesting("block")
        defer { context.nesting -= 1 }
        var block = TreeParser(context: context, name: blockName)
        let (root, end) = try block.itemList()
        if case .else = end { throw error("unexpected {{else}} in \(ctx)") }
        try block.add(root: root)
        return .template(TemplateNode(pos: token.pos, name: blockName, pipe: pipe))
    }

    private mutating func templateControl() throws(Failure) -> Node {
        let ctx = "template clause"
        let token = nextNonSpace()
        let templateName = try parseTemplateName(token, ctx)
        var pipe: PipeNode?
        if nextNonSpace().kind != .rightDelim {
            backup()
            pipe = try pipeline(ctx, end: .rightDelim)
        }
        return .template(TemplateNode(pos: token.pos, name: templateName, pipe: pipe))
    }

    private func parseTemplateName(_ token: Token, _ ctx: String) throws(Failure) -> String {
        switch token.kind {
        case .string, .rawString:
            do {
                return try GoQuote.unquote(token.value)
            } catch {
                throw self.error("invalid syntax")
            }
        default:
            throw unexpected(token, ctx)
        }
    }

    private mutating func command() throws(Failure) -> CommandNode {
        let pos = peekNonSpace().pos
        var args: [ArgNode] = []
        while true {
            _ = peekNonSpace()
            if let operand = try operand() { args.append(operand) }
            let token = next()
            switch token.kind {
            case .space:
                continue
            case .rightDelim, .rightParen:
                backup()
            case .pipe:
                break
            default:
                throw unexpected(token, "operand")
            }
            break
        }
        if args.isEmpty { throw error("empty command") }
        return CommandNode(pos: pos, args: args)
    }

    private mutating func operand() throws(Failure) -> ArgNode? {
        guard let node = try term() else { return nil }
        if peek().kind == .field {
            let chainPos = peek().pos
            var fields: [String] = []
            while peek().kind == .field {
                let f = next().value
                fields.append(String(f.dropFirst()))
            }
            switch node {
            case .field(let f):
                return .field(FieldNode(pos: chainPos, idents: f.idents + fields, start: f.start))
            case .variable(let v):
                return .variable(VariableNode(pos: chainPos, idents: v.idents + fields, start: v.start))
            case .bool, .string, .number, .nil, .dot:
                throw error("unexpected . after term \(GoQuote.quote(node.sourceText))")
            default:
                return .chain(ChainNode(pos: chainPos, node: node, fields: fields))
            }
        }
        return node
    }

    private mutating func term() throws(Failure) -> ArgNode? {
        let token = nextNonSpace()
        switch token.kind {
        case .identifier:
            guard let function = context.resolve(token.value) else {
                throw error("function \(GoQuote.quote(token.value)) not defined")
            }
            return .identifier(IdentifierNode(pos: token.pos, name: token.value, function: function))
        case .dot:
            return .dot(pos: token.pos)
        case .nil:
            return .nil(pos: token.pos)
        case .variable:
            return try useVar(pos: token.pos, name: token.value)
        case .field:
            return .field(FieldNode(pos: token.pos, idents: [String(token.value.dropFirst())], start: token.pos))
        case .bool:
            return .bool(pos: token.pos, value: token.value == "true")
        case .charConstant, .complex, .number:
            do {
                let literal = try NumberLiteral.parse(token.value, kind: token.kind)
                return .number(NumberNode(pos: token.pos, text: token.value, literal: literal))
            } catch let failure as NumberLiteral.Failure {
                throw error(failure.message)
            } catch {
                throw self.error("invalid syntax")
            }
        case .leftParen:
            if stackDepth >= TreeParser.maxStackDepth { throw error("max expression depth exceeded") }
            stackDepth += 1
            context.maxNestingSeen = max(context.maxNestingSeen, stackDepth)
            defer { stackDepth -= 1 }
            return .pipe(try pipeline("parenthesized pipeline", end: .rightParen))
        case .string, .rawString:
            do {
                let s = try GoQuote.unquote(token.value)
                return .string(StringNode(pos: token.pos, quoted: token.value, text: s))
            } catch {
                throw self.error("invalid syntax")
            }
        default:
            backup()
            return nil
        }
    }

    private func useVar(pos: Int, name: String) throws(Failure) -> ArgNode {
        let idents = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if vars.contains(idents[0]) {
            return .variable(VariableNode(pos: pos, idents: idents, start: pos))
        }
        throw error("undefined variable \(GoQuote.quote(idents[0]))")
    }
}

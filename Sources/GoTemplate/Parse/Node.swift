/// The parse tree of a template, shaped like Go's `text/template/parse` nodes.
///
/// Every node keeps its byte offset in the template text so execution errors can
/// report `config:LINE:COL` and the node's source form (`at <.Object.kind>`) exactly
/// as Go prints them. Classes, not structs: nodes are shared by reference between the
/// tree and the evaluator and never copied.

/// An element of a list of nodes (the body of a template, `if`, `range`, …).
enum Node: Sendable {
    case text(TextNode)
    case action(ActionNode)
    case `if`(BranchNode)
    case range(BranchNode)
    case with(BranchNode)
    case template(TemplateNode)
    case `break`(pos: Int)
    case `continue`(pos: Int)
    case comment

    var sourceText: String {
        switch self {
        case .text(let t): return t.text
        case .action(let a): return a.sourceText
        case .if(let b): return b.sourceText(keyword: "if")
        case .range(let b): return b.sourceText(keyword: "range")
        case .with(let b): return b.sourceText(keyword: "with")
        case .template(let t): return t.sourceText
        case .break: return "{{break}}"
        case .continue: return "{{continue}}"
        case .comment: return ""
        }
    }

    /// Go's `parse.IsEmptyTree` for one node.
    var isEmpty: Bool {
        switch self {
        case .comment: return true
        case .text(let t): return t.text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0B || $0 == 0x0C }
        default: return false
        }
    }
}

final class ListNode: Sendable {
    let pos: Int
    let nodes: [Node]
    init(pos: Int, nodes: [Node]) {
        self.pos = pos
        self.nodes = nodes
    }

    var sourceText: String { nodes.map(\.sourceText).joined() }
    var isEmptyTree: Bool { nodes.allSatisfy(\.isEmpty) }
}

final class TextNode: Sendable {
    let pos: Int
    let text: String
    init(pos: Int, text: String) {
        self.pos = pos
        self.text = text
    }
}

final class ActionNode: Sendable {
    let pos: Int
    let pipe: PipeNode
    init(pos: Int, pipe: PipeNode) {
        self.pos = pos
        self.pipe = pipe
    }

    var sourceText: String { "{{" + pipe.sourceText + "}}" }
}

final class BranchNode: Sendable {
    let pos: Int
    let pipe: PipeNode
    let list: ListNode
    let elseList: ListNode?
    init(pos: Int, pipe: PipeNode, list: ListNode, elseList: ListNode?) {
        self.pos = pos
        self.pipe = pipe
        self.list = list
        self.elseList = elseList
    }

    func sourceText(keyword: String) -> String {
        var s = "{{" + keyword + " " + pipe.sourceText + "}}" + list.sourceText
        if let e = elseList { s += "{{else}}" + e.sourceText }
        return s + "{{end}}"
    }
}

final class TemplateNode: Sendable {
    let pos: Int
    let name: String
    let pipe: PipeNode?
    init(pos: Int, name: String, pipe: PipeNode?) {
        self.pos = pos
        self.name = name
        self.pipe = pipe
    }

    var sourceText: String {
        var s = "{{template " + GoQuote.quote(name)
        if let p = pipe { s += " " + p.sourceText }
        return s + "}}"
    }
}

final class PipeNode: Sendable {
    let pos: Int
    let isAssign: Bool
    let decl: [VariableNode]
    let cmds: [CommandNode]
    init(pos: Int, isAssign: Bool, decl: [VariableNode], cmds: [CommandNode]) {
        self.pos = pos
        self.isAssign = isAssign
        self.decl = decl
        self.cmds = cmds
    }

    var sourceText: String {
        var s = ""
        if !decl.isEmpty {
            s = decl.map(\.sourceText).joined(separator: ", ")
            s += isAssign ? " = " : " := "
        }
        s += cmds.map(\.sourceText).joined(separator: " | ")
        return s
    }
}

final class CommandNode: Sendable {
    let pos: Int
    let args: [ArgNode]
    init(pos: Int, args: [ArgNode]) {
        self.pos = pos
        self.args = args
    }

    var sourceText: String {
        args.map { arg in
            if case .pipe(let p) = arg { return "(" + p.sourceText + ")" }
            return arg.sourceText
        }.joined(separator: " ")
    }
}

/// An operand of a command.
enum ArgNode: Sendable {
    case field(FieldNode)
    case chain(ChainNode)
    case identifier(IdentifierNode)
    case pipe(PipeNode)
    case variable(VariableNode)
    case dot(pos: Int)
    case `nil`(pos: Int)
    case bool(pos: Int, value: Bool)
    case number(NumberNode)
    case string(StringNode)

    var pos: Int {
        switch self {
        case .field(let n): return n.pos
        case .chain(let n): return n.pos
        case .identifier(let n): return n.pos
        case .pipe(let n): return n.pos
        case .variable(let n): return n.pos
        case .dot(let p), .nil(let p), .bool(let p, _): return p
        case .number(let n): return n.pos
        case .string(let n): return n.pos
        }
    }

    var sourceText: String {
        switch self {
        case .field(let n): return n.sourceText
        case .chain(let n): return n.sourceText
        case .identifier(let n): return n.name
        case .pipe(let n): return n.sourceText
        case .variable(let n): return n.sourceText
        case .dot: return "."
        case .nil: return "nil"
        case .bool(_, let v): return v ? "true" : "false"
        case .number(let n): return n.text
        case .string(let n): return n.quoted
        }
    }
}

final class FieldNode: Sendable {
    /// Go's position: of the second field when there are several (errors use it).
    let pos: Int
    let idents: [String]
    /// Where the reference starts in the text (the first `.`), for diagnostics.
    let start: Int
    init(pos: Int, idents: [String], start: Int) {
        self.pos = pos
        self.idents = idents
        self.start = start
    }

    var sourceText: String { idents.map { "." + $0 }.joined() }
}

final class VariableNode: Sendable {
    let pos: Int
    /// The variable name (`$x`) followed by field names.
    let idents: [String]
    /// Where the reference starts in the text (the `$`), for diagnostics.
    let start: Int
    init(pos: Int, idents: [String], start: Int) {
        self.pos = pos
        self.idents = idents
        self.start = start
    }

    var sourceText: String { idents.joined(separator: ".") }
}

final class ChainNode: Sendable {
    let pos: Int
    let node: ArgNode
    let fields: [String]
    init(pos: Int, node: ArgNode, fields: [String]) {
        self.pos = pos
        self.node = node
        self.fields = fields
    }

    var sourceText: String {
        var s: String
        if case .pipe(let p) = node { s = "(" + p.sourceText + ")" } else { s = node.sourceText }
        for f in fields { s += "." + f }
        return s
    }
}

/// A function name, resolved when the template is parsed so execution never looks
/// names up (Go resolves at execution; the result is the same because a template's
/// functions cannot change after parsing here).
final class IdentifierNode: Sendable {
    let pos: Int
    let name: String
    let function: ResolvedFunction
    init(pos: Int, name: String, function: ResolvedFunction) {
        self.pos = pos
        self.name = name
        self.function = function
    }
}

/// Which implementation an identifier calls: a function of the ``FunctionMap`` (which
/// wins over a builtin of the same name, as with Go's `Funcs`) or a Go builtin.
enum ResolvedFunction: Sendable {
    case user(TemplateFunction)
    case builtin(Builtin)
}

final class StringNode: Sendable {
    let pos: Int
    let quoted: String
    let text: String
    init(pos: Int, quoted: String, text: String) {
        self.pos = pos
        self.quoted = quoted
        self.text = text
    }
}

final class NumberNode: Sendable {
    let pos: Int
    let text: String
    let isInt: Bool
    let isUint: Bool
    let isFloat: Bool
    let isComplex: Bool
    let int64: Int64
    let uint64: UInt64
    let float64: Double
    let real: Double
    let imag: Double

    init(pos: Int, text: String, literal: NumberLiteral) {
        self.pos = pos
        self.text = text
        isInt = literal.isInt
        isUint = literal.isUint
        isFloat = literal.isFloat
        isComplex = literal.isComplex
        int64 = literal.int64
        uint64 = literal.uint64
        float64 = literal.float64
        real = literal.real
        imag = literal.imag
    }
}

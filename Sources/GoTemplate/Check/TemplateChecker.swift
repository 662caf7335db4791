extension Template {
    /// Field references (`.A.b`, `$.A.b`, `$var.b`, `(pipeline).b`) that cannot resolve
    /// against `shape`, in the order they appear.
    ///
    /// Dot is followed through `with` and `range` (a `range` over a `.list(S)` makes dot
    /// an `S`); anything the checker cannot know (a function's result, the dot of a
    /// `define`d template) is `.any` and never reported, so a diagnostic always names a
    /// reference that fails whenever it is evaluated.
    ///
    /// The walk recurses once per nesting level, so it runs on ``BigStack`` like
    /// parsing and rendering.
    public func check(against shape: Shape) -> [TemplateDiagnostic] {
        BigStack.run { checkHere(against: shape) }
    }

    private func checkHere(against shape: Shape) -> [TemplateDiagnostic] {
        var checker = TemplateChecker(text: text, root: shape)
        if let main = trees[name] {
            checker.check(main, dot: shape, dollar: shape)
        }
        for (treeName, tree) in trees.sorted(by: { $0.key < $1.key }) where treeName != name {
            checker.check(tree, dot: .any, dollar: .any)
        }
        return checker.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }
}

/// Walks a parse tree tracking the shape of dot and of each variable.
struct TemplateChecker {
    let text: String
    let root: Shape
    var diagnostics: [TemplateDiagnostic] = []
    private var vars: [(name: String, shape: Shape)] = []
    private var reported = Set<Int>()

    init(text: String, root: Shape) {
        self.text = text
        self.root = root
    }

    mutating func check(_ tree: Tree, dot: Shape, dollar: Shape) {
        vars = [("$", dollar)]
        walk(tree.root, dot: dot)
    }

    private mutating func walk(_ list: ListNode, dot: Shape) {
        for node in list.nodes { walk(node, dot: dot) }
    }

    private mutating func walk(_ node: Node, dot: Shape) {
        switch node {
        case .action(let a):
            _ = pipeShape(a.pipe, dot: dot)
        case .if(let b):
            let mark = vars.count
            _ = pipeShape(b.pipe, dot: dot)
            walk(b.list, dot: dot)
            if let e = b.elseList { walk(e, dot: dot) }
            vars.removeSubrange(mark...)
        case .with(let b):
            let mark = vars.count
            let inner = pipeShape(b.pipe, dot: dot)
            walk(b.list, dot: inner)
            if let e = b.elseList { walk(e, dot: dot) }
            vars.removeSubrange(mark...)
        case .range(let b):
            let mark = vars.count
            let collection = pipeShape(b.pipe, dot: dot, declare: false)
            let element: Shape
            switch collection {
            case .list(let e), .dictionary(let e): element = e
            default: element = .any
            }
            let decl = b.pipe.decl
            if b.pipe.isAssign {
                if decl.count == 1 { assign(decl[0].idents[0], element) }
                if decl.count == 2 {
                    assign(decl[0].idents[0], .scalar)
                    assign(decl[1].idents[0], element)
                }
            } else {
                if decl.count == 1 { vars.append((decl[0].idents[0], element)) }
                if decl.count == 2 {
                    vars.append((decl[0].idents[0], .scalar))
                    vars.append((decl[1].idents[0], element))
                }
            }
            walk(b.list, dot: element)
            if let e = b.elseList { walk(e, dot: dot) }
            vars.removeSubrange(mark...)
        case .template(let t):
            if let p = t.pipe { _ = pipeShape(p, dot: dot) }
        case .text, .break, .continue, .comment:
            break
        }
    }

    private mutating func assign(_ name: String, _ shape: Shape) {
        if let i = vars.lastIndex(where: { $0.name == name }) { vars[i].shape = shape }
    }

    private mutating func pipeShape(_ pipe: PipeNode, dot: Shape, declare: Bool = true) -> Shape {
        var last = Shape.any
        for cmd in pipe.cmds {
            var shapes: [Shape] = []
            for arg in cmd.args { shapes.append(argShape(arg, dot: dot)) }
            last = cmd.args.count == 1 ? shapes[0] : .any
            if case .identifier = cmd.args[0] { last = .any }
        }
        if pipe.cmds.count > 1 { last = .any }
        if declare {
            for v in pipe.decl {
                if pipe.isAssign { assign(v.idents[0], last) } else { vars.append((v.idents[0], last)) }
            }
        }
        return last
    }

    private mutating func argShape(_ arg: ArgNode, dot: Shape) -> Shape {
        switch arg {
        case .field(let f):
            return resolve(dot, f.idents[...], reference: f.sourceText, start: f.start)
        case .variable(let v):
            let base = vars.last(where: { $0.name == v.idents[0] })?.shape ?? .any
            return resolve(base, v.idents.dropFirst(), reference: v.sourceText, start: v.start)
        case .dot:
            return dot
        case .pipe(let p):
            return pipeShape(p, dot: dot)
        case .chain(let c):
            let base = argShape(c.node, dot: dot)
            return resolve(base, c.fields[...], reference: c.sourceText, start: c.node.pos)
        case .identifier:
            return .any
        case .nil, .bool, .number, .string:
            return .scalar
        }
    }

    private mutating func resolve(_ base: Shape, _ idents: ArraySlice<String>, reference: String, start: Int) -> Shape {
        var shape = base
        for name in idents {
            switch shape {
            case .any:
                return .any
            case .dictionary(let element):
                shape = element
            case .map(let fields):
                if let next = fields[name] {
                    shape = next
                } else {
                    report(reference: reference, field: name, start: start,
                           message: "unknown field \"\(name)\" in \(reference)",
                           suggestion: TemplateChecker.suggest(name, among: Array(fields.keys)))
                    return .any
                }
            case .list:
                report(reference: reference, field: name, start: start,
                       message: "field \"\(name)\" of a list in \(reference) (use index or range)", suggestion: nil)
                return .any
            case .scalar:
                report(reference: reference, field: name, start: start,
                       message: "field \"\(name)\" of a value without fields in \(reference)", suggestion: nil)
                return .any
            }
        }
        return shape
    }

    private mutating func report(reference: String, field: String, start: Int, message: String, suggestion: String?) {
        guard reported.insert(start).inserted else { return }
        var line = 1
        var lineStart = 0
        var i = 0
        for b in text.utf8 {
            if i >= start { break }
            if b == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        diagnostics.append(TemplateDiagnostic(
            reference: reference, field: field, message: message, suggestion: suggestion,
            line: line, column: start - lineStart + 1))
    }

    /// A known name close to `name`: same letters ignoring case, or within two edits.
    static func suggest(_ name: String, among candidates: [String]) -> String? {
        let lower = name.lowercased()
        if let same = candidates.first(where: { $0.lowercased() == lower }) { return same }
        var best: (String, Int)?
        for c in candidates.sorted() {
            let d = editDistance(Array(lower.unicodeScalars), Array(c.lowercased().unicodeScalars))
            if d <= 2 && d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// Executes parsed templates with Go's `text/template` semantics (`exec.go`) and
/// `missingkey=error`, as Kanister renders blueprints.
///
/// The structure follows Go's `state` closely, including where it records the
/// "current node" (`at`): Go reports every execution error at that node, so the same
/// bookkeeping is what makes `template: config:1:10: executing "config" at <.x.y>: …`
/// come out identical.
struct Executor {
    /// Go's `maxExecDepth` (100,000 there): how deep `{{template}}` calls may nest.
    /// Execution runs on ``BigStack``, sized for ``TemplateLimits/maxNesting`` levels
    /// of control structures and template calls together, so the cap is that.
    static let maxExecDepth = TemplateLimits.maxNesting

    /// The node errors are reported at (Go's `state.node`).
    enum At {
        case none
        case node(Node)
        case pipe(PipeNode)
        case arg(ArgNode)
        case command(CommandNode)

        var pos: Int {
            switch self {
            case .none: return 0
            case .node(let n):
                switch n {
                case .text(let t): return t.pos
                case .action(let a): return a.pos
                case .if(let b), .range(let b), .with(let b): return b.pos
                case .template(let t): return t.pos
                case .break(let p), .continue(let p): return p
                case .comment: return 0
                }
            case .pipe(let p): return p.pos
            case .arg(let a): return a.pos
            case .command(let c): return c.pos
            }
        }

        var sourceText: String {
            switch self {
            case .none: return ""
            case .node(let n): return n.sourceText
            case .pipe(let p): return p.sourceText
            case .arg(let a): return a.sourceText
            case .command(let c): return c.sourceText
            }
        }
    }

    enum Flow {
        case normal, `break`, `continue`
    }

    struct Failure: Error {
        let error: TemplateError
    }

    private let trees: [String: Tree]
    private let text: String
    private let parseName: String
    private(set) var output: String = ""
    private let limits: TemplateLimits
    /// `range` iterations so far, against ``TemplateLimits/maxIterations``.
    private var iterations = 0
    /// How deep `if`/`with`/`range`/template calls nest right now, against
    /// ``TemplateLimits/maxNesting`` (template calls can nest what parsing bounded).
    private var nesting = 0
    private var vars: [(name: String, value: Slot)] = []
    private var at: At = .none
    private var templateName: String
    private var depth = 0
    /// Whether dot is the template's `$` (outside `with`/`range` bodies); then a map
    /// changed in place through `.path` is read back as dot by later actions.
    private var dotIsRoot = true
    /// The dot a template started with, kept up to date by ``writeBack(_:_:)``.
    private var root = Slot.invalid

    /// sprig's functions that change their first argument, a map, in place. Go maps are
    /// references, so `{{ $_ := set $d "k" "v" }}{{ $d.k }}` sees the change; values are
    /// copies here, so the evaluator stores the function's result back into the
    /// variable or data path the map came from.
    static let mapMutators: Set<String> = ["set", "unset", "merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite"]

    init(trees: [String: Tree], text: String, parseName: String, limits: TemplateLimits = .default) {
        self.limits = limits
        self.trees = trees
        self.text = text
        self.parseName = parseName
        templateName = parseName
    }

    // MARK: - Errors

    private func fail(
        _ reason: String, _ kind: TemplateError.Kind = .execution, limit: TemplateLimits.Limit? = nil
    ) -> Failure {
        if case .none = at {
            return Failure(error: TemplateError(
                phase: .exec, kind: kind, reason: reason, templateName: templateName, line: 1, column: 1,
                message: "template: \(templateName): \(reason)", limit: limit))
        }
        let pos = at.pos
        var line = 1
        var lineStart = 0
        var i = 0
        for b in text.utf8 {
            if i >= pos { break }
            if b == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        let column = pos - lineStart
        let message = "template: \(parseName):\(line):\(column): executing \(GoQuote.quote(templateName)) at <\(at.sourceText)>: \(reason)"
        return Failure(error: TemplateError(
            phase: .exec, kind: kind, reason: reason, templateName: templateName, line: line, column: column + 1,
            message: message, limit: limit))
    }

    private func fail(_ error: TemplateLimitError) -> Failure {
        fail(error.message, .limitExceeded, limit: error.limit)
    }

    // MARK: - Budget

    /// Appends rendered text, refusing to pass ``TemplateLimits/maxOutputBytes``.
    private mutating func emit(_ text: String) throws(Failure) {
        output += text
        if output.utf8.count > limits.maxOutputBytes {
            throw fail(
                "template output exceeds \(Self.size(limits.maxOutputBytes)) (TemplateLimits.maxOutputBytes); "
                    + "render less (a blueprint argument is a command line or a manifest, not a data set) "
                    + "or raise the limit", .limitExceeded, limit: .outputBytes)
        }
    }

    /// `16 MiB` for a whole number of MiB, else bytes: limits are set in MiB.
    private static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    /// Enters one more level of nested execution.
    private mutating func enterNesting() throws(Failure) {
        nesting += 1
        if nesting > TemplateLimits.maxNesting {
            throw fail(
                "execution nested more than \(TemplateLimits.maxNesting) deep (TemplateLimits.maxNesting); "
                    + "check for a template that calls itself", .limitExceeded, limit: .nesting)
        }
    }

    // MARK: - Variables

    private mutating func setVar(_ name: String, _ value: Slot) throws(Failure) {
        var i = vars.count - 1
        while i >= 0 {
            if vars[i].name == name {
                vars[i].value = value
                return
            }
            i -= 1
        }
        throw fail("undefined variable: \(name)")
    }

    private func varValue(_ name: String) throws(Failure) -> Slot {
        var i = vars.count - 1
        while i >= 0 {
            if vars[i].name == name { return vars[i].value }
            i -= 1
        }
        throw fail("undefined variable: \(name)")
    }

    // MARK: - Walking

    /// Runs the template named `name` with `data` as dot and `$`.
    mutating func execute(_ tree: Tree, data: Value) throws(Failure) {
        let dot = Slot(value: data, boxed: false)
        vars = [("$", dot)]
        root = dot
        templateName = tree.name
        output.reserveCapacity(256)
        _ = try walk(dot, tree.root)
    }

    private mutating func walk(_ dot: Slot, _ list: ListNode) throws(Failure) -> Flow {
        for node in list.nodes {
            let flow = try walk(dotIsRoot ? root : dot, node)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    private mutating func walk(_ dot: Slot, _ node: Node) throws(Failure) -> Flow {
        switch node {
        case .text(let t):
            try emit(t.text)
        case .action(let a):
            at = .node(node)
            let value = try evalPipeline(dot, a.pipe)
            if a.pipe.decl.isEmpty {
                at = .node(node)
                try printValue(value)
            }
        case .if(let b):
            at = .node(node)
            try enterNesting()
            defer { nesting -= 1 }
            return try walkIfOrWith(dot, b, isWith: false)
        case .with(let b):
            at = .node(node)
            try enterNesting()
            defer { nesting -= 1 }
            return try walkIfOrWith(dot, b, isWith: true)
        case .range(let b):
            at = .node(node)
            try enterNesting()
            defer { nesting -= 1 }
            return try walkRange(dot, b)
        case .template(let t):
            at = .node(node)
            try walkTemplate(dot, t)
        case .break:
            return .break
        case .continue:
            return .continue
        case .comment:
            break
        }
        return .normal
    }

    private mutating func printValue(_ slot: Slot) throws(Failure) {
        switch slot.value {
        case .string(let s): try emit(s)
        case .int64(let i): try emit(String(i))
        case .int(let i): try emit(String(i))
        case .bool(let b): try emit(b ? "true" : "false")
        case .null: try emit("<no value>")
        default: try emit(slot.value.goDescription)
        }
    }

    private mutating func walkIfOrWith(_ dot: Slot, _ b: BranchNode, isWith: Bool) throws(Failure) -> Flow {
        let mark = vars.count
        defer { vars.removeSubrange(mark...) }
        let value = try evalPipeline(dot, b.pipe)
        if value.value.isTrue {
            if !isWith { return try walk(dot, b.list) }
            let saved = dotIsRoot
            dotIsRoot = false
            defer { dotIsRoot = saved }
            return try walk(value, b.list)
        } else if let elseList = b.elseList {
            return try walk(dot, elseList)
        }
        return .normal
    }

    private mutating func oneIteration(_ r: BranchNode, mark: Int, index: Slot, elem: Slot) throws(Failure) -> Flow {
        iterations += 1
        if iterations > limits.maxIterations {
            at = .node(.range(r))
            throw fail(
                "range loops ran more than \(limits.maxIterations) iterations in this render "
                    + "(TemplateLimits.maxIterations); loop over less, or raise the limit", .limitExceeded,
                limit: .iterations)
        }
        let decl = r.pipe.decl
        if !decl.isEmpty {
            if r.pipe.isAssign {
                try setVar(decl[0].idents[0], decl.count > 1 ? index : elem)
            } else {
                vars[vars.count - 1].value = elem
            }
        }
        if decl.count > 1 {
            if r.pipe.isAssign {
                try setVar(decl[1].idents[0], elem)
            } else {
                vars[vars.count - 2].value = index
            }
        }
        let saved = dotIsRoot
        dotIsRoot = false
        defer {
            vars.removeSubrange(mark...)
            dotIsRoot = saved
        }
        return try walk(elem, r.list)
    }

    private mutating func walkRange(_ dot: Slot, _ r: BranchNode) throws(Failure) -> Flow {
        let outerMark = vars.count
        defer { vars.removeSubrange(outerMark...) }
        let value = try evalPipeline(dot, r.pipe)
        let mark = vars.count
        switch value.value {
        case .int(let n):
            if r.pipe.decl.count > 1 { throw fail("can't use \(n) to iterate over more than one variable") }
            if n > 0 {
                for i in 0..<n {
                    if case .break = try oneIteration(r, mark: mark, index: .invalid, elem: Slot(.int(i))) { break }
                }
                return .normal
            }
        case .int64(let n):
            if r.pipe.decl.count > 1 { throw fail("can't use \(n) to iterate over more than one variable") }
            if n > 0 {
                for i in 0..<n {
                    if case .break = try oneIteration(r, mark: mark, index: .invalid, elem: Slot(.int64(i))) { break }
                }
                return .normal
            }
        case .list(let items, let elementType):
            if !items.isEmpty {
                let boxed = elementType == "interface {}"
                for (i, item) in items.enumerated() {
                    let flow = try oneIteration(r, mark: mark, index: Slot(.int(i)), elem: Slot(value: item, boxed: boxed))
                    if case .break = flow { break }
                }
                return .normal
            }
        case .bytes(let bytes):
            if !bytes.isEmpty {
                for (i, b) in bytes.enumerated() {
                    if case .break = try oneIteration(r, mark: mark, index: Slot(.int(i)), elem: Slot(.int(Int(b)))) { break }
                }
                return .normal
            }
        case .map(let m):
            if !m.isEmpty {
                for key in GoPrinter.sortedKeys(m) {
                    let flow = try oneIteration(
                        r, mark: mark, index: Slot(.string(key)), elem: Slot(value: m[key]!, boxed: true))
                    if case .break = flow { break }
                }
                return .normal
            }
        case .object(let o as GoStringMap):
            if !o.entries.isEmpty {
                for key in o.sortedKeys {
                    let flow = try oneIteration(
                        r, mark: mark, index: Slot(.string(key)), elem: Slot(.string(o.entries[key] ?? "")))
                    if case .break = flow { break }
                }
                return .normal
            }
        case .null:
            break
        default:
            throw fail("range can't iterate over \(value.value.goDescription)")
        }
        if let elseList = r.elseList {
            return try walk(dot, elseList)
        }
        return .normal
    }

    private mutating func walkTemplate(_ dot: Slot, _ t: TemplateNode) throws(Failure) {
        guard let tree = trees[t.name] else {
            throw fail("template \(GoQuote.quote(t.name)) not defined", .templateInvocation)
        }
        if depth == Executor.maxExecDepth {
            throw fail("exceeded maximum template depth (\(Executor.maxExecDepth))", .templateInvocation)
        }
        try enterNesting()
        defer { nesting -= 1 }
        let newDot = try evalPipeline(dot, t.pipe)
        let savedVars = vars
        let savedAt = at
        let savedName = templateName
        let savedDotIsRoot = dotIsRoot
        let savedRoot = root
        vars = [("$", newDot)]
        root = newDot
        templateName = t.name
        depth += 1
        dotIsRoot = true
        defer {
            vars = savedVars
            at = savedAt
            templateName = savedName
            depth -= 1
            dotIsRoot = savedDotIsRoot
            root = savedRoot
        }
        _ = try walk(newDot, tree.root)
    }

    // MARK: - Pipelines and commands

    private mutating func evalPipeline(_ dot: Slot, _ pipe: PipeNode?) throws(Failure) -> Slot {
        guard let pipe else { return .invalid }
        at = .pipe(pipe)
        var value: Slot?
        for cmd in pipe.cmds {
            var v = try evalCommand(dot, cmd, final: value)
            if v.boxed { v = v.unboxed }
            value = v
        }
        let result = value ?? .invalid
        for variable in pipe.decl {
            if pipe.isAssign {
                try setVar(variable.idents[0], result)
            } else {
                vars.append((variable.idents[0], result))
            }
        }
        return result
    }

    private func notAFunction(_ args: ArraySlice<ArgNode>?, _ final: Slot?) throws(Failure) {
        if let args, args.count > 1 || final != nil {
            throw fail("can't give argument to non-function \(args[args.startIndex].sourceText)")
        }
    }

    private mutating func evalCommand(_ dot: Slot, _ cmd: CommandNode, final: Slot?) throws(Failure) -> Slot {
        let first = cmd.args[0]
        let args = cmd.args[...]
        switch first {
        case .field(let n): return try evalFieldNode(dot, n, args: args, final: final)
        case .chain(let n): return try evalChainNode(dot, n, args: args, final: final)
        case .identifier(let n): return try evalFunction(dot, n, cmd: .command(cmd), args: args, final: final)
        case .pipe(let p):
            try notAFunction(args, final)
            return try evalPipeline(dot, p)
        case .variable(let v): return try evalVariableNode(dot, v, args: args, final: final)
        default: break
        }
        at = .arg(first)
        try notAFunction(args, final)
        switch first {
        case .bool(_, let b): return Slot(.bool(b))
        case .dot: return dot
        case .nil: throw fail("nil is not a command")
        case .number(let n): return try idealConstant(n)
        case .string(let s): return Slot(.string(s.text))
        default: throw fail("can't evaluate command \(GoQuote.quote(first.sourceText))")
        }
    }

    private mutating func idealConstant(_ n: NumberNode) throws(Failure) -> Slot {
        at = .arg(.number(n))
        if n.isComplex {
            return Slot(.object(ComplexNumber(real: n.real, imag: n.imag)))
        }
        let t = n.text.utf8
        let isHexInt = t.count > 2 && t.first == 0x30 && (Array(t)[1] | 0x20) == 0x78
            && !t.contains(where: { $0 == 0x70 || $0 == 0x50 })
        let isRuneInt = t.first == 0x27
        if n.isFloat && !isHexInt && !isRuneInt
            && t.contains(where: { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 || $0 == 0x70 || $0 == 0x50 }) {
            return Slot(.float64(n.float64))
        }
        if n.isInt { return Slot(.int(Int(n.int64))) }
        if n.isUint { throw fail("\(n.text) overflows int") }
        return .invalid
    }

    private mutating func evalFieldNode(_ dot: Slot, _ field: FieldNode, args: ArraySlice<ArgNode>?, final: Slot?) throws(Failure) -> Slot {
        at = .arg(.field(field))
        return try evalFieldChain(dot, receiver: dot, node: at, field.idents[...], args: args, final: final)
    }

    private mutating func evalChainNode(_ dot: Slot, _ chain: ChainNode, args: ArraySlice<ArgNode>?, final: Slot?) throws(Failure) -> Slot {
        at = .arg(.chain(chain))
        let node = at
        if case .nil = chain.node {
            throw fail("indirection through explicit nil in \(chain.sourceText)")
        }
        let receiver = try evalArg(dot, .reflectValue, chain.node)
        return try evalFieldChain(dot, receiver: receiver, node: node, chain.fields[...], args: args, final: final)
    }

    private mutating func evalVariableNode(_ dot: Slot, _ variable: VariableNode, args: ArraySlice<ArgNode>?, final: Slot?) throws(Failure) -> Slot {
        at = .arg(.variable(variable))
        let node = at
        let value = try varValue(variable.idents[0])
        if variable.idents.count == 1 {
            try notAFunction(args, final)
            return value
        }
        return try evalFieldChain(dot, receiver: value, node: node, variable.idents.dropFirst(), args: args, final: final)
    }

    private mutating func evalFieldChain(
        _ dot: Slot, receiver: Slot, node: At, _ idents: ArraySlice<String>, args: ArraySlice<ArgNode>?, final: Slot?
    ) throws(Failure) -> Slot {
        var receiver = receiver
        let last = idents.endIndex - 1
        var i = idents.startIndex
        while i < last {
            receiver = try evalField(dot, idents[i], node: node, args: nil, final: nil, receiver: receiver)
            i += 1
        }
        return try evalField(dot, idents[last], node: node, args: args, final: final, receiver: receiver)
    }

    private mutating func evalFunction(
        _ dot: Slot, _ node: IdentifierNode, cmd: At, args: ArraySlice<ArgNode>?, final: Slot?
    ) throws(Failure) -> Slot {
        at = .arg(.identifier(node))
        return try evalCall(dot, node.function, node: cmd, name: node.name, args: args, final: final)
    }

    private mutating func evalField(
        _ dot: Slot, _ fieldName: String, node: At, args: ArraySlice<ArgNode>?, final: Slot?, receiver: Slot
    ) throws(Failure) -> Slot {
        if receiver.isInvalid {
            throw fail("nil data; no entry for key \(GoQuote.quote(fieldName))", .missingKey)
        }
        let typ = receiver.typeName
        if receiver.boxed && receiver.isNil {
            throw fail("nil pointer evaluating \(typ).\(fieldName)", .nilPointer)
        }
        let hasArgs = (args?.count ?? 0) > 1 || final != nil
        switch receiver.value {
        case .map(let m):
            if hasArgs { throw fail("\(fieldName) is not a method but has arguments", .badField) }
            if let v = m[fieldName] { return Slot(value: v, boxed: true) }
            throw fail("map has no entry for key \(GoQuote.quote(fieldName))", .missingKey)
        case .object(let o as GoNilPointer):
            throw fail("nil pointer evaluating \(o.goTypeName).\(fieldName)", .nilPointer)
        case .object(let o as GoStringMap):
            if hasArgs { throw fail("\(fieldName) is not a method but has arguments", .badField) }
            if let v = o.entries[fieldName] { return Slot(.string(v)) }
            throw fail("map has no entry for key \(GoQuote.quote(fieldName))", .missingKey)
        case .object(let o):
            if let member = o.member(fieldName) {
                switch member {
                case .method(let function):
                    return try evalCall(dot, .user(function), node: node, name: fieldName, args: args, final: final)
                case .field(let v):
                    if hasArgs {
                        throw fail("\(fieldName) has arguments but cannot be invoked as function", .badField)
                    }
                    return Slot(v)
                }
            }
        default:
            break
        }
        throw fail("can't evaluate field \(fieldName) in type \(typ)", .badField)
    }

    // MARK: - Calls

    private mutating func evalCall(
        _ dot: Slot, _ function: ResolvedFunction, node: At, name: String, args: ArraySlice<ArgNode>?, final: Slot?
    ) throws(Failure) -> Slot {
        let argNodes = args?.dropFirst() ?? []
        switch function {
        case .user(let f):
            return try callUser(dot, f, node: node, name: name, argNodes: argNodes, final: final)
        case .builtin(let b):
            return try callBuiltin(dot, b, node: node, name: name, argNodes: argNodes, final: final)
        }
    }

    private mutating func callUser(
        _ dot: Slot, _ f: TemplateFunction, node: At, name: String, argNodes: ArraySlice<ArgNode>, final: Slot?
    ) throws(Failure) -> Slot {
        let params = f.parameters
        let numIn = argNodes.count + (final != nil ? 1 : 0)
        var numFixed = argNodes.count
        if f.variadic != nil {
            numFixed = params.count
            if numIn < numFixed {
                throw fail("wrong number of args for \(name): want at least \(params.count) got \(argNodes.count)",
                           .wrongArgumentCount)
            }
        } else if numIn != params.count {
            throw fail("wrong number of args for \(name): want \(params.count) got \(numIn)", .wrongArgumentCount)
        }
        var argv: [Value] = []
        argv.reserveCapacity(numIn)
        var i = 0
        for argNode in argNodes {
            let type = i < numFixed ? params[i] : (f.variadic ?? .any)
            argv.append(try evalArg(dot, .typed(type), argNode).value)
            i += 1
        }
        if let final {
            let type: ParameterType
            if let variadic = f.variadic {
                type = numIn - 1 < numFixed ? params[numIn - 1] : variadic
            } else {
                type = params[params.count - 1]
            }
            argv.append(try validateType(final, type).value)
        }
        let result: Value
        do {
            result = try f.body(argv)
            try result.checkLimits("the result of \(name)", byteLimit: limits.maxValueBytes)
        } catch let error as TemplateLimitError {
            at = node
            throw fail(TemplateLimitError(limit: error.limit, message: "error calling \(name): \(error.message)"))
        } catch {
            at = node
            throw fail("error calling \(name): \(error)", .functionFailed)
        }
        if case .map = result, let first = argNodes.first, Executor.mapMutators.contains(name) {
            writeBack(first, result)
        }
        return Slot(result)
    }

    /// Stores a map changed by a mutating function back where it was read from.
    private mutating func writeBack(_ node: ArgNode, _ value: Value) {
        switch node {
        case .variable(let v):
            guard let i = vars.lastIndex(where: { $0.name == v.idents[0] }),
                  let updated = Executor.replacing(vars[i].value.value, at: v.idents.dropFirst(), with: value)
            else { return }
            vars[i].value.value = updated
            if i == 0, dotIsRoot, let dot = Executor.replacing(root.value, at: v.idents.dropFirst(), with: value) {
                root.value = dot
            }
        case .field(let f):
            guard dotIsRoot, let updated = Executor.replacing(root.value, at: f.idents[...], with: value)
            else { return }
            root.value = updated
            if let dollar = Executor.replacing(vars[0].value.value, at: f.idents[...], with: value) {
                vars[0].value.value = dollar
            }
        case .dot:
            guard dotIsRoot, case .map = root.value else { return }
            root.value = value
            if case .map = vars[0].value.value { vars[0].value.value = value }
        default:
            return
        }
    }

    private static func replacing(_ base: Value, at path: ArraySlice<String>, with new: Value) -> Value? {
        guard let first = path.first else {
            if case .map = base { return new }
            return nil
        }
        guard case .map(var m) = base, let child = m[first],
              let updated = replacing(child, at: path.dropFirst(), with: new)
        else { return nil }
        m[first] = updated
        return .map(m)
    }

    private mutating func callBuiltin(
        _ dot: Slot, _ b: Builtin, node: At, name: String, argNodes: ArraySlice<ArgNode>, final: Slot?
    ) throws(Failure) -> Slot {
        let (fixed, variadic) = b.signature
        let numIn = argNodes.count + (final != nil ? 1 : 0)
        var numFixed = argNodes.count
        if variadic != nil {
            numFixed = fixed.count
            if numIn < numFixed {
                throw fail("wrong number of args for \(name): want at least \(fixed.count) got \(argNodes.count)",
                           .wrongArgumentCount)
            }
        } else if numIn != fixed.count {
            throw fail("wrong number of args for \(name): want \(fixed.count) got \(numIn)", .wrongArgumentCount)
        }
        if b == .and || b == .or {
            var v = Slot.invalid
            for argNode in argNodes {
                v = try evalArg(dot, .reflectValue, argNode)
                if v.value.isTrue == (b == .or) { return v }
            }
            if let final { v = final }
            return v
        }
        var argv: [Slot] = []
        argv.reserveCapacity(numIn)
        var i = 0
        for argNode in argNodes {
            let param = i < numFixed ? fixed[i] : (variadic ?? .reflectValue)
            argv.append(try evalArg(dot, param, argNode))
            i += 1
        }
        if let final {
            let param: Builtin.Parameter
            if let variadic {
                param = numIn - 1 < numFixed ? fixed[numIn - 1] : variadic
            } else {
                param = fixed[fixed.count - 1]
            }
            argv.append(try validate(final, param))
        }
        var calleeName = ""
        if b == .call {
            calleeName = argNodes.first?.sourceText ?? (final?.value.goDescription ?? "")
        }
        do {
            return try b.run(argv, calleeName: calleeName)
        } catch {
            at = node
            throw fail("error calling \(name): \(error.message)", .functionFailed)
        }
    }

    // MARK: - Arguments

    private func validate(_ value: Slot, _ param: Builtin.Parameter) throws(Failure) -> Slot {
        switch param {
        case .reflectValue: return value
        case .typed(let t): return try validateType(value, t)
        }
    }

    /// Go's `validateType`: a value must have the parameter's type (interface values
    /// are looked through), nil converts only to nilable types.
    private func validateType(_ value: Slot, _ type: ParameterType) throws(Failure) -> Slot {
        if value.isInvalid {
            if let zero = type.nilValue { return Slot(zero) }
            throw fail("invalid value; expected \(type.goName)", .wrongArgumentType)
        }
        if type == .any { return value.unboxed }
        if value.boxed && value.isNil {
            throw fail("wrong type for value; expected \(type.goName); got interface {}", .wrongArgumentType)
        }
        if type.accepts(value.value) { return value.unboxed }
        throw fail("wrong type for value; expected \(type.goName); got \(value.value.goTypeName)", .wrongArgumentType)
    }

    private mutating func evalArg(_ dot: Slot, _ param: Builtin.Parameter, _ node: ArgNode) throws(Failure) -> Slot {
        at = .arg(node)
        switch node {
        case .dot:
            return try validate(dot, param)
        case .nil:
            switch param {
            case .reflectValue: return .invalid
            case .typed(let t):
                if let zero = t.nilValue { return Slot(zero) }
                throw fail("cannot assign nil to \(t.goName)", .wrongArgumentType)
            }
        case .field(let f):
            return try validate(try evalFieldNode(dot, f, args: [node][...], final: nil), param)
        case .variable(let v):
            return try validate(try evalVariableNode(dot, v, args: nil, final: nil), param)
        case .pipe(let p):
            return try validate(try evalPipeline(dot, p), param)
        case .identifier(let i):
            return try validate(try evalFunction(dot, i, cmd: .arg(node), args: nil, final: nil), param)
        case .chain(let c):
            return try validate(try evalChainNode(dot, c, args: nil, final: nil), param)
        default:
            break
        }
        guard case .typed(let type) = param else { return try evalEmptyInterface(dot, node) }
        switch type {
        case .bool:
            if case .bool(_, let b) = node { return Slot(.bool(b)) }
            throw fail("expected bool; found \(node.sourceText)", .wrongArgumentType)
        case .float64:
            if case .number(let n) = node, n.isFloat { return Slot(.float64(n.float64)) }
            throw fail("expected float; found \(node.sourceText)", .wrongArgumentType)
        case .int:
            if case .number(let n) = node, n.isInt { return Slot(.int(Int(n.int64))) }
            throw fail("expected integer; found \(node.sourceText)", .wrongArgumentType)
        case .int64:
            if case .number(let n) = node, n.isInt { return Slot(.int64(n.int64)) }
            throw fail("expected integer; found \(node.sourceText)", .wrongArgumentType)
        case .any:
            return try evalEmptyInterface(dot, node)
        case .string:
            if case .string(let s) = node { return Slot(.string(s.text)) }
            throw fail("expected string; found \(node.sourceText)", .wrongArgumentType)
        default:
            throw fail("can't handle \(node.sourceText) for arg of type \(type.goName)", .wrongArgumentType)
        }
    }

    private mutating func evalEmptyInterface(_ dot: Slot, _ node: ArgNode) throws(Failure) -> Slot {
        at = .arg(node)
        switch node {
        case .bool(_, let b): return Slot(.bool(b))
        case .number(let n): return try idealConstant(n)
        case .string(let s): return Slot(.string(s.text))
        case .dot: return dot
        default: throw fail("can't handle assignment of \(node.sourceText) to empty interface argument")
        }
    }
}

extension ParameterType {
    /// The zero value Go passes for nil when the type can be nil (interfaces, slices,
    /// maps, pointers); nil when it cannot.
    var nilValue: Value? {
        switch self {
        case .any: return .null
        case .list: return .list([])
        case .map: return .map([:])
        case .bytes: return .bytes([])
        case .object(let name): return name.hasPrefix("*") ? .null : nil
        default: return nil
        }
    }

    /// Whether a value of `value`'s Go type is assignable to this parameter type.
    func accepts(_ value: Value) -> Bool {
        switch (self, value) {
        case (.any, _): return true
        case (.string, .string), (.int, .int), (.int64, .int64), (.float64, .float64), (.bool, .bool),
             (.map, .map), (.bytes, .bytes):
            return true
        case (.list, .list(_, let elementType)): return elementType == "interface {}"
        case (.object(let name), .object(let o)): return o.goTypeName == name
        default: return false
        }
    }
}

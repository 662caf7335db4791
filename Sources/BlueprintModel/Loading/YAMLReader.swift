import Foundation
import Yams

/// Reads YAML text into ``SourceValue`` documents, turning libyaml's errors into
/// diagnostics with positions and hints, within ``YAMLLimits``.
///
/// Every YAML input of the engine should come through here (blueprints, and
/// `--app-file` and profiles through ``SourceFile`` and this): it is where size,
/// encoding, nesting and alias expansion are bounded before anything copies the tree.
public enum YAMLReader {
    public static func documents(in text: String, file: String, limits: YAMLLimits = .default)
        -> (documents: [SourceValue], diagnostics: [Diagnostic]) {
        do throws(YAMLInputError) {
            try InputTextCheck.check(text, limits: limits)
            try AliasKeyScan.check(text)
        } catch {
            return ([], [error.diagnostic(file: file)])
        }
        var diagnostics: [Diagnostic] = []
        var documents: [SourceValue] = []
        var expansion = AliasExpansionCheck(limits: limits)
        var parseFailed = false
        do {
            var sequence = try Yams.compose_all(yaml: text)
            while let node = sequence.next() {
                do throws(YAMLInputError) {
                    try expansion.check(node)
                } catch {
                    diagnostics.append(error.diagnostic(file: file))
                    continue
                }
                documents.append(convert(node, file: file))
            }
            if let error = sequence.error {
                parseFailed = true
                diagnostics.append(diagnostic(for: error, file: file, limits: limits))
            }
        } catch {
            parseFailed = true
            diagnostics.append(diagnostic(for: error, file: file, limits: limits))
        }
        if parseFailed {
            // libyaml's message for a tab in indentation does not mention the tab;
            // when the text fails to parse and has one, say so plainly instead.
            let tabs = tabDiagnostics(in: text, file: file)
            if !tabs.isEmpty { return ([], tabs) }
        }
        return (documents, diagnostics)
    }

    /// The documents of a file, read through ``SourceFile`` (regular files only,
    /// within the size limit) and then ``documents(in:file:limits:)``.
    public static func documents(inFile path: String, limits: YAMLLimits = .default)
        -> (documents: [SourceValue], diagnostics: [Diagnostic]) {
        do {
            return documents(in: try SourceFile.read(path, limits: limits), file: path, limits: limits)
        } catch {
            return ([], [error.diagnostic])
        }
    }

    /// Lines whose indentation contains a tab (YAML forbids it outside block scalars).
    private static func tabDiagnostics(in text: String, file: String) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let indentation = line.prefix { $0 == " " || $0 == "\t" }
            if let tabOffset = indentation.firstIndex(of: "\t") {
                let column = line.distance(from: line.startIndex, to: tabOffset) + 1
                result.append(.error(
                    at: SourceLocation(file: file, line: lineNumber, column: column),
                    "tab character in indentation",
                    hint: "YAML indentation must use spaces; replace the tab with spaces"))
            }
        }
        return result
    }

    private static func diagnostic(for error: any Error, file: String, limits: YAMLLimits) -> Diagnostic {
        guard let yamlError = error as? YamlError else {
            return .error(at: SourceLocation(file: file, line: 1, column: 1), "cannot read YAML: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml's own nesting cap (1000) is far above ours; say it in our terms.
            if problem.contains("Maximum nesting level") {
                return YAMLInputError.tooDeep(limit: limits.maxDepth, at: TextPosition(line: mark.line, column: mark.column))
                    .diagnostic(file: file)
            }
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            return .error(at: SourceLocation(file: file, line: mark.line, column: mark.column), message,
                          hint: hint(forProblem: problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                "duplicate key \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) in mapping",
                hint: "each key may appear once in a mapping; merge or rename the duplicates")
        case .reader(let problem, _, _, _):
            return .error(at: SourceLocation(file: file, line: 1, column: 1), "cannot read YAML: \(problem)")
        default:
            return .error(at: SourceLocation(file: file, line: 1, column: 1), "invalid YAML: \(yamlError)")
        }
    }

    private static func hint(forProblem problem: String) -> String? {
        if problem.contains("mapping values are not allowed") {
            return "a value containing `: ` must be quoted, or the indentation is off"
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-'") {
            return "check the indentation of this line against the lines above"
        }
        if problem.contains("found character that cannot start any token") {
            return "quote values that start with `@`, `` ` `` or `%`"
        }
        if problem.contains("could not find expected ':'") {
            return "a key needs a `:` after it; a multi-line value must be indented or quoted"
        }
        return nil
    }

    /// Called only on documents ``AliasExpansionCheck`` accepted, so the copy it
    /// makes of every alias use is bounded.
    static func convert(_ node: Node, file: String) -> SourceValue {
        let location = SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        switch node {
        case .scalar(let scalar):
            let style: SourceValue.Scalar.Style
            switch scalar.style {
            case .singleQuoted: style = .singleQuoted
            case .doubleQuoted: style = .doubleQuoted
            case .literal: style = .literal
            case .folded: style = .folded
            default: style = .plain
            }
            let kind: SourceValue.Scalar.Kind
            if style != .plain {
                kind = .string
            } else {
                if node.null != nil { return .null(location) }
                if node.bool != nil { kind = .bool }
                else if node.int != nil { kind = .int }
                else if node.float != nil { kind = .float }
                else { kind = .string }
            }
            return .scalar(.init(text: scalar.string, kind: kind, style: style, location: location))
        case .sequence(let sequence):
            return .list(sequence.map { convert($0, file: file) }, location)
        case .mapping(let mapping):
            let entries = mapping.map { pair -> SourceValue.Entry in
                let keyLocation = SourceLocation(
                    file: file, line: pair.key.mark?.line ?? location.line, column: pair.key.mark?.column ?? location.column)
                return SourceValue.Entry(key: pair.key.string ?? "\(pair.key.any)", keyLocation: keyLocation,
                                         value: convert(pair.value, file: file))
            }
            return .map(entries, location)
        case .alias(let alias):
            return .scalar(.init(text: "*\(alias.anchor)", kind: .string, location: location))
        }
    }
}

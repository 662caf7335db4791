import CRE2Shim
import Foundation

/// Owns one compiled RE2 program (freed with the last reference).
///
/// `@unchecked Sendable`: RE2 objects are immutable after compilation and RE2
/// documents concurrent matching on one object as safe; the handle is never mutated.
final class RE2Program: @unchecked Sendable {
    private let handle: OpaquePointer

    init(pattern: String) throws(GoRegexp.CompileError) {
        var error: UnsafeMutablePointer<CChar>?
        let bytes = Array(pattern.utf8)
        let compiled: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cre2shim_compile($0.baseAddress, $0.count, &error) }
        }
        guard let compiled else {
            var message = "invalid or unsupported Perl syntax"
            if let error {
                message = String(decoding: UnsafeRawBufferPointer(start: error, count: strlen(error)), as: UTF8.self)
                cre2shim_free_string(error)
            }
            throw GoRegexp.CompileError(message: "error parsing regexp: \(message): `\(pattern)`")
        }
        handle = compiled
    }

    deinit { cre2shim_release(handle) }

    var groupCount: Int { Int(cre2shim_group_count(handle)) }

    func groupName(_ index: Int) -> String {
        guard let name = cre2shim_group_name(handle, Int32(index)) else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: name, count: strlen(name)), as: UTF8.self)
    }

    /// Offsets of the first match at or after `start` for `groups` groups (the whole
    /// match included), nil when none.
    func match(_ text: [UInt8], from start: Int, groups: Int) -> [Int]? {
        var offsets = [Int64](repeating: -1, count: 2 * groups)
        let found = text.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                offsets.withUnsafeMutableBufferPointer { out in
                    cre2shim_match(handle, chars.baseAddress, chars.count, start, out.baseAddress, Int32(out.count))
                }
            }
        }
        return found == 1 ? offsets.map { Int($0) } : nil
    }
}

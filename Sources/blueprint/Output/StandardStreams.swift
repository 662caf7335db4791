import ChildProcesses
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to stdout and stderr that never end the program.
///
/// `blueprint run … 2>&1 | head -2` closes the reading end early. Foundation's
/// `FileHandle.write` traps on the resulting EPIPE, and the default SIGPIPE
/// disposition kills the process — either one would skip the undos of a frozen
/// database. SIGPIPE is ignored from the start (``ignoreBrokenPipes()``), and a
/// write that fails is dropped: the run goes on, and its journal still says
/// what happened.
enum StandardStreams {
    static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    static func out(_ text: String) { write(text, to: STDOUT_FILENO) }
    static func err(_ text: String) { write(text, to: STDERR_FILENO) }
    static func out(_ data: Data) { write(data, to: STDOUT_FILENO) }

    static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0), to: fd) }
    }

    static func write(_ data: Data, to fd: Int32) {
        data.withUnsafeBytes { write($0, to: fd) }
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32) {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = Glibc.write(fd, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return  // EPIPE, EBADF, ENOSPC: the reader is gone or the disk is full; the run goes on.
            }
            next += written
            left -= written
        }
    }

    /// Text from a blueprint or a command, made safe for a terminal: control
    /// characters (escape sequences that could rewrite the screen or set the
    /// window title) are shown as `\u{…}`; tabs stay.
    static func printable(_ text: String) -> String {
        guard text.hasControlCharacters else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }
}

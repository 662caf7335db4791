/// The first pass over YAML input, before libyaml sees it: size, UTF-8, and the
/// characters YAML forbids — each refused at its own line, column and byte offset.
///
/// libyaml reports these at the start of the buffer (1:1) or not at all once
/// Foundation has replaced invalid bytes, and it echoes nothing useful about the
/// byte; a NUL on line 9 must be reported on line 9.
enum InputTextCheck {
    /// Checks `bytes` against `limits.maxBytes`, UTF-8 and YAML's printable set.
    /// Lines and columns are counted as libyaml counts them: CR LF, CR, LF, NEL,
    /// LS and PS end a line, and columns are Unicode scalars.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits) throws(YAMLInputError) {
        var line = 1
        var column = 1
        var offset = 0
        let count = bytes.count
        // A leading byte-order mark is skipped by libyaml and not counted in columns.
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
        while offset < count {
            let position = TextPosition(line: line, column: column, byteOffset: offset)
            if offset >= limits.maxBytes { throw .tooLarge(limit: limits.maxBytes, at: position) }
            let (scalar, length) = try decode(bytes, at: offset, position: position)
            if !isAllowed(scalar) { throw .forbiddenCharacter(scalar, at: position) }
            offset += length
            switch scalar.value {
            case 0x0A, 0x85, 0x2028, 0x2029:
                line += 1
                column = 1
            case 0x0D:
                // CR LF is one break, counted at the LF.
                if offset < count, bytes[offset] == 0x0A { column += 1 } else { line += 1; column = 1 }
            default:
                column += 1
            }
        }
    }

    /// Checks a Swift string (already valid UTF-8) for size and forbidden characters.
    static func check(_ text: String, limits: YAMLLimits) throws(YAMLInputError) {
        var copy = text
        let result: Result<Void, YAMLInputError> = copy.withUTF8 { buffer in
            do throws(YAMLInputError) {
                try check(buffer, limits: limits)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// YAML 1.1's printable set, as libyaml's reader enforces it.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// One scalar of strict UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int,
                               position: TextPosition) throws(YAMLInputError) -> (Unicode.Scalar, Int) {
        let first = bytes[offset]
        if first < 0x80 { return (Unicode.Scalar(first), 1) }
        let length: Int
        var value: UInt32
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch first {
        case 0xC2...0xDF: length = 2; value = UInt32(first & 0x1F)
        case 0xE0: length = 3; value = 0; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3; value = UInt32(first & 0x0F)
        case 0xED: length = 3; value = 0x0D; secondRange = 0x80...0x9F
        case 0xF0: length = 4; value = 0; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4; value = UInt32(first & 0x07)
        case 0xF4: length = 4; value = 4; secondRange = 0x80...0x8F
        default: throw .invalidUTF8(bytes: [first], at: position)
        }
        for index in 1..<length {
            let next = offset + index
            let range: ClosedRange<UInt8> = index == 1 ? secondRange : 0x80...0xBF
            guard next < bytes.count, range.contains(bytes[next]) else {
                throw .invalidUTF8(bytes: Array(bytes[offset..<min(next, bytes.count)]), at: position)
            }
            value = value << 6 | UInt32(bytes[next] & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { throw .invalidUTF8(bytes: Array(bytes[offset..<offset + length]), at: position) }
        return (scalar, length)
    }
}

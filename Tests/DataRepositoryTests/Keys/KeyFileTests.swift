import Crypto
import Foundation
import Testing
@testable import DataRepository

@Suite struct KeyFileTests {
    /// Cheap scrypt for tests (2^10); the repository default is 2^15.
    static let testLogN = 10

    @Test func theRightKeyOpensTheFileAndTheWrongOneIsNamedAsSuch() throws {
        let keys = RepositoryKeys.random()
        let file = try KeyFile.seal(keys, encryptionKey: "correct horse battery staple", logN: Self.testLogN)
        let opened = try file.open(encryptionKey: "correct horse battery staple")
        #expect(opened.bytes == keys.bytes)
        #expect(throws: KeyFile.KeyFileError.wrongKey) { try file.open(encryptionKey: "correct horse battery stapler") }
        #expect(KeyFile.KeyFileError.wrongKey.description.hasPrefix("the encryption key does not open this repository (nothing was changed)"))
    }

    @Test func theStoredFileHoldsNeitherTheKeysNorThePassphrase() throws {
        let keys = RepositoryKeys.random()
        let passphrase = "a-passphrase-to-look-for"
        let json = try JSONEncoder().encode(try KeyFile.seal(keys, encryptionKey: passphrase, logN: Self.testLogN))
        let text = String(decoding: json, as: UTF8.self)
        #expect(!text.contains(passphrase))
        #expect(!text.contains(Data(keys.bytes).base64EncodedString()))
        #expect(json.range(of: Data(keys.bytes[0..<16])) == nil)
        // It reads back, and the same passphrase still opens it.
        let decoded = try JSONDecoder().decode(KeyFile.self, from: json)
        #expect(try decoded.open(encryptionKey: passphrase).bytes == keys.bytes)
    }

    @Test func aFileFromANewerEngineOrWithHostileParametersIsRefused() throws {
        var file = try KeyFile.seal(.random(), encryptionKey: "k", logN: Self.testLogN)
        file.version = 2
        #expect(throws: KeyFile.KeyFileError.unsupported(version: 2, kdf: "scrypt")) { try file.open(encryptionKey: "k") }
        file.version = 1
        file.logN = 40  // 2^40 rounds: would never finish
        #expect(throws: KeyFile.KeyFileError.self) { try file.open(encryptionKey: "k") }
        #expect(throws: KeyFile.KeyFileError.emptyKey) { try KeyFile.seal(.random(), encryptionKey: "") }
    }

    @Test func blobsAreSealedPerPackAndAnyChangeIsCaught() throws {
        let keys = RepositoryKeys.random()
        let plaintext = Array("a chunk of a file".utf8)
        let sealed = try BlobCipher(keys: keys, pack: "pack-a").seal(plaintext)
        #expect(try BlobCipher(keys: keys, pack: "pack-a").open(sealed) == plaintext)
        #expect(!sealed.containsSubsequence(plaintext))
        // Moved to another pack, or under another repository's keys: refused.
        #expect(throws: BlobCipher.BlobError.authenticationFailed(pack: "pack-b")) { try BlobCipher(keys: keys, pack: "pack-b").open(sealed) }
        #expect(throws: BlobCipher.BlobError.self) { try BlobCipher(keys: .random(), pack: "pack-a").open(sealed) }
        var flipped = sealed
        flipped[flipped.count / 2] ^= 1
        #expect(throws: BlobCipher.BlobError.self) { try BlobCipher(keys: keys, pack: "pack-a").open(flipped) }
    }

    @Test func blobIDsAreKeyedSoAKnownFileCannotBeLookedUp() {
        let data = Array("a well-known file".utf8)
        let a = RepositoryKeys.random()
        let b = RepositoryKeys.random()
        #expect(a.blobID(data) == a.blobID(data))
        #expect(a.blobID(data) != b.blobID(data))
        let plainHash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        #expect(a.blobID(data) != plainHash)
        #expect(a.blobID(data).count == 64)
    }
}

extension Array where Element == UInt8 {
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}

import Foundation
import Testing

/// `shared/corpus/...` beside the repository, found from this file's real location so that the
/// tests work from any clone (and from a scratch package that symlinks this file).
func corpusFile(_ relativePath: String) throws -> URL {
    let here = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let url = root.appendingPathComponent("shared/corpus").appendingPathComponent(relativePath)
    try #require(
        FileManager.default.fileExists(atPath: url.path),
        "corpus file missing: \(url.path) — these tests need the shared folder (../shared) beside the repository")
    return url
}

/// Deterministic random numbers, so a failure reproduces.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

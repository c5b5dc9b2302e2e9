import Foundation
import Testing
@testable import MailInput

/// Shared helpers: where the peer corpus is, scratch folders, and event collection.
enum Corpus {
    /// `../shared/corpus/peers` next to the repository, found from this file's real location so
    /// that a symlinked scratch package finds it too.
    static let peers: URL = {
        let file = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        let repo = file.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/corpus/peers")
    }()

    /// The path of a corpus file; records an issue naming the missing path if it is not there.
    static func path(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let url = peers.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("corpus file missing: \(url.path) (expected ../shared/corpus/peers next to the repo)", sourceLocation: sourceLocation)
            throw CorpusMissing(path: url.path)
        }
        return url.path
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: try path(relative))))
    }

    struct CorpusMissing: Error { var path: String }
}

/// A fresh folder under the system temp directory, removed when the test is done with it.
final class ScratchFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mailinput-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file.path
    }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Array(text.utf8))
    }

    func makeFolder(_ relative: String) throws {
        try FileManager.default.createDirectory(at: url.appendingPathComponent(relative), withIntermediateDirectories: true)
    }

    func link(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent(relative).path, withDestinationPath: destination)
    }
}

/// Everything an `InputReader` yields, split into messages and failures for easy assertions.
struct Collected {
    var events: [InputEvent] = []
    var messages: [RawMessage] {
        events.compactMap { if case .message(let m) = $0 { m } else { nil } }
    }
    var failures: [InputError] {
        events.compactMap { if case .failure(let f) = $0 { f } else { nil } }
    }
}

func collect(_ paths: [String], options: InputReader.Options = .init()) -> Collected {
    var collected = Collected()
    InputReader(paths: paths, options: options).forEach { collected.events.append($0) }
    return collected
}

/// Reads `bytes` through a real pipe, as standard input would be read.
func collectFromPipe(_ bytes: [UInt8], as path: String = "-", options: InputReader.Options = .init()) throws -> Collected {
    let scratch = try ScratchFolder()
    let file = try scratch.write("input", bytes)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/cat")
    process.arguments = [file]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    var collected = Collected()
    InputReader(paths: [], options: options)
        .forEach(readingDescriptor: pipe.fileHandleForReading.fileDescriptor, as: path) { collected.events.append($0) }
    process.waitUntilExit()
    return collected
}

extension Array where Element == UInt8 {
    var text: String { String(decoding: self, as: UTF8.self) }
}

/// Writes `text` to a scratch file and reads it back through `InputReader`, the way a file named
/// on the command line is read (mapped).
func readFile(_ bytes: [UInt8], name: String = "input.mbox", options: InputReader.Options = .init()) throws -> Collected {
    let scratch = try ScratchFolder()
    let path = try scratch.write(name, bytes)
    return collect([path], options: options)
}

func readFile(_ text: String, name: String = "input.mbox", options: InputReader.Options = .init()) throws -> Collected {
    try readFile(Array(text.utf8), name: name, options: options)
}

/// mboxrd unquoting as the expected-split files need it: `>From ` (any depth) loses one `>`.
func unquoteMboxrd(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var atLineStart = true
    var i = bytes.startIndex
    while i < bytes.endIndex {
        if atLineStart && bytes[i] == UInt8(ascii: ">") {
            var j = i
            while j < bytes.endIndex && bytes[j] == UInt8(ascii: ">") { j += 1 }
            if bytes[j...].starts(with: Array("From ".utf8)) { i += 1 }
        }
        let b = bytes[i]
        out.append(b)
        atLineStart = b == 0x0A
        i += 1
    }
    return out
}

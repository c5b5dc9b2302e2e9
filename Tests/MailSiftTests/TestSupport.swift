import Foundation
import Testing

/// Paths and a runner for end-to-end tests of the built `mailsift` executable.
enum TestSupport {
    /// The reference time every golden is recorded at.
    static let now = "2025-11-26T12:00:00Z"

    static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    /// `../shared` beside the checkout: the contract, the corpus and the validator.
    static var shared: URL { repoRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    static func requireShared() throws -> URL {
        let s = shared
        guard FileManager.default.fileExists(atPath: s.appendingPathComponent("contract/report.schema.json").path) else {
            throw TestFailure("../shared is missing beside the checkout (\(s.path)); these tests need it")
        }
        return s
    }

    static var binary: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mailsift"),
            Bundle.main.bundleURL.appendingPathComponent("mailsift"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("mailsift"),
            repoRoot.appendingPathComponent(".build/debug/mailsift"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
        var out: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs mailsift in the repository root with `stdin` (nothing when nil). A run that outlives
    /// `timeout` seconds is killed (and shows as a signal status), so a hang fails the test
    /// instead of stalling CI.
    static func run(_ args: [String], stdin: Data? = nil, cwd: URL? = nil, timeout: Double = 120) throws -> Run {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = cwd ?? repoRoot
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let inPipe = Pipe()
        p.standardInput = inPipe
        try p.run()
        // Read both pipes while the process runs, or a large output would fill a pipe and block it.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let pid = p.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            if p.isRunning { kill(pid, SIGKILL) }
        }
        if let stdin { inPipe.fileHandleForWriting.write(stdin) }
        try inPipe.fileHandleForWriting.close()
        p.waitUntilExit()
        group.wait()
        return Run(status: p.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `python3 ARGS…`, stdout and stderr together.
    static func python(_ args: [String]) throws -> (status: Int32, output: String) {
        try tool("python3", args)
    }

    /// Runs `TOOL ARGS…` found on PATH (in `directory` when given), stdout and stderr together.
    static func tool(_ name: String, _ args: [String], in directory: URL? = nil) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [name] + args
        if let directory { p.currentDirectoryURL = directory }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static var sampleNames: [String] {
        let dir = repoRoot.appendingPathComponent("Samples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        // Message files, mboxes, and Maildir folders (NN-name/ with cur/ or new/).
        return names.filter { name in
            name.hasSuffix(".eml") || name.hasSuffix(".mbox")
                || FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).appendingPathComponent("cur").path)
        }.sorted()
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

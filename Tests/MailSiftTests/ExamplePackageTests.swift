import Foundation
import Testing

/// `Examples/ClassifyMessage` is a package of its own that uses the libraries the way another
/// project would: if a product, a public symbol or an initialiser it needs stops being public,
/// this test fails here, not in somebody else's build.
///
/// The example has its own build directory, `.build-example/` (ignored by git), so a second
/// run is incremental; the first one compiles the dependency graph again (minutes on two cores).
@Suite struct ExamplePackageTests {
    static func swift(_ args: [String]) throws -> (status: Int32, output: String) {
        try TestSupport.tool("swift", args, in: TestSupport.repoRoot)
    }

    @Test(.timeLimit(.minutes(30)))
    func classifyMessageBuildsAndClassifiesASample() throws {
        let scratch = TestSupport.repoRoot.appendingPathComponent(".build-example").path
        let build = try Self.swift(["build", "--package-path", "Examples/ClassifyMessage", "--scratch-path", scratch])
        try #require(build.status == 0, "swift build of Examples/ClassifyMessage failed:\n\(build.output.suffix(4000))")

        let exe = URL(fileURLWithPath: scratch).appendingPathComponent("debug/ClassifyMessage")
        let p = Process()
        p.executableURL = exe
        p.arguments = ["Samples/01-aktivasi-multipart-qp.eml"]
        p.currentDirectoryURL = TestSupport.repoRoot
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.first == "kind: aktivasi-akun", "\(out)")
        #expect(lines.dropFirst().first == "action: https://bsre.bssn.go.id/email/aktivasi/akun/c1fa22f9-2917-49aa-9257-afac6e510cd0", "\(out)")
    }
}

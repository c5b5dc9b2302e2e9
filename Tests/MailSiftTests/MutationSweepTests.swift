import Foundation
import Testing

/// Damaged copies of the samples (bytes flipped, cut, repeated, MIME syntax spliced in) must each
/// get a record or a named error, quickly, with valid JSON: one bad message never costs the
/// others. Seeded, so a failure reproduces; the full fuzzing lives in scripts.
@Suite struct MutationSweepTests {
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let splices: [[UInt8]] = ["=", "=?utf-8?B?", "--", "\r\n", "\n\n", "<a href=\"", "%", "(", "\"", "boundary=",
                                     "; charset*0*=utf-8''%E2", "Date: ", "\u{0}", ">From ", "; =x", "<<<<", "Content-Type: multipart/mixed; boundary=\"\"\n"]
        .map { Array($0.utf8) }

    static func contentTypeLineEnds(_ d: [UInt8]) -> [Int] {
        let needle = Array("Content-Type:".utf8)
        var out: [Int] = []
        var i = 0
        while i + needle.count < d.count {
            if d[i] == needle[0], d[i..<(i + needle.count)].elementsEqual(needle) {
                var j = i + needle.count
                while j < d.count, d[j] != 0x0A, d[j] != 0x0D { j += 1 }
                out.append(j)
                i = j
            }
            i += 1
        }
        return out
    }

    @Test func everyMutantIsAccountedFor() throws {
        let samples = TestSupport.sampleNames.filter { $0.hasSuffix(".eml") }
            .map { try! Data(contentsOf: TestSupport.repoRoot.appendingPathComponent("Samples/\($0)")) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-mutants-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SplitMix64(state: 20_251_126)
        let count = 600
        for i in 0..<count {
            var d = [UInt8](samples[Int(rng.next() % UInt64(samples.count))])
            for _ in 0..<(1 + Int(rng.next() % 12)) where !d.isEmpty {
                var k = Int(rng.next() % UInt64(d.count))
                // Half the time aim at the end of a Content-Type line: its parameters are where
                // parsers loop and overrun.
                if rng.next() % 2 == 0, let at = Self.contentTypeLineEnds(d).randomElement(using: &rng) { k = at }
                switch rng.next() % 4 {
                case 0: d[k] = UInt8(truncatingIfNeeded: rng.next())
                case 1: d.removeSubrange(k..<min(d.count, k + 1 + Int(rng.next() % 60)))
                case 2: d.insert(contentsOf: Self.splices[Int(rng.next() % UInt64(Self.splices.count))], at: k)
                default: d.insert(contentsOf: d[k..<min(d.count, k + Int(rng.next() % 300))], at: Int(rng.next() % UInt64(d.count)))
                }
            }
            if rng.next() % 10 == 0 { d = Array(d.prefix(Int(rng.next() % UInt64(d.count + 1)))) }
            try Data(d).write(to: dir.appendingPathComponent(String(format: "m%04d.eml", i)))
        }
        let start = Date()
        let run = try TestSupport.run(["scan", "--all", "--format", "ndjson", "--now", TestSupport.now, dir.path])
        #expect(Date().timeIntervalSince(start) < 60, "600 small messages took \(Date().timeIntervalSince(start)) s")
        #expect(run.status == 0 || run.status == 1, "exit \(run.status): \(run.stderr.suffix(300))")
        let records = run.out.split(separator: "\n").count
        let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("mailsift: ") }.count
        #expect(records + errors == count, "\(records) records + \(errors) errors for \(count) files")
        let (status, output) = try ContractTests.validate(run.stdout)
        #expect(status == 0, "\(output)")
    }
}

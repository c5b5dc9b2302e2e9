import Foundation
import Testing
@testable import MailInput

/// The walk over paths and folders: order, what is skipped, what is reported, and that one bad
/// input never stops the others.
@Suite struct InputReaderTests {
    static let message = "Subject: x\n\nbody\n"

    @Test func folderWalkOrderAndSkipping() throws {
        let dir = try ScratchFolder()
        try dir.write("b.eml", Self.message)
        try dir.write("a.eml", Self.message)
        try dir.write("sub/c.txt", Self.message)                 // .txt that is mail: read
        try dir.write("sub/inbox", "From a@x Mon Jan  1 00:00:00 2024\nSubject: 1\n\none\n\nFrom b@x Mon Jan  1 00:00:00 2024\nSubject: 2\n\ntwo\n")
        try dir.write("a.eml.json", "{\"parts\": []}\n")        // never-mail extension: silent
        try dir.write("notes.md", "# Notes\n")                   // silent
        try dir.write("readme.txt", "Just some notes.\n")        // not mail, not excused: reported
        try dir.write(".DS_Store", [0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31])
        try dir.write(".git/config", Self.message)                 // hidden folder: skipped
        try dir.write("empty.eml", "")
        try dir.write("picture.eml", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

        let got = collect([dir.path])
        let names = got.events.map { event -> String in
            switch event {
            case .message(let m): return "\(m.origin.path.dropFirst(dir.path.count + 1))#\(m.origin.index)"
            case .failure(let f): return "!\(f.path.dropFirst(dir.path.count + 1))"
            }
        }
        #expect(names == ["a.eml#0", "b.eml#0", "!empty.eml", "!picture.eml", "!readme.txt", "sub/c.txt#0", "sub/inbox#0", "sub/inbox#1"])
        #expect(got.failures == [
            .notMail(path: dir.path + "/empty.eml", reason: "empty file"),
            .notMail(path: dir.path + "/picture.eml", reason: "looks like a PNG image"),
            .notMail(path: dir.path + "/readme.txt", reason: "no header block"),
        ])
        #expect(got.messages.last?.origin.offset == 51)
    }

    /// A file named on the command line is never skipped in silence.
    @Test func explicitFilesAreAlwaysReported() throws {
        let dir = try ScratchFolder()
        let json = try dir.write("a.eml.json", "{}\n")
        let png = try dir.write("photo.eml", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0])
        let empty = try dir.write("empty.eml", "")
        let got = collect([json, png, empty])
        #expect(got.failures == [
            .notMail(path: json, reason: "no header block"),
            .notMail(path: png, reason: "looks like a PNG image"),
            .notMail(path: empty, reason: "empty file"),
        ])
        #expect(got.failures.map(\.description)[1] == "\(png): not mail: looks like a PNG image")
    }

    @Test func oneBadInputNeverStopsTheOthers() throws {
        let dir = try ScratchFolder()
        let good = try dir.write("good.eml", Self.message)
        let file = try dir.write("file.eml", Self.message)
        try dir.link("dangling", to: dir.path + "/nowhere")
        let got = collect([dir.path + "/missing.eml", good, file + "/inside", dir.path + "/dangling", good])
        #expect(got.failures == [
            .notFound(path: dir.path + "/missing.eml"),
            .unreadable(path: file + "/inside", reason: "Not a directory"),
            .unreadable(path: dir.path + "/dangling", reason: "broken symbolic link"),
        ])
        #expect(got.messages.count == 2)
        #expect(got.events.count == 5)
        #expect(InputError.notFound(path: "x").description == "x: no such file or directory")
    }

    @Test func symlinkLoopsAreWalkedOnce() throws {
        let dir = try ScratchFolder()
        try dir.write("a/m.eml", Self.message)
        try dir.link("a/loop", to: dir.path)          // a/loop → the root: a cycle
        try dir.link("a/self", to: ".")               // a/self → a
        try dir.link("b", to: dir.path + "/a")        // a second way into a
        let got = collect([dir.path])
        #expect(got.failures.isEmpty)
        #expect(got.messages.map(\.origin.path) == [dir.path + "/a/m.eml"])
    }

    @Test func symlinkedFilesAreRead() throws {
        let dir = try ScratchFolder()
        let target = try dir.write("real/m.eml", Self.message)
        try dir.makeFolder("links")
        try dir.link("links/m.eml", to: target)
        #expect(collect([dir.path + "/links"]).messages.map(\.origin.path) == [dir.path + "/links/m.eml"])
    }

    /// A pipe inside a folder would block the walk if opened: reported, not read.
    @Test func fifoInAFolder() throws {
        let dir = try ScratchFolder()
        #expect(mkfifo(dir.path + "/pipe", 0o600) == 0)
        try dir.write("z.eml", Self.message)
        let got = collect([dir.path])
        #expect(got.failures == [.notMail(path: dir.path + "/pipe", reason: "not a regular file")])
        #expect(got.messages.count == 1)
    }

    @Test func singleMessageFileOrigin() throws {
        let dir = try ScratchFolder()
        let path = try dir.write("one.eml", "\u{FEFF}" + Self.message)
        let got = collect([path])
        let message = try #require(got.messages.first)
        #expect(message.origin == MessageOrigin(path: path, index: 0, offset: 0, labels: []))
        #expect(message.bytes.text == Self.message)      // byte-order mark dropped
        #expect(message.truncatedFrom == nil)
    }

    @Test func bodyErrorsStopTheWalk() throws {
        struct Stop: Error {}
        let dir = try ScratchFolder()
        try dir.write("a.eml", Self.message)
        try dir.write("b.eml", Self.message)
        var seen = 0
        #expect(throws: Stop.self) {
            try InputReader(paths: [dir.path]).forEach { _ in
                seen += 1
                throw Stop()
            }
        }
        #expect(seen == 1)
    }

    /// The splitter's memory stays at one message: a 40 MB mbox of 4 KB messages is read with
    /// every message yielded and none retained by the reader.
    @Test func largeMboxIsStreamed() throws {
        let dir = try ScratchFolder()
        let body = String(repeating: "line of body text, with From inside it\n", count: 100)
        var one = "From a@x Mon Jan  1 00:00:00 2024\nSubject: s\n\n" + body + "\n"
        one += ""
        let count = 10_000
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: try dir.write("big.mbox", "")))
        let chunk = Data(String(repeating: one, count: 100).utf8)
        for _ in 0..<(count / 100) { handle.write(chunk) }
        try handle.close()
        var messages = 0
        var lastOffset = -1
        InputReader(paths: [dir.path + "/big.mbox"]).forEach { event in
            guard case .message(let m) = event else { return }
            #expect(m.bytes.count == one.utf8.count - 35)
            lastOffset = m.origin.offset ?? -1
            messages += 1
        }
        #expect(messages == count)
        #expect(lastOffset == (count - 1) * one.utf8.count)
    }
}

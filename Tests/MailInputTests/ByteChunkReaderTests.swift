import Foundation
import Testing
@testable import MailInput

/// Standard input and pipes are read in chunks; they must split exactly as a mapped file does,
/// whatever the chunk boundaries.
@Suite struct ByteChunkReaderTests {
    static let mboxFixtures = [
        "mimekit/UnitTests/TestData/mbox/content-length.mbox.txt",
        "mimekit/UnitTests/TestData/mbox/issue1189.mbox.txt",
        "mimekit/UnitTests/TestData/mbox/simple.mbox.txt",
        "mimekit/UnitTests/TestData/mbox/unmunged.mbox.txt",
        "james-mime4j/mbox/src/test/resources/test-1/mbox.rlug",
        "cpython-email/Lib/test/test_email/data/mailbox_01.mbox",
    ]

    /// 256 bytes puts chunk boundaries inside almost every message and header; the default
    /// buffer holds most files whole.
    @Test(arguments: mboxFixtures, [256, ByteChunkReader.defaultBufferSize])
    func pipeSplitsLikeTheMappedFile(_ fixture: String, bufferSize: Int) throws {
        let path = try Corpus.path(fixture)
        let mapped = collect([path])
        var options = InputReader.Options()
        options.streamBufferBytes = bufferSize
        let piped = try collectFromPipe(try Corpus.bytes(fixture), as: "pipe", options: options)
        #expect(piped.failures.isEmpty)
        #expect(piped.messages.count == mapped.messages.count)
        for (a, b) in zip(piped.messages, mapped.messages) {
            #expect(a.bytes == b.bytes)
            #expect(a.origin.offset == b.origin.offset)
            #expect(a.origin.index == b.origin.index)
            #expect(a.origin.path == "pipe")
        }
    }

    @Test func standardInputHasNoOffsets() throws {
        let text = "From a@x Mon Jan  1 00:00:00 2024\nSubject: 1\n\none\n\nFrom b@x Mon Jan  1 00:00:00 2024\nSubject: 2\n\ntwo\n"
        let got = try collectFromPipe(Array(text.utf8))
        #expect(got.messages.map(\.bytes.text) == ["Subject: 1\n\none\n", "Subject: 2\n\ntwo\n"])
        #expect(got.messages.map(\.origin.path) == ["-", "-"])
        #expect(got.messages.map(\.origin.offset) == [nil, nil])
        #expect(got.messages.map(\.origin.index) == [0, 1])
    }

    /// Without a `From ` line, standard input is one message, `From ` lines in it included.
    @Test func standardInputSingleMessage() throws {
        let text = "Subject: hi\n\nbody\n\nFrom a@x Mon Jan  1 00:00:00 2024\nSubject: not split\n"
        var options = InputReader.Options()
        options.streamBufferBytes = 16
        let got = try collectFromPipe(Array(text.utf8), options: options)
        #expect(got.messages.map(\.bytes.text) == [text])
    }

    @Test func emptyStandardInput() throws {
        let got = try collectFromPipe([])
        #expect(got.failures == [.notMail(path: "-", reason: "empty input")])
    }

    @Test func binaryStandardInput() throws {
        let got = try collectFromPipe([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0])
        #expect(got.failures == [.notMail(path: "-", reason: "looks like a PNG image")])
    }

    /// A line longer than the buffer passes through in pieces, byte for byte, and a `>From `
    /// starting a later piece is not unquoted (it is not at a line start).
    @Test func linesLongerThanTheBuffer() throws {
        let long = String(repeating: "x", count: 100) + ">From the middle of a long line\n"
        let text = "From a@x Mon Jan  1 00:00:00 2024\nSubject: long\n\n" + long + long + "\n"
            + "From b@x Mon Jan  1 00:00:00 2024\nSubject: after\n\nok\n"
        var options = InputReader.Options()
        options.streamBufferBytes = 50
        let got = try collectFromPipe(Array(text.utf8), options: options)
        #expect(got.messages.map(\.bytes.text) == ["Subject: long\n\n" + long + long, "Subject: after\n\nok\n"])
    }

    /// The reader alone: pieces, offsets and line flags across tiny chunks.
    @Test func readerDeliversLinesWithOffsets() throws {
        let scratch = try ScratchFolder()
        let path = try scratch.write("lines", "ab\ncdefghij\n\nk")
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var reader = ByteChunkReader(fd: fd, bufferSize: 16)
        var seen: [(String, Int, Bool, Bool)] = []
        let error = reader.forEachLine { line, offset, starts, ends in
            seen.append((String(decoding: line, as: UTF8.self), offset, starts, ends))
        }
        #expect(error == nil)
        #expect(seen.map(\.0) == ["ab\n", "cdefghij\n", "\n", "k"])
        #expect(seen.map(\.1) == [0, 3, 12, 13])
        #expect(seen.map(\.3) == [true, true, true, false])

        let fd2 = open(path, O_RDONLY)
        defer { close(fd2) }
        var small = ByteChunkReader(fd: fd2, bufferSize: 4)
        var pieces: [String] = []
        _ = small.forEachLine { line, _, starts, ends in
            pieces.append("\(starts ? "[" : "")\(String(decoding: line, as: UTF8.self))\(ends ? "]" : "")")
        }
        #expect(pieces == ["[ab\n]", "[cdef", "ghij", "\n]", "[\n]", "[k"])
    }
}

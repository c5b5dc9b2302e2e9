import Testing
@testable import MailInput

/// Detection by content: what a file is, whatever its name says.
@Suite struct FileDetectorTests {
    static func detect(_ text: String, isWhole: Bool = true) -> FileDetector.Kind {
        FileDetector.detect(Array(text.utf8), isWhole: isWhole)
    }

    @Test(arguments: [
        ("From a@b Mon Jan  1 00:00:00 2024\nSubject: x\n", FileDetector.Kind.mbox),
        ("From - \nFrom: x\n", .mbox),
        ("From someone\nSubject: x\n", .mbox),
        (">From a@b Mon Jan  1 00:00:00 2024\nSubject: x\n", .mbox),
        ("\u{FEFF}From -\nFrom: x\n", .mbox),
        ("Subject: x\n\nbody\n", .message),
        ("Subject: x", .message),
        ("Received: from a\n\tby b\nSubject: x\n\nbody", .message),
        ("Subject: x\r\nFrom: y\r\n\r\n", .message),
        ("   \nDelivered-To: a@b\nSubject: x\n", .message),
        (" From: a@b\nSubject: x\n\nbody\n", .message),
        ("Subject: this is a subject\nThis is an invalid header\nAnotherHeader: x\n\nBody\n", .message),
        ("Note: call Bob\nbuy eggs\nand milk\n", .notMail(reason: "no header block")),
        ("Hello world\n", .notMail(reason: "no header block")),
        ("From Russia with love\nit was a film\n", .notMail(reason: "no header block")),
        ("", .notMail(reason: "empty file")),
        ("{\"parts\": []}\n", .notMail(reason: "no header block")),
        ("key: value\nother: 2\n", .message),
        ("- item: 1\n", .notMail(reason: "no header block")),
    ])
    func text(_ text: String, _ expected: FileDetector.Kind) {
        #expect(Self.detect(text) == expected)
    }

    /// A header line cut by the sample's end cannot be judged; the lines before it decide.
    @Test func sampleEndingInsideTheHeader() {
        #expect(Self.detect("Subject: x\nX-Long: aaaa", isWhole: false) == .message)
    }

    @Test(arguments: [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "looks like a PNG image"),
        ([0x50, 0x4B, 0x03, 0x04], "looks like a ZIP archive"),
        ([0x25, 0x50, 0x44, 0x46, 0x2D, 0x31], "looks like a PDF document"),
        ([0xFF, 0xD8, 0xFF, 0xE0], "looks like a JPEG image"),
        ([0x53, 0x75, 0x62, 0x00, 0x6A, 0, 0, 0, 0, 0, 0, 0, 0, 0], "binary data (NUL bytes)"),
        ([0x00, 0x53, 0x75, 0x62], "binary data (NUL bytes)"),
    ] as [([UInt8], String)])
    func binary(_ bytes: [UInt8], _ reason: String) {
        #expect(FileDetector.detect(bytes, isWhole: true) == .notMail(reason: reason))
    }

    /// Spam puts NUL bytes in headers; the message is still reported, with its damage.
    @Test func strayNULInAHeaderIsStillMail() {
        #expect(FileDetector.detect(Array("From: a@b\nSubject: \u{0}\u{0}\n\nbody\n".utf8), isWhole: true) == .message)
    }

    /// stalwart's thirdparty/005.eml: a UTF-16 part sent as `binary` puts NULs in the body.
    @Test func nulBytesInTheBodyAreFine() {
        let bytes = Array("Content-Type: text/plain; charset=utf-16le\nMIME-Version: 1.0\n\nT".utf8) + [0, 0x65, 0]
        #expect(FileDetector.detect(bytes, isWhole: true) == .message)
    }

    @Test(arguments: [
        ("notes.md", true), ("data.JSON", true), ("photo.jpeg", true), ("x.eml.json", true), ("run.sh", true),
        ("msg.eml", false), ("msg_01.txt", false), ("1234.M5P6.host:2,S", false), ("README", false), (".json", false),
    ])
    func neverMailNames(_ name: String, _ expected: Bool) {
        #expect(FileDetector.isNeverMail(name: name) == expected)
    }
}

import ArgumentParser
import MailInput
import MailMIME
import MailSift

/// The bounds that keep a hostile message from costing unbounded time or memory, on every
/// reading subcommand. Each limit hit is a warning on that message's report; nothing is dropped
/// silently and nothing crashes. Defaults are far above real mail (see SECURITY.md).
struct LimitOptions: ParsableArguments {
    private static let mime = MIMELimits()
    private static let scan = ScanOptions(now: MailDate(epochSeconds: 0, offsetSeconds: 0))
    private static let reader = InputReader.Options()

    @Option(help: ArgumentHelp("Bytes of one message read from its file or mailbox; the rest is not read.", valueName: "size"))
    var maxMessageBytes = ByteSize(reader.maxMessageBytes)

    @Option(help: ArgumentHelp("Bytes of a header block; past it the rest is read as body.", valueName: "size"))
    var maxHeaderBytes = ByteSize(mime.maxHeaderBytes)

    @Option(help: ArgumentHelp("Header fields per header block.", valueName: "n"))
    var maxHeaders = mime.maxHeaderFields

    @Option(help: ArgumentHelp("Bytes of one header field (line, continuations included); cut there.", valueName: "size"))
    var maxLineBytes = ByteSize(mime.maxHeaderLineBytes)

    @Option(help: ArgumentHelp("MIME nesting depth, multipart and message/rfc822 together.", valueName: "n"))
    var maxDepth = mime.maxDepth

    @Option(help: ArgumentHelp("MIME parts per message.", valueName: "n"))
    var maxParts = mime.maxParts

    @Option(help: ArgumentHelp("Decoded bytes kept per part.", valueName: "size"))
    var maxPartBytes = ByteSize(mime.maxDecodedPartBytes)

    @Option(help: ArgumentHelp("Decoded bytes kept per message, all readable parts together.", valueName: "size"))
    var maxDecodedBytes = ByteSize(mime.maxDecodedMessageBytes)

    @Option(help: ArgumentHelp("Bytes of one HTML part handed to the HTML parser.", valueName: "size"))
    var maxHtmlBytes = ByteSize(scan.maxHTMLBytes)

    @Option(help: ArgumentHelp("HTML element nesting read; deeper elements are skipped.", valueName: "n"))
    var maxHtmlDepth = scan.maxHTMLDepth

    @Option(help: ArgumentHelp("Links read per message.", valueName: "n"))
    var maxLinks = scan.maxLinks

    @Option(help: ArgumentHelp("Link rewriters (Safe Links, Proofpoint, …) taken off one link.", valueName: "n"))
    var maxUnwrapDepth = scan.maxUnwrapDepth

    func validate() throws {
        for (name, v) in [("--max-headers", maxHeaders), ("--max-depth", maxDepth), ("--max-parts", maxParts),
                          ("--max-html-depth", maxHtmlDepth), ("--max-links", maxLinks)] where v < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
        if maxUnwrapDepth < 0 { throw ValidationError("--max-unwrap-depth must be at least 0") }
        for (name, v) in [("--max-message-bytes", maxMessageBytes), ("--max-header-bytes", maxHeaderBytes),
                          ("--max-line-bytes", maxLineBytes), ("--max-part-bytes", maxPartBytes),
                          ("--max-decoded-bytes", maxDecodedBytes), ("--max-html-bytes", maxHtmlBytes)] where v.bytes < 1 {
            throw ValidationError("\(name) must be at least 1 byte")
        }
    }

    var mimeLimits: MIMELimits {
        var l = MIMELimits()
        l.maxHeaderBytes = maxHeaderBytes.bytes
        l.maxHeaderFields = maxHeaders
        l.maxHeaderLineBytes = maxLineBytes.bytes
        l.maxDepth = maxDepth
        l.maxParts = maxParts
        l.maxDecodedPartBytes = maxPartBytes.bytes
        l.maxDecodedMessageBytes = maxDecodedBytes.bytes
        return l
    }

    var readerOptions: InputReader.Options {
        var o = InputReader.Options()
        o.maxMessageBytes = maxMessageBytes.bytes
        return o
    }

    /// `options` with these limits applied.
    func applied(to options: ScanOptions) -> ScanOptions {
        var o = options
        o.limits = mimeLimits
        o.maxHTMLBytes = maxHtmlBytes.bytes
        o.maxHTMLDepth = maxHtmlDepth
        o.maxLinks = maxLinks
        o.maxUnwrapDepth = maxUnwrapDepth
        return o
    }
}

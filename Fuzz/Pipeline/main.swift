// Fuzz target `pipeline`: one message's bytes through everything `mailsift scan` does to it
// (MIME, charset, HTML and text links, inline forwards, classification, expiry, the report) and
// out as JSON, pretty JSON and terminal text; and through `mailsift parts` (PartsReport). Every
// JSON output must parse; terminal text must be free of control characters.
//
// URL unwrapping (redirect/tracker links such as safelinks or Google's /url?q=) will run inside
// Pipeline.process once it exists, so this target covers it end to end with no change here.
// Its own focused target goes in Fuzz/URLs/main.swift, with its entry in scripts/fuzz.sh (see the
// `urls` line there) and seeds of real wrapped links.
import MailInput
import MailMIME
import MailSift
import MailTemplates

private let classifier = Classifier(catalogue: .builtIn())
/// 2025-11-26T00:00:00Z: a fixed "now", so that a report depends on the input alone.
private let now = MailDate(epochSeconds: 1_764_115_200, offsetSeconds: 0)
private let everything = Pipeline(classifier: classifier, options: ScanOptions(now: now, all: true))
private let onlyKnown: Pipeline = {
    var limits = MIMELimits()
    limits.maxParts = 16
    limits.maxDepth = 4
    limits.maxDecodedPartBytes = 2048
    return Pipeline(classifier: classifier, options: ScanOptions(now: now, all: false, revealSecrets: true, limits: limits))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let raw = RawMessage(origin: MessageOrigin(path: "fuzz.eml", index: 0, offset: 0),
                         bytes: bytes, truncatedFrom: count % 16 == 15 ? count * 2 : nil)

    switch everything.process(raw) {
    case .report(let report):
        check(report)
    case .skipped:
        require(false, "a scan with all: true skipped a message")
    }
    if case .report(let report) = onlyKnown.process(raw) {
        require(report.kind != "other", "a scan without --all reported a message of kind other")
        check(report)
    }

    let parts = PartsReport(raw)
    requireValidJSON(parts.jsonBytes(), "parts JSON")
    requireValidJSON(parts.prettyJSONBytes(), "parts pretty JSON")
    return 0
}

private func check(_ report: Report) {
    requireValidJSON(report.jsonBytes(), "report JSON")
    requireValidJSON(report.prettyJSONBytes(), "report pretty JSON")
    requireTerminalSafe(report.textLines(), "report text")
}

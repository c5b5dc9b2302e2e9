/// How reports are written to standard output.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// One JSON object a line: for `jq`, streaming, other tools.
    case ndjson
    /// One JSON array.
    case json
    /// A short human summary per message, for a terminal.
    case text
    /// One RFC 4180 record a message under a header record, for a spreadsheet; fields that a
    /// spreadsheet would run as formulas are defused (see `CSVWriter`).
    case csv
}

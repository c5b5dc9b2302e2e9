/// RFC 4180 records that a spreadsheet opens safely.
///
/// A helpdesk opens mailsift's CSV in Excel, LibreOffice or Google Sheets, and every field comes
/// from a stranger's mail: a subject such as `=HYPERLINK("http://evil","klik")` would otherwise
/// become a live formula. So a field that begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading `'` (OWASP's advice for CSV injection), which spreadsheets show as text.
/// Records end in CRLF, and a field holding `"`, `,`, CR or LF is quoted with its quotes doubled.
public enum CSVWriter {
    /// The bytes that make a spreadsheet read a cell as a formula (or hide the start of one).
    /// Scalars, not Characters: "\r\n" is one Character, which would hide its carriage return.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// One field, defused and quoted as needed.
    public static func field(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, formulaStarts.contains(first) { v = "'" + v }
        let needsQuotes = v.utf8.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: ",") || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { return v }
        return "\"" + v.replacingAll("\"", with: "\"\"") + "\""
    }

    /// One record with its CRLF line end.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }
}

private extension String {
    /// Without Foundation: the writer stays usable from the library's lowest layer.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(utf8.count + 2)
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

/// Reads Gmail's `X-Gmail-Labels` header (Google Takeout mbox), the only place a Takeout export
/// records which folders and categories a message was in.
public enum GmailLabels {
    /// Splits an unfolded `X-Gmail-Labels` value into labels, in header order.
    ///
    /// Labels are separated by commas; a label containing a comma is double-quoted
    /// (`"Work, 2025"`) and a backslash inside quotes escapes the next character. Labels are
    /// trimmed and empty ones dropped. Never fails: an unterminated quote runs to the end.
    public static func parse(_ headerValue: String) -> [String] {
        var labels: [String] = []
        var label = ""
        var quoted = false
        var escaped = false
        for c in headerValue {
            if escaped {
                label.append(c)
                escaped = false
                continue
            }
            switch c {
            case "\\" where quoted: escaped = true
            case "\"": quoted.toggle()
            case "," where !quoted:
                append(label, to: &labels)
                label = ""
            default: label.append(c)
            }
        }
        append(label, to: &labels)
        return labels
    }

    private static func append(_ label: String, to labels: inout [String]) {
        let trimmed = label.trimmingWhitespace()
        if !trimmed.isEmpty { labels.append(trimmed) }
    }
}

import MailMIME

extension Report {
    /// The columns of `--format csv`, in order; `docs/report.md` explains each.
    ///
    /// One row per message, chosen for a helpdesk spreadsheet: where the mail is, what it is, who
    /// it is for, the link and whether it still works, and how much looks wrong. Passwords are
    /// never written, whatever `--reveal-secrets` says: a spreadsheet travels further than a
    /// terminal.
    public static let csvColumns = [
        "path", "index", "date", "kind", "template", "to", "recipient_name", "username", "from",
        "subject", "labels", "forwarded", "action_url", "official", "expires_at", "expiry_basis",
        "status", "spam", "bounce_recipient", "warnings", "warning_codes",
    ]

    /// The header record (CRLF-terminated).
    public static var csvHeader: String { CSVWriter.record(csvColumns) }

    /// This report as one CSV record (CRLF-terminated), in the order of `csvColumns`.
    public func csvRecord() -> String {
        let actionLink = actionURL.flatMap { url in links.first { $0.url == url } }
        let official: String
        if actionURL == nil {
            official = ""
        } else {
            // The action link may come from an unwrapped or anchor-only link: trust warnings decide then.
            official = String(actionLink?.official ?? false)
        }
        let fields: [String] = [
            source.path,
            String(source.index),
            date?.rfc3339 ?? "",
            kind,
            template ?? "",
            to.map(\.address).joined(separator: "; "),
            recipientName ?? "",
            account?.username ?? "",
            from?.address ?? "",
            subject ?? "",
            source.labels.joined(separator: "; "),
            String(forwarded),
            actionURL ?? "",
            official,
            expiry?.expiresAt.rfc3339 ?? "",
            expiry?.basis ?? "",
            status.rawValue,
            spam.map { String($0.isSpam) } ?? "",
            bounce?.recipient ?? "",
            String(warnings.count),
            warnings.map(\.code).joined(separator: " "),
        ]
        return CSVWriter.record(fields)
    }
}

import MailMIME

/// What a scan reports and against which time.
public struct ScanOptions: Sendable {
    /// The reference time for `status`.
    public var now: MailDate
    /// Report messages of kind `other` too.
    public var all: Bool
    /// Show Informasi Akun passwords instead of `[redacted]`.
    public var revealSecrets: Bool
    /// Bounds on each message's MIME structure.
    public var limits: MIMELimits
    /// Link rewriters nested deeper than this are left on (a warning says so).
    public var maxUnwrapDepth = 5
    /// UTF-8 bytes of one HTML part handed to libxml2; the rest is not read (a warning says so).
    public var maxHTMLBytes = 16 << 20
    /// Elements nested deeper than this in HTML are skipped, text and links (a warning says so).
    /// libxml2 parses with `XML_PARSE_HUGE` and streams (SAX, no tree), so depth costs neither
    /// stack nor time; the limit is there so that a user can bound what is read, and its default
    /// is far above real mail (a link nested 1,000 deep is still read).
    public var maxHTMLDepth = 4_096
    /// Links kept per message (anchors and URLs in text, before de-duplication); past it, a
    /// warning.
    public var maxLinks = 10_000

    /// Options as `scan` sets them from its flags.
    public init(now: MailDate, all: Bool = false, revealSecrets: Bool = false, limits: MIMELimits = MIMELimits()) {
        self.now = now
        self.all = all
        self.revealSecrets = revealSecrets
        self.limits = limits
    }
}

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

    /// Options as `scan` sets them from its flags.
    public init(now: MailDate, all: Bool = false, revealSecrets: Bool = false, limits: MIMELimits = MIMELimits()) {
        self.now = now
        self.all = all
        self.revealSecrets = revealSecrets
        self.limits = limits
    }
}

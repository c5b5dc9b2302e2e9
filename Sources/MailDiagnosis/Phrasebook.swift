import MailMIME

/// Every sentence diagnose writes, in Indonesian (the default: the registrants' language) and
/// English, worded so that a helpdesk agent can paste it into a reply.
struct Phrasebook: Sendable {
    let language: Diagnosis.Language
    /// Every time is shown in this UTC offset (the reference time's), so a reader compares like
    /// with like: a token's UTC expiry and a mail's +07:00 date side by side.
    let offset: Int

    init(_ language: Diagnosis.Language, offset: Int = 25_200) {
        self.language = language
        self.offset = offset
    }

    private func t(_ id: String, _ en: String) -> String { language == .id ? id : en }

    func stepName(_ kind: String) -> String {
        switch kind {
        case "aktivasi-akun": return t("Aktivasi Akun", "Aktivasi Akun (account activation)")
        case "set-passphrase": return t("Set Passphrase", "Set Passphrase (create the passphrase)")
        case "informasi-akun": return t("Informasi Akun", "Informasi Akun (account details)")
        case "reset-password": return t("Reset password", "Reset password")
        case "execute-actions": return t("Perbarui Akun (permintaan administrator)", "Update Your Account (administrator's request)")
        case "verify-email": return t("Verifikasi surel", "Verify email")
        default: return kind
        }
    }

    func placeName(_ p: Diagnosis.Place) -> String {
        switch p {
        case .inbox: return t("Kotak Masuk", "Inbox")
        case .spam: return "Spam"
        case .trash: return t("Sampah", "Trash")
        case .category: return t("tab kategori (Promosi/Pembaruan/Sosial)", "a category tab (Promotions/Updates/Social)")
        case .archived: return t("folder lain (diarsipkan)", "another folder (archived)")
        case .unknown: return t("folder tidak diketahui", "unknown folder")
        }
    }

    /// "26 Nov 2025 09.13 WIB" / "26 Nov 2025 09:13 WIB".
    func date(_ d: MailDate?) -> String {
        guard let raw = d else { return t("tanggal tidak diketahui", "unknown date") }
        let d = MailDate(epochSeconds: raw.epochSeconds, offsetSeconds: offset)
        let s = d.rfc3339  // 2025-11-26T09:13:00+07:00
        let b = Array(s)
        guard b.count >= 19 else { return s }
        let month = Int(String(b[5...6])) ?? 1
        let months = language == .id
            ? ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
            : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = Int(String(b[8...9])) ?? 1
        let time = String(b[11...12]) + (language == .id ? "." : ":") + String(b[14...15])
        let zone: String
        switch d.offsetSeconds {
        case 25_200: zone = "WIB"
        case 28_800: zone = "WITA"
        case 32_400: zone = "WIT"
        case 0: zone = "UTC"
        default: zone = "UTC" + String(s.suffix(6))
        }
        return "\(day) \(months[max(0, min(11, month - 1))]) \(String(b[0...3])) \(time) \(zone)"
    }

    // MARK: Headlines

    func bounced(kind: String?, date: MailDate?, status: String?, diagnostic: String?) -> String {
        let what = kind.map { t("email \(stepName($0)) dari BSrE", "BSrE's \(stepName($0)) email") } ?? t("email dari BSrE", "an email from BSrE")
        let why = [status, diagnostic].compactMap { $0 }.joined(separator: " ")
        return t("Pengiriman \(what) gagal pada \(self.date(date))", "Delivery of \(what) failed on \(self.date(date))")
            + (why.isEmpty ? "." : " (\(why)).")
    }

    func nothingArrived(hasOtherMail: Bool) -> String {
        hasOtherMail
            ? t("Tidak ada email registrasi BSrE (Aktivasi Akun) di kotak surat ini.", "No BSrE registration email (Aktivasi Akun) is in this mailbox.")
            : t("Tidak ada satu pun email BSrE di kotak surat ini.", "No BSrE email at all is in this mailbox.")
    }

    func missing(_ kind: String, before: (kind: String, date: MailDate?)?) -> String {
        guard let before else {
            return t("Email \(stepName(kind)) tidak ditemukan.", "No \(stepName(kind)) email was found.")
        }
        return t("Email \(stepName(before.kind)) diterima \(date(before.date)), tetapi email \(stepName(kind)) tidak ditemukan.",
                 "The \(stepName(before.kind)) email arrived on \(date(before.date)), but no \(stepName(kind)) email was found.")
    }

    func misplacedHeadline(_ kind: String, _ place: Diagnosis.Place, _ d: MailDate?) -> String {
        t("Email \(stepName(kind)) ada di \(placeName(place)) sejak \(date(d)).", "The \(stepName(kind)) email is in \(placeName(place)) since \(date(d)).")
    }

    func expiredHeadline(_ kind: String, _ at: MailDate?) -> String {
        t("Tautan \(stepName(kind)) sudah kedaluwarsa sejak \(date(at)).", "The \(stepName(kind)) link expired on \(date(at)).")
    }

    func imitationHeadline(_ d: MailDate?) -> String {
        t("Ada email tiruan BSrE (kemungkinan phishing) tertanggal \(date(d)).", "There is an imitation of a BSrE email (likely phishing) dated \(date(d)).")
    }

    func forwardedOnly(_ kind: String, _ d: MailDate?, by: String) -> String {
        t("\(by) meneruskan email \(stepName(kind)) (dikirim BSrE \(date(d))); kotak surat ini bukan miliknya, jadi tahap lain tidak dapat diperiksa di sini.",
          "\(by) forwarded the \(stepName(kind)) email (sent by BSrE on \(date(d))); this mailbox is not theirs, so the other steps cannot be checked here.")
    }

    var askForExport: String {
        t("Untuk memeriksa semua tahap, minta ekspor kotak surat pemohon (Google Takeout atau folder Maildir) dan jalankan diagnose padanya.",
          "To check every step, ask for an export of the registrant's own mailbox (Google Takeout or a Maildir folder) and run diagnose on it.")
    }

    var allArrived: String {
        t("Semua email registrasi (Aktivasi Akun, Set Passphrase, Informasi Akun) sudah diterima; tidak ada yang perlu dilakukan.",
          "All registration emails (Aktivasi Akun, Set Passphrase, Informasi Akun) arrived; nothing to do.")
    }

    var nothingToDo: String { t("Tidak ada masalah yang ditemukan.", "No problem found.") }

    // MARK: Actions

    var bounceAdvice: String {
        t("Periksa apakah alamat email yang didaftarkan benar dan kotak suratnya dapat menerima email (tidak penuh), lalu minta BSrE mengirim ulang email tersebut (info.bsre@bssn.go.id).",
          "Check that the registered email address is right and that its mailbox accepts mail (is not full), then ask BSrE to send the email again (info.bsre@bssn.go.id).")
    }

    var searchAdvice: [String] {
        [t("Cari di folder Spam, Sampah, dan tab Promosi/Pembaruan dengan kata kunci \"bssn.go.id\".",
           "Search the Spam and Trash folders and the Promotions/Updates tabs for \"bssn.go.id\"."),
         t("Pastikan alamat email yang dipakai saat registrasi sama dengan kotak surat ini.",
           "Make sure the address used at registration is this mailbox's address.")]
    }

    var requestActivation: String {
        t("Jika tetap tidak ada, minta pengiriman ulang email aktivasi melalui portal BSrE atau info.bsre@bssn.go.id.",
          "If it is still missing, request the activation email again through the BSrE portal or info.bsre@bssn.go.id.")
    }

    func prerequisite(_ kind: String) -> String {
        switch kind {
        case "set-passphrase":
            return t("Email Set Passphrase baru dikirim setelah tautan di email Aktivasi Akun dibuka: buka tautan aktivasi terlebih dahulu.",
                     "The Set Passphrase email is sent only after the link in the Aktivasi Akun email is opened: open the activation link first.")
        case "informasi-akun":
            return t("Email Informasi Akun baru dikirim setelah passphrase dibuat: buat passphrase melalui tautan di email Set Passphrase.",
                     "The Informasi Akun email is sent only after the passphrase is created: create it through the link in the Set Passphrase email.")
        default:
            return t("Langkah sebelumnya harus diselesaikan terlebih dahulu.", "The previous step must be completed first.")
        }
    }

    func misplacedAdvice(_ kind: String, _ place: Diagnosis.Place) -> String {
        switch place {
        case .spam:
            return t("Tandai email \(stepName(kind)) sebagai \"Bukan spam\", lalu buka tautannya.",
                     "Mark the \(stepName(kind)) email as \"Not spam\", then open its link.")
        case .trash:
            return t("Pulihkan email \(stepName(kind)) dari Sampah ke Kotak Masuk, lalu buka tautannya.",
                     "Restore the \(stepName(kind)) email from Trash to the Inbox, then open its link.")
        default:
            return t("Email \(stepName(kind)) ada di \(placeName(place)): buka dari sana.",
                     "The \(stepName(kind)) email is in \(placeName(place)): open it from there.")
        }
    }

    func newestCounts(_ kind: String, _ d: MailDate?, older: Int) -> String {
        t("Ada \(older + 1) email \(stepName(kind)); yang berlaku hanya yang terbaru (\(date(d))), yang lebih lama diabaikan.",
          "There are \(older + 1) \(stepName(kind)) emails; only the newest (\(date(d))) counts, older ones are to be ignored.")
    }

    func requestNew(_ kind: String, expired at: MailDate?) -> String {
        switch kind {
        case "reset-password":
            return t("Tautan reset password kedaluwarsa \(date(at)) dan tidak ada yang lebih baru: minta reset password baru di portal (\"Lupa password\").",
                     "The reset link expired on \(date(at)) and there is no newer one: request a new password reset on the portal (\"Forgot password\").")
        default:
            return t("Tautan \(stepName(kind)) kedaluwarsa \(date(at)): minta email baru.",
                     "The \(stepName(kind)) link expired on \(date(at)): request a new email.")
        }
    }

    func openBefore(_ kind: String, _ until: MailDate?) -> String {
        t("Buka tautan di email \(stepName(kind)) terbaru sebelum \(date(until)).",
          "Open the link in the newest \(stepName(kind)) email before \(date(until)).")
    }

    func forwarded(_ kind: String, by: String) -> String {
        t("Email \(stepName(kind)) ini diteruskan oleh \(by); tautannya tetap milik penerima asli dan jangan dibagikan.",
          "This \(stepName(kind)) email was forwarded by \(by); its link still belongs to the original recipient and must not be shared.")
    }

    func imitation(_ d: MailDate?, reasons: [String]) -> String {
        t("Email tertanggal \(date(d)) meniru BSrE (\(reasons.joined(separator: ", "))): jangan buka tautannya dan hapus email tersebut.",
          "The email dated \(date(d)) imitates BSrE (\(reasons.joined(separator: ", "))): do not open its link, and delete it.")
    }

    // MARK: Labels for the renderers

    var received: String { t("diterima", "received") }
    var missingWord: String { t("tidak ditemukan", "missing") }
    func linkState(_ s: Diagnosis.Link.State, _ at: MailDate?) -> String {
        switch s {
        case .valid: return t("berlaku sampai \(date(at))", "valid until \(date(at))")
        case .expired: return t("kedaluwarsa sejak \(date(at))", "expired since \(date(at))")
        case .unknown: return t("masa berlaku tidak disebutkan", "no stated expiry")
        }
    }
    func trust(_ v: Diagnosis.Authenticity.Trust) -> String {
        switch v {
        case .authentic: return t("asli (pengirim resmi, lolos SPF/DKIM/DMARC)", "authentic (official sender, SPF/DKIM/DMARC passed)")
        case .unverified: return t("pengirim resmi, belum terverifikasi", "official sender, not verified")
        case .suspicious: return t("mencurigakan", "suspicious")
        }
    }
    func statusWord(_ s: Diagnosis.Verdict.Status) -> String {
        switch s {
        case .ok: return t("BERES", "OK")
        case .action: return t("PERLU TINDAKAN", "ACTION NEEDED")
        case .problem: return t("MASALAH", "PROBLEM")
        }
    }
    var title: String { t("Diagnosis email registrasi BSrE", "BSrE registration email diagnosis") }
    var nextSteps: String { t("Langkah berikutnya", "Next steps") }
    var bouncesTitle: String { t("Gagal terkirim", "Delivery failures") }
    var imitationsTitle: String { t("Email tiruan", "Imitations") }
    var recipientWord: String { t("Penerima", "Recipient") }
    var spamVerdict: String { t("penyaring spam menandai spam", "the spam filter marked it spam") }
    func summary(read: Int, relevant: Int, recipients: Int, now: MailDate) -> String {
        t("\(read) email dibaca, \(relevant) dari BSrE, \(recipients) penerima; waktu acuan \(date(now)).",
          "\(read) messages read, \(relevant) from BSrE, \(recipients) recipient(s); reference time \(date(now)).")
    }
    var noRecipients: String {
        t("Tidak ada email BSrE untuk penerima mana pun di masukan ini.", "No BSrE email for any recipient in this input.")
    }
}

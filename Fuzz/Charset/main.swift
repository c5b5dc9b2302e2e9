// Fuzz target `charset`: charset decoding (WHATWG labels, iconv, the Swift decoders for
// windows-1252, x-user-defined, UTF-16, EUC-JP and ISO-2022-JP, the byte-order-mark sniffing
// and the windows-1252 fallback). Input: first byte picks a label from the list below (or, past
// the list, the label is read up to the first NUL); the rest is the text.
@testable import MailMIME

private let labels: [String?] = [
    nil, "utf-8", "us-ascii", "iso-8859-1", "windows-1252", "x-user-defined", "utf-16", "utf-16le",
    "utf-16be", "euc-jp", "iso-2022-jp", "shift_jis", "gb2312", "gbk", "gb18030", "big5", "euc-kr",
    "iso-2022-kr", "koi8-r", "koi8-u", "iso-8859-2", "iso-8859-7", "iso-8859-8-i", "iso-8859-15",
    "windows-1251", "windows-874", "macintosh", "x-mac-cyrillic", "ibm866", "utf-7", "cp850",
    "tis-620", "hz-gb-2312", "replacement", "utf-32", "ucs-2", " \"UTF-8\" ", "x-unknown-charset",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let all = fuzzSlice(start, count)
    guard let selector = all.first else { return 0 }
    var rest = all.dropFirst()
    let label: String?
    if Int(selector) < labels.count {
        label = labels[Int(selector)]
    } else {
        let end = rest.firstIndex(of: 0) ?? rest.endIndex
        label = String(decoding: rest[..<end], as: UTF8.self)
        rest = end < rest.endIndex ? rest[(end + 1)...] : rest[end...]
    }
    let (text, _) = CharsetDecoder.decode(rest, label: label)
    // Every charset decodes a byte to at most a few scalars; unbounded growth is a bug.
    require(text.unicodeScalars.count <= max(16, rest.count * 4),
            "\(rest.count) bytes in \(label ?? "nil") decoded to \(text.unicodeScalars.count) scalars")
    return 0
}

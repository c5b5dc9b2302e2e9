internal import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Reads links and visible text out of HTML with libxml2's HTML parser, in streaming (SAX) mode:
/// no tree is built, so memory stays flat and depth costs nothing on the stack. libxml2 does the
/// hard part that hand-written scanners get wrong: entities, unclosed tags, implied elements,
/// attribute quoting.
public enum HTMLExtractor {
    /// Parses `html` (already decoded to Unicode by the MIME layer). Never fails: the parser
    /// recovers from anything, and an input it cannot start on yields no links.
    ///
    /// Depth: `XML_PARSE_HUGE` lifts libxml2's 256-level cap (which would silently drop what is
    /// nested deeper); nothing here recurses, so depth costs neither stack nor time. Elements
    /// deeper than `maxDepth` are skipped (their text and links), and `HTMLContent.depthLimitHit`
    /// says so. Network: `HTML_PARSE_NONET`, no entity or DTD callbacks, no `DTDLOAD`, and
    /// libxml2's external entity loader replaced by one that refuses (`mailsift_xml_no_network`).
    public static func extract(_ html: String, maxLinks: Int = 10_000, maxDepth: Int = 4_096) -> HTMLContent {
        LibXML.initialize()
        let collector = SAXCollector(maxLinks: maxLinks, maxDepth: maxDepth)
        var html = html
        let user = Unmanaged.passUnretained(collector).toOpaque()
        let options = parseOptions
        // The string's own UTF-8 storage goes to libxml2: no copy.
        html.withUTF8 { buf in
            // libxml2 takes an Int32 length; a part larger than that was cut by the MIME limits.
            guard let base = buf.baseAddress, buf.count > 0 else { return }
            let count = min(buf.count, Int(Int32.max))
            base.withMemoryRebound(to: CChar.self, capacity: count) { p in
                _ = mailsift_html_sax_parse(p, Int32(count), options, saxStart, saxEnd, saxCharacters, user)
            }
        }
        return collector.finish()
    }

    /// The libxml2 options every parse uses. `HTML_PARSE_*` bits are their own namespace: the
    /// HTML parser has no DTDLOAD or NOENT (bit 2 means NODEFDTD here, no default doctype), so
    /// NONET and the refusing entity loader are what keep it offline.
    static let parseOptions = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NODEFDTD.rawValue
            | HTML_PARSE_IGNORE_ENC.rawValue) | Int32(XML_PARSE_HUGE.rawValue)

    /// Whether `parseOptions` forbid the network (for tests): NONET set, and the bit that would
    /// mean NOENT (substitute entities) to the XML parser clear as well.
    public static var parseOptionsAreOffline: Bool {
        parseOptions & Int32(HTML_PARSE_NONET.rawValue) != 0
            && parseOptions & Int32(XML_PARSE_NOENT.rawValue) == 0
    }
}

/// libxml2 calls these C functions; `user` is the collector of the parse that is running.
private let saxStart: mailsift_start_fn = { user, name, atts in
    guard let user, let name else { return }
    let c = Unmanaged<SAXCollector>.fromOpaque(user).takeUnretainedValue()
    let kind = SAXCollector.element(name)
    c.start(kind) { wanted in
        guard let atts else { return nil }
        var i = 0
        while let n = atts[i] {
            if strcmp(n, wanted) == 0 {
                guard let v = atts[i + 1] else { return [] }
                return Array(UnsafeBufferPointer(start: v, count: strlen(v)))
            }
            i += 2
        }
        return nil
    }
}

private let saxEnd: mailsift_end_fn = { user, name in
    guard let user, let name else { return }
    Unmanaged<SAXCollector>.fromOpaque(user).takeUnretainedValue().end(SAXCollector.element(name))
}

private let saxCharacters: mailsift_chars_fn = { user, ch, len in
    guard let user, let ch, len > 0 else { return }
    Unmanaged<SAXCollector>.fromOpaque(user).takeUnretainedValue().characters(UnsafeBufferPointer(start: ch, count: Int(len)))
}

enum LibXML {
    /// xmlInitParser must run once before any thread parses; Swift runs a global's initializer
    /// exactly once, thread-safely.
    private static let initialized: Bool = {
        xmlInitParser()
        mailsift_xml_silence()
        mailsift_xml_no_network()
        return true
    }()

    static func initialize() {
        _ = initialized
        // The silent error handler is per thread; worker threads need it too.
        mailsift_xml_silence()
    }

    /// RFC 3986 §5 reference resolution through libxml2.
    static func resolve(_ ref: String, base: String) -> String? {
        guard let p = mailsift_build_uri(ref, base) else { return nil }
        defer { mailsift_xml_free(p) }
        return String(cString: p)
    }
}

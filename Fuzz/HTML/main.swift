// Fuzz target `html`: link and visible-text extraction from HTML through libxml2's SAX parser
// (HTMLExtractor / SAXCollector: anchors, areas, <base href>, entities, script/style skipping,
// the bare URLs in text), and the plain-text link scanner on the same input.
@testable import MailHTML

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let html = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    for maxLinks in [10_000, 3] {
        let content = HTMLExtractor.extract(html, maxLinks: maxLinks)
        require(content.links.count <= maxLinks, "\(content.links.count) links with maxLinks \(maxLinks)")
        for link in content.links {
            // Browsers drop tabs and line breaks inside URLs and trim the ends; so do we.
            require(!link.url.utf8.contains(0x0A) && !link.url.utf8.contains(0x09) && !link.url.utf8.contains(0x0D),
                    "extracted URL holds a tab or line break: \(link.url.debugDescription)")
        }
        _ = content.text
    }
    let scanned = TextLinkScanner.scan(html, maxLinks: 10_000)
    for link in scanned {
        require(!link.url.isEmpty, "text scanner found an empty URL")
    }
    return 0
}

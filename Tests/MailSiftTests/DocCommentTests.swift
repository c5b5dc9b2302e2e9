import Foundation
import Testing

/// Every `public` (or `open`) declaration in Sources/ carries a `///` doc comment: the libraries
/// are products, and their users read the API through those comments.
@Suite struct DocCommentTests {
    /// `public`/`open` declarations without a doc comment right above them (attribute lines such
    /// as `@inlinable` or `@discardableResult` may sit between), as `path:line: text`.
    static func undocumented(in source: String, path: String) -> [String] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var found: [String] = []
        var inBlockComment = false
        for (i, line) in lines.enumerated() {
            if inBlockComment { if line.contains("*/") { inBlockComment = false }; continue }
            if line.hasPrefix("/*") && !line.contains("*/") { inBlockComment = true; continue }
            guard isPublicDeclaration(line) else { continue }
            var j = i - 1
            while j >= 0, isAttributeLine(lines[j]) { j -= 1 }
            let above = j >= 0 ? lines[j] : ""
            if !(above.hasPrefix("///") || above.hasSuffix("*/") && documentationBlockStarts(before: j, in: lines)) {
                found.append("\(path):\(i + 1): \(line)")
            }
        }
        return found
    }

    /// A line that declares something public: attributes first are allowed, `public import` is not
    /// a declaration, and `public` inside a string or after code does not count.
    static func isPublicDeclaration(_ line: String) -> Bool {
        var rest = Substring(line)
        while rest.hasPrefix("@") {
            // Skip one attribute, with its parenthesised arguments.
            var depth = 0
            var end = rest.startIndex
            for (k, c) in zip(rest.indices, rest) {
                if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
                if c == " " && depth == 0 && k > rest.startIndex { end = k; break }
                end = rest.endIndex
            }
            rest = rest[end...].drop { $0 == " " }
        }
        guard rest.hasPrefix("public ") || rest.hasPrefix("open ") || rest.hasPrefix("public(") else { return false }
        return !rest.hasPrefix("public import ") && !rest.hasPrefix("open import ")
    }

    static func isAttributeLine(_ line: String) -> Bool {
        line.hasPrefix("@") && !isPublicDeclaration(line) && !line.contains(" func ") && !line.contains(" var ")
    }

    /// Whether the block comment ending on line `end` opened with `/**`.
    static func documentationBlockStarts(before end: Int, in lines: [String]) -> Bool {
        var k = end
        while k >= 0 {
            if lines[k].hasPrefix("/**") { return true }
            if lines[k].hasPrefix("/*") { return false }
            k -= 1
        }
        return false
    }

    @Test func everyPublicDeclarationIsDocumented() throws {
        let sources = TestSupport.repoRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 50)
        var missing: [String] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            let text = try String(contentsOf: file, encoding: .utf8)
            let rel = String(file.path.dropFirst(TestSupport.repoRoot.path.count + 1))
            missing += Self.undocumented(in: text, path: rel)
        }
        #expect(missing.isEmpty, "public declarations without a /// comment:\n\(missing.joined(separator: "\n"))")
    }

    @Test func theCheckIsNotFooledByAttributes() {
        let source = """
        /// Documented.
        public struct A {}

        public struct B {}

        @frozen public enum C {}

        /// Documented, attribute between.
        @inlinable
        public func d() {}

        @available(macOS 13, *)
        public func e() {}

        /// Documented, attribute on the same line.
        @discardableResult public func f() -> Int { 0 }

        // Not a doc comment.
        public var g = 0

        public import Foundation
        let s = "public var notADeclaration"
        /** Block doc. */
        public var h = 0
        """
        let found = Self.undocumented(in: source, path: "x.swift").map { $0.split(separator: ":")[1] }
        #expect(found == ["4", "6", "13", "19"])
    }
}

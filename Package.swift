// swift-tools-version: 6.0
import PackageDescription

// The folders follow the pipeline: read mailbox → parse MIME → extract links → classify → report → CLI.
// Every dependency points one way, down this list.
let package = Package(
    name: "mailsift",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mailsift", targets: ["mailsift"]),
        // Every layer is a library of its own, so another package can take only what it needs
        // (MailMIME alone parses mail; MailSift runs the whole pipeline).
        .library(name: "MailInput", targets: ["MailInput"]),
        .library(name: "MailMIME", targets: ["MailMIME"]),
        .library(name: "MailHTML", targets: ["MailHTML"]),
        .library(name: "MailTemplates", targets: ["MailTemplates"]),
        .library(name: "MailSift", targets: ["MailSift"]),
        .library(name: "MailDiagnosis", targets: ["MailDiagnosis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Finds messages in files, folders, mbox and Maildir; knows nothing of MIME.
        .target(name: "MailInput"),
        // Turns one message's bytes into headers, a part tree and decoded text.
        .target(name: "MailMIME"),
        // Reads links and visible text out of HTML (libxml2) and plain text.
        .target(name: "MailHTML", dependencies: ["CLibXML2"]),
        // Decides which BSrE mail a message is, from a catalogue of templates kept as data.
        .target(
            name: "MailTemplates",
            dependencies: ["MailMIME", "MailHTML"],
            resources: [.embedInCode("Resources/catalogue.json")]
        ),
        // Runs the pipeline from raw message to report and writes reports out.
        .target(name: "MailSift", dependencies: [
            "MailInput", "MailMIME", "MailHTML", "MailTemplates",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Answers "why can't this person finish registration?" from a mailbox's reports.
        .target(name: "MailDiagnosis", dependencies: ["MailSift", "MailMIME"]),
        // The command line: arguments, output, exit codes.
        .executableTarget(
            name: "mailsift",
            dependencies: ["MailSift", "MailDiagnosis", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "MailInputTests", dependencies: ["MailInput"]),
        .testTarget(name: "MailMIMETests", dependencies: ["MailMIME"]),
        .testTarget(name: "MailHTMLTests", dependencies: ["MailHTML"]),
        .testTarget(name: "MailTemplatesTests", dependencies: ["MailTemplates"]),
        .testTarget(name: "MailSiftTests", dependencies: ["MailSift", "MailInput", "mailsift"]),
        .testTarget(name: "MailDiagnosisTests", dependencies: ["MailDiagnosis", "MailSift", "MailMIME"]),
    ],
    swiftLanguageModes: [.v6]
)

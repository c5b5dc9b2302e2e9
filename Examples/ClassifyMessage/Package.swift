// swift-tools-version: 6.0
import PackageDescription

// Uses mailsift as a library from another package: the root package by relative path, exactly
// as a package elsewhere would use it by URL and version.
let package = Package(
    name: "ClassifyMessage",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "mailsift", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "ClassifyMessage",
            dependencies: [
                .product(name: "MailSift", package: "mailsift"),
                .product(name: "MailInput", package: "mailsift"),
                .product(name: "MailTemplates", package: "mailsift"),
                .product(name: "MailMIME", package: "mailsift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

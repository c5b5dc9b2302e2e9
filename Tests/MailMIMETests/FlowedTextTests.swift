import Testing

@testable import MailMIME

struct FlowedTextTests {
    @Test func softBreaksAreJoined() {
        let text = "This is a long \nparagraph that was \nwrapped.\nNext line.\n"
        #expect(FlowedText.unflow(text, delSp: false) == "This is a long paragraph that was wrapped.\nNext line.\n")
    }

    @Test func delSpRemovesTheTrailingSpace() {
        // With DelSp=yes the sender added the space only to mark the break (RFC 3676 §4.5),
        // which is how clients wrap URLs and words in languages without spaces.
        let text = "https://example.com/verify?tok \nen=abc123 \n&x=1\n"
        #expect(FlowedText.unflow(text, delSp: true) == "https://example.com/verify?token=abc123&x=1\n")
        #expect(FlowedText.unflow(text, delSp: false) == "https://example.com/verify?tok en=abc123 &x=1\n")
    }

    @Test func delSpRemovesOnlyOneSpace() {
        #expect(FlowedText.unflow("a  \nb\n", delSp: true) == "a b\n")
    }

    @Test func fixedLinesStay() {
        let text = "line one\nline two\n\nparagraph\n"
        #expect(FlowedText.unflow(text, delSp: false) == text)
    }

    @Test func crlfInputGivesLFOutput() {
        let text = "Hello \r\nworld\r\nsecond\r\n"
        #expect(FlowedText.unflow(text, delSp: false) == "Hello world\nsecond\n")
    }

    @Test func spaceStuffingIsRemoved() {
        // §4.4: senders stuff lines starting with a space, "From " or ">".
        let text = " From here \n >not a quote\n  two spaces\n"
        #expect(FlowedText.unflow(text, delSp: false) == "From here >not a quote\n two spaces\n")
    }

    @Test func signatureSeparatorIsNeverFlowed() {
        let text = "Thanks \n-- \nJane \nDoe\n"
        #expect(FlowedText.unflow(text, delSp: false) == "Thanks \n-- \nJane Doe\n")
        #expect(FlowedText.unflow(text, delSp: true) == "Thanks\n-- \nJaneDoe\n")
    }

    @Test func quotedSignatureSeparatorIsNeverFlowed() {
        let text = "> Bye \n> -- \n> Sig\n"
        #expect(FlowedText.unflow(text, delSp: false) == "> Bye \n> -- \n> Sig\n")
    }

    @Test func quotedLinesJoinAtTheSameDepth() {
        let text = "> This is quoted \n> and flowed.\n>> Deeper \n>> too.\nReply.\n"
        #expect(FlowedText.unflow(text, delSp: false) == "> This is quoted and flowed.\n>> Deeper too.\nReply.\n")
    }

    @Test func aChangeOfQuoteDepthEndsTheParagraph() {
        // §4.5: a flowed line followed by a line of another depth is treated as fixed.
        let text = "> quoted \n>> deeper \nplain \n> back\n"
        #expect(FlowedText.unflow(text, delSp: false) == "> quoted \n>> deeper \nplain \n> back\n")
        #expect(FlowedText.unflow(text, delSp: true) == "> quoted\n>> deeper\nplain\n> back\n")
    }

    @Test func quotePrefixWithoutStuffingSpace() {
        #expect(FlowedText.unflow(">>a \n>>b\n", delSp: false) == ">>a b\n")
    }

    @Test func quoteMarksAfterTheStuffingSpaceAreText() {
        // "> > x" is depth 1 whose text happens to start with ">" (RFC 3676 §4.5 counts only
        // the leading run of '>').
        #expect(FlowedText.unflow("> > a \n> > b\n", delSp: false) == "> > a > b\n")
    }

    @Test func flowedLastLineWithoutNewline() {
        #expect(FlowedText.unflow("end of text ", delSp: false) == "end of text ")
        #expect(FlowedText.unflow("end of text ", delSp: true) == "end of text")
        #expect(FlowedText.unflow("a \nb", delSp: false) == "a b")
    }

    @Test func flowedLineBeforeAnEmptyLine() {
        // An empty line is a (fixed) line of depth 0: the paragraph ends with it.
        #expect(FlowedText.unflow("a \n\nb\n", delSp: false) == "a \nb\n")
    }

    @Test func emptyAndBlankInput() {
        #expect(FlowedText.unflow("", delSp: false) == "")
        #expect(FlowedText.unflow("\n", delSp: false) == "\n")
        #expect(FlowedText.unflow("\r\n\r\n", delSp: true) == "\n\n")
    }

    @Test func nonASCIITextIsUntouched() {
        let text = "Grüße aus \nKöln, 日本 \n語\n"
        #expect(FlowedText.unflow(text, delSp: false) == "Grüße aus Köln, 日本 語\n")
        #expect(FlowedText.unflow(text, delSp: true) == "Grüße ausKöln, 日本語\n")
    }

    /// A DelSp=yes activation mail as a client sends it: words broken at doubled spaces, a token
    /// URL broken mid-token, a quoted reply, a signature, CRLF line ends.
    @Test func realisticMessage() {
        let text =
            "Hi Ann,\r\n\r\nPlease activate your account with this link, which is valid for  \r\n"
            + "24 hours:  \r\nhttps://example.com/activate?id=8f3a9c2e7b&token=eyJhbGciOiJIUzI1NiIs \r\n"
            + "InR5cCI6IkpXVCJ9\r\n\r\n> On Monday you wrote:  \r\n> Where is my link?\r\n\r\n-- \r\nSupport\r\n"
        let expected =
            "Hi Ann,\n\nPlease activate your account with this link, which is valid for 24 hours: "
            + "https://example.com/activate?id=8f3a9c2e7b&token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\n\n"
            + "> On Monday you wrote: Where is my link?\n\n-- \nSupport\n"
        #expect(FlowedText.unflow(text, delSp: true) == expected)
    }
}

# mailsift: build, test, generated shell completions and man page, install.
#
#   make                          release build (.build/release/mailsift)
#   make test                     the test suite (the same command as README and .ci/run)
#   make share                    share/: completions for bash, zsh, fish and the man page
#   make install PREFIX=~/.local  binary, man page and completions under PREFIX
#   make uninstall PREFIX=…       removes what install put there
#
# share/ is generated (git ignores it): the completions come from the binary itself, the man
# page from swift-argument-parser's generate-manual plugin, so both always match the options.

PREFIX  ?= /usr/local
DESTDIR ?=
SWIFT   ?= swift

BINDIR      = $(DESTDIR)$(PREFIX)/bin
MANDIR      = $(DESTDIR)$(PREFIX)/share/man/man1
BASHCOMPDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHCOMPDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

RELEASE = .build/release/mailsift
# A fixed date keeps the man page byte-identical from one build to the next.
MANDATE = $(shell sed -n 's/^## \[[0-9][^]]*\] - \([0-9-]*\).*/\1/p' CHANGELOG.md | head -n 1)

.PHONY: all build test share install uninstall clean

all: build

build:
	$(SWIFT) build -c release --product mailsift

test:
	$(SWIFT) test

share: build
	mkdir -p share/completions share/man
	$(RELEASE) --generate-completion-script bash > share/completions/mailsift.bash
	$(RELEASE) --generate-completion-script zsh  > share/completions/_mailsift
	$(RELEASE) --generate-completion-script fish > share/completions/mailsift.fish
	$(SWIFT) package plugin generate-manual --date $(MANDATE)
	cp .build/plugins/GenerateManual/outputs/mailsift/mailsift.1 share/man/mailsift.1

install: share
	install -d $(BINDIR) $(MANDIR) $(BASHCOMPDIR) $(ZSHCOMPDIR) $(FISHCOMPDIR)
	install -m 755 $(RELEASE) $(BINDIR)/mailsift
	install -m 644 share/man/mailsift.1 $(MANDIR)/mailsift.1
	install -m 644 share/completions/mailsift.bash $(BASHCOMPDIR)/mailsift
	install -m 644 share/completions/_mailsift $(ZSHCOMPDIR)/_mailsift
	install -m 644 share/completions/mailsift.fish $(FISHCOMPDIR)/mailsift.fish

uninstall:
	rm -f $(BINDIR)/mailsift $(MANDIR)/mailsift.1 $(BASHCOMPDIR)/mailsift \
	      $(ZSHCOMPDIR)/_mailsift $(FISHCOMPDIR)/mailsift.fish

clean:
	rm -rf share .build-example

#!/usr/bin/env python3
"""Writes Samples/diagnose/: mailbox exports of six registrants in different situations, for
`mailsift diagnose` and its goldens. Deterministic (fixed names, dates, tokens); run it again after
changing it, then re-record the goldens (RECORD_GOLDEN=1 swift test --filter DiagnoseGoldenTests).

  scripts/make_diagnose_samples.py
"""
import base64, datetime, email.utils, json, os, quopri, shutil, zlib

root = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Samples", "diagnose")

def qp(s):
    return quopri.encodestring(s.encode("utf-8")).decode("ascii")

def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

def jwt(exp, iat, typ, eml, seed):
    h = b64url(json.dumps({"alg": "HS512", "typ": "JWT", "kid": "952565dc-3003-4abd-9efc-6f0b07fe3ed4"}, separators=(",", ":")).encode())
    p = b64url(json.dumps({"exp": exp, "iat": iat, "jti": "%08x-1d09-4e2b-babe-c44572d619e4" % seed, "iss": "https://sso-bsre.bssn.go.id/realms/ams",
                           "typ": typ, "azp": "ams-portal", "eml": eml}, separators=(",", ":")).encode())
    s = b64url(bytes((seed * 31 + i * 7) % 256 for i in range(64)))
    return "%s.%s.%s" % (h, p, s)

def date(y, mo, d, h, mi, s=0):
    return datetime.datetime(y, mo, d, h, mi, s, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))

AUTH_PASS = ("Authentication-Results: mx.google.com;\n       dkim=pass header.i=@bssn.go.id header.s=default;\n"
             "       spf=pass smtp.mailfrom=noreply.bsre@bssn.go.id;\n       dmarc=pass (p=QUARANTINE) header.from=bssn.go.id\n")

def message(to_name, to_addr, subject, when, msgid, text, html, sender="noreply.bsre@bssn.go.id", extra=""):
    boundary = "b" + msgid[:12]
    return (f"Received: from mail.bssn.go.id (mail.bssn.go.id [203.0.113.45])\n        by mx.google.com with ESMTPS id {msgid[:10]}\n"
            f"        for <{to_addr}>; {email.utils.format_datetime(when)}\n" + extra + AUTH_PASS.replace("noreply.bsre@bssn.go.id", sender) +
            f"Date: {email.utils.format_datetime(when)}\nFrom: \"Balai Sertifikasi Elektronik\" <{sender}>\n"
            f"To: {to_name} <{to_addr}>\nSubject: {subject}\nMessage-ID: <{msgid}@bssn.go.id>\nMIME-Version: 1.0\n"
            f"Content-Type: multipart/alternative; boundary=\"{boundary}\"\n\n"
            f"--{boundary}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n{qp(text)}\n"
            f"--{boundary}\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n{qp(html)}\n"
            f"--{boundary}--\n")

def aktivasi(name, addr, when, uuid):
    url = f"https://bsre.bssn.go.id/email/aktivasi/akun/{uuid}"
    text = (f"Hai {name.upper()}\n\nTerimakasih telah bergabung bersama kami!\n\nTerima kasih telah bergabung di Layanan Balai "
            f"Sertifikasi Elektronik. Silakan klik tombol berikut untuk tahap registrasi akun Anda\n\nAktivasi Akun: {url}\n\n"
            "Terimakasih,\nBalai Sertifikasi Elektronik")
    html = (f"<html><body><p>Hai {name.upper()}</p><p>Terimakasih telah bergabung bersama kami!</p><p>Terima kasih telah bergabung "
            f"di Layanan Balai Sertifikasi Elektronik. Silakan klik tombol berikut untuk tahap registrasi akun Anda</p>"
            f"<p><a href=\"{url}\">Aktivasi Akun</a></p><p>Terimakasih,<br>Balai Sertifikasi Elektronik</p></body></html>")
    return message(name, addr, "Aktivasi Akun", when, uuid.replace("-", "")[:32], text, html)

def passphrase(name, addr, when, token):
    url = f"https://bsre.bssn.go.id/passphrase/set/{token}?email={addr.replace('@', '%40')}"
    text = (f"Hai {name.upper()}\n\nAkun Anda telah berhasil diverifikasi. Silakan buat passphrase untuk pengamanan Sertifikat "
            f"Elektronik Anda. Passphrase harus mengandung setidaknya satu huruf besar, satu huruf kecil, satu karakter khusus, dan "
            f"satu angka.\n\nBuat Passphrase: {url}\n\nTerimakasih,\nBalai Sertifikasi Elektronik")
    html = (f"<html><body><p>Hai {name.upper()}</p><p>Akun Anda telah berhasil diverifikasi. Silakan buat passphrase untuk "
            f"pengamanan Sertifikat Elektronik Anda.</p><p><a href=\"{url.replace('&', '&amp;')}\">Buat Passphrase</a></p>"
            f"<p>Terimakasih,<br>Balai Sertifikasi Elektronik</p></body></html>")
    return message(name, addr, "Set Passphrase", when, token, text, html)

def informasi(name, addr, when, username, password, seed):
    text = (f"Hai {name.upper()}\n\nBerikut informasi akun Anda:\n\nUsername: {username}\nPassword: {password}\n\n"
            "Segera ganti password Anda setelah login pertama.\n\nLogin: https://portal-bsre.bssn.go.id/login\n\n"
            "Terimakasih,\nBalai Sertifikasi Elektronik")
    html = (f"<html><body><p>Hai {name.upper()}</p><p>Berikut informasi akun Anda:</p><p>Username: {username}<br>Password: "
            f"{password}</p><p>Segera ganti password Anda setelah login pertama.</p><p><a href=\"https://portal-bsre.bssn.go.id/login\">"
            "Login</a></p><p>Terimakasih,<br>Balai Sertifikasi Elektronik</p></body></html>")
    return message(name, addr, "Informasi Akun", when, "%032x" % (seed * 7919), text, html)

def reset(addr, when, exp_hours, seed):
    iat = int(when.timestamp())
    key = jwt(iat + exp_hours * 3600, iat, "reset-credentials", addr, seed)
    url = f"https://sso-bsre.bssn.go.id/realms/ams/login-actions/action-token?key={key}&client_id=ams-portal&tab_id=Tb{seed:08d}"
    text = (f"Someone just requested to change your ams account's credentials. If this was you, click on the link below to reset "
            f"them.\n\n{url}\n\nThis link and code will expire within {exp_hours // 24} day{'s' if exp_hours > 24 else ''}.\n\n"
            "If you don't want to reset your credentials, just ignore this message and nothing will be changed.")
    html = (f"<html><body><p>Someone just requested to change your ams account's credentials. If this was you, click on the "
            f"link below to reset them.</p><p><a href=\"{url.replace('&', '&amp;')}\">Link to reset credentials</a></p>"
            f"<p>This link will expire within {exp_hours // 24} day{'s' if exp_hours > 24 else ''}.</p><p>If you don't want to reset "
            "your credentials, just ignore this message and nothing will be changed.</p></body></html>")
    return message(None or "", addr, "Reset password", when, "%032x" % (seed * 104729), text, html, sender="osd@bssn.go.id").replace("To:  <", "To: <")

def takeout(msgs):
    out = []
    for labels, m in msgs:
        when = [l for l in m.split("\n") if l.startswith("Date: ")][0][6:]
        stamp = email.utils.parsedate_to_datetime(when).astimezone(datetime.timezone.utc).strftime("%a %b %d %H:%M:%S +0000 %Y")
        out.append(f"From 18{zlib.crc32(m.encode()) * 7919 % 10**17:017d}@xxx {stamp}\nX-GM-THRID: 18{zlib.crc32(m.encode()) * 7919 % 10**17:017d}\n"
                   f"X-Gmail-Labels: {labels}\n" + m.replace("\nFrom ", "\n>From ") + "\n")
    return "".join(out)

def write(path, text):
    with open(os.path.join(root, path), "w", newline="\n") as f:
        f.write(text)

def maildir(name, files):
    base = os.path.join(root, name)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(base, sub), exist_ok=True)
    for rel, text in files:
        os.makedirs(os.path.join(base, os.path.dirname(rel)), exist_ok=True)
        with open(os.path.join(base, rel), "w", newline="\n") as f:
            f.write(text)

if os.path.exists(root):
    shutil.rmtree(root)
os.makedirs(root)


# 1. Everything fine: all three registration mails in the Inbox.
A = ("Agung Wicaksono", "agung.wicaksono@gmail.com")
write("01-agung-semua-lengkap.mbox", takeout([
    ("Kotak Masuk,Dibuka,Penting", aktivasi(*A, date(2025, 11, 24, 10, 15, 21), "c1fa22f9-2917-49aa-9257-afac6e510cd0")),
    ("Kotak Masuk,Dibuka", passphrase(*A, date(2025, 11, 24, 10, 41, 2), "787b6b816590b1fbd9f2863481b1451d")),
    ("Kotak Masuk,Dibuka", informasi(*A, date(2025, 11, 24, 11, 3, 40), "agung.wicaksono", "Xr7#kPq2!mZ", 11)),
]))

# 2. The activation mail went to Spam, and a phishing imitation arrived too.
D = ("Dewi Lestari", "dewi.lestari@gmail.com")
phish = message("Dewi Lestari", D[1], "Aktivasi Akun", date(2025, 11, 25, 22, 41, 9), "7f3e2a9b8c1d4e5f6a7b8c9d0e1f2a3b",
                "Hai DEWI LESTARI\n\nTerima kasih telah bergabung di Layanan Balai Sertifikasi Elektronik. Silakan klik tombol berikut "
                "untuk tahap registrasi akun Anda\n\nAktivasi Akun: https://bsre.bssn-verifikasi.id/email/aktivasi/akun/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\n",
                "<html><body><p>Hai DEWI LESTARI</p><p>Terima kasih telah bergabung di Layanan Balai Sertifikasi Elektronik. Silakan klik "
                "tombol berikut untuk tahap registrasi akun Anda</p><p><a href=\"https://bsre.bssn-verifikasi.id/email/aktivasi/akun/"
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\">Aktivasi Akun</a></p></body></html>",
                sender="noreply@bssn-verifikasi.id")
phish = phish.replace("dmarc=pass (p=QUARANTINE) header.from=bssn.go.id", "dmarc=fail (p=NONE) header.from=bssn-verifikasi.id")
write("02-dewi-aktivasi-di-spam.mbox", takeout([
    ("Spam,Kategori Pembaruan", aktivasi(*D, date(2025, 11, 26, 9, 13, 0), "5e0b7c1a-3f2d-4e8a-9b61-2c4d8e7f9a03")),
    ("Spam", phish),
]))

# 3. Registration complete, an expired reset and a newer valid one (Maildir, Thunderbird/Dovecot layout).
R = ("Rizky Pratama", "rizky.pratama@ub.ac.id")
maildir("03-rizky-reset-kedaluwarsa", [
    ("cur/1763954121.M1P1.mail.ub.ac.id:2,S", aktivasi(*R, date(2025, 11, 20, 8, 5, 11), "8d4e2b1a-9c3f-4e5d-a6b7-c8d9e0f1a2b3")),
    ("cur/1763957330.M2P1.mail.ub.ac.id:2,S", passphrase(*R, date(2025, 11, 20, 8, 31, 45), "a1b2c3d4e5f60718293a4b5c6d7e8f90")),
    ("cur/1763958901.M3P1.mail.ub.ac.id:2,S", informasi(*R, date(2025, 11, 20, 8, 58, 3), "rizky.pratama", "Hn4$wQ8!vR2z", 23)),
    ("cur/1764040800.M4P1.mail.ub.ac.id:2,S", reset(R[1], date(2025, 11, 24, 14, 0, 0), 24, 31)),
    ("new/1764126600.M5P1.mail.ub.ac.id", reset(R[1], date(2025, 11, 26, 10, 10, 0), 24, 37)),
])

# 4. A step is missing: activation and Set Passphrase arrived, Informasi Akun never did.
S = ("Siti Rahmawati", "siti.rahmawati@ub.ac.id")
write("04-siti-informasi-akun-hilang.mbox", takeout([
    ("Kotak Masuk,Dibuka", aktivasi(*S, date(2025, 11, 21, 13, 2, 7), "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d")),
    ("Kotak Masuk,Dibuka", passphrase(*S, date(2025, 11, 21, 13, 30, 55), "0f9e8d7c6b5a49382716051423344556")),
]))

# 5. The helpdesk's own mailbox: a registrant forwarded her Set Passphrase mail inline.
fwd = ("Received: from [10.34.2.17] (unknown [10.34.2.17])\n\tby mx.ub.ac.id (Postfix) with ESMTPSA id 4dN7y1\n"
       "\tfor <helpdesk@ub.ac.id>; Tue, 25 Nov 2025 08:05:12 +0700 (WIB)\n"
       "Message-ID: <7d2f1c9e-4b3a-4e2d-9f1a-0c8b7e6d5a41@ub.ac.id>\nDate: Tue, 25 Nov 2025 08:05:10 +0700\nMIME-Version: 1.0\n"
       "User-Agent: Mozilla Thunderbird\nTo: helpdesk@ub.ac.id\nFrom: Nur Aini <nur.aini@ub.ac.id>\nSubject: Fwd: Set Passphrase\n"
       "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\nMohon dicek, tautannya tidak bisa dibuka.\n\n\n"
       "-------- Forwarded Message --------\nSubject: \tSet Passphrase\nDate: \tMon, 24 Nov 2025 15:47:02 +0700\n"
       "From: \tBalai Sertifikasi Elektronik <noreply.bsre@bssn.go.id>\nTo: \tNur Aini <nur.aini@ub.ac.id>\n\n\n\n"
       "Hai NUR AINI\n\nAkun Anda telah berhasil diverifikasi. Silakan buat passphrase untuk pengamanan Sertifikat Elektronik Anda. "
       "Passphrase harus mengandung setidaknya satu huruf besar, satu huruf kecil, satu karakter khusus, dan satu angka.\n\n"
       "Buat Passphrase: https://bsre.bssn.go.id/passphrase/set/9a8b7c6d5e4f30211203f4e5d6c7b8a9?email=nur.aini%40ub.ac.id\n\n"
       "Terimakasih,\nBalai Sertifikasi Elektronik\n")
maildir("05-helpdesk-terusan", [("cur/1764032712.M1P2.mail.ub.ac.id:2,S", fwd)])

# 6. A bounce: BSrE's activation mail to a mistyped address, returned by the university's server.
dsn = ("Return-Path: <>\nReceived: by mail.bssn.go.id (Postfix)\n\tid 4dQ0B2; Mon, 24 Nov 2025 09:20:14 +0700 (WIB)\n"
       "Date: Mon, 24 Nov 2025 09:20:14 +0700 (WIB)\nFrom: MAILER-DAEMON@bssn.go.id (Mail Delivery System)\n"
       "Subject: Undelivered Mail Returned to Sender\nTo: noreply.bsre@bssn.go.id\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\n"
       "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"4dQ0B2.1763950814/mail.bssn.go.id\"\n"
       "Message-Id: <20251124022014.4dQ0B2@mail.bssn.go.id>\n\n"
       "This is a MIME-encapsulated message.\n\n--4dQ0B2.1763950814/mail.bssn.go.id\nContent-Description: Notification\n"
       "Content-Type: text/plain; charset=us-ascii\n\nThis is the mail system at host mail.bssn.go.id.\n\n"
       "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n"
       "<putri.ayu@student.ub.ac.id>: host mx.ub.ac.id[192.0.2.25] said: 550 5.1.1\n    <putri.ayu@student.ub.ac.id>: "
       "Recipient address rejected: User unknown in virtual\n    mailbox table (in reply to RCPT TO command)\n\n"
       "--4dQ0B2.1763950814/mail.bssn.go.id\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n"
       "Reporting-MTA: dns; mail.bssn.go.id\nX-Postfix-Queue-ID: 4dQ0B2\nArrival-Date: Mon, 24 Nov 2025 09:20:12 +0700 (WIB)\n\n"
       "Final-Recipient: rfc822; putri.ayu@student.ub.ac.id\nOriginal-Recipient: rfc822;putri.ayu@student.ub.ac.id\nAction: failed\n"
       "Status: 5.1.1\nRemote-MTA: dns; mx.ub.ac.id\nDiagnostic-Code: smtp; 550 5.1.1 <putri.ayu@student.ub.ac.id>: Recipient\n"
       "    address rejected: User unknown in virtual mailbox table\n\n"
       "--4dQ0B2.1763950814/mail.bssn.go.id\nContent-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers\n\n"
       "Date: Mon, 24 Nov 2025 09:20:11 +0700\nFrom: \"Balai Sertifikasi Elektronik\" <noreply.bsre@bssn.go.id>\n"
       "To: Putri Ayu <putri.ayu@student.ub.ac.id>\nSubject: Aktivasi Akun\nMessage-ID: <9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49@bssn.go.id>\n"
       "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"pVnLn6Aj\"\n\n"
       "--4dQ0B2.1763950814/mail.bssn.go.id--\n")
write("06-putri-gagal-terkirim.mbox", "From MAILER-DAEMON Mon Nov 24 02:20:14 2025\n" + dsn.replace("\nFrom ", "\n>From ") + "\n")
print("wrote", root)

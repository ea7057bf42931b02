#!/usr/bin/env python3
"""Blind DLP-evasion test corpus generator (stdlib only).

Writes registry.json, positive/NNN.eml, negative/NNN.eml and index.tsv
next to this script.  Deterministic (fixed seeds).
"""
import base64, quopri, zipfile, io, gzip, tarfile, zlib, random, json, os, sys
import datetime, unicodedata, email, email.header, email.utils
from email import policy

OUT = os.path.dirname(os.path.abspath(__file__))
random.seed(20241208)

# ---------------------------------------------------------------- registry
CLIENTS = [
    ("c-1", "Thaddeus", "Vanterpool", "1987-03-14", ["MCD-482-917", "MR778812"]),
    ("c-2", "Begoña", "Echeverría", "1992-11-05", ["MCD-305-661"]),
    ("c-3", "Íñigo", "Zubizarreta", "1979-07-22", ["MR551903"]),
    ("c-4", "Philippa", "Okonkwo-Lindqvist", "2001-01-30", ["MCD-720-148", "MR120934"]),
    ("c-5", "Cornelius", "Marchbanks", "1965-09-09", ["MR230417"]),
    ("c-6", "Ysolde", "Fairweather", "2010-06-18", ["MCD-914-302"]),
    ("c-7", "Lazarus", "Quennell", "1958-12-01", ["MR902266"]),
    ("c-8", "Ottilie", "Grimsditch", "1995-04-27", ["MCD-118-559", "MR340071"]),
    ("c-9", "Ramón", "Villaseñor", "1983-08-29", ["MR664120"]),
    ("c-10", "Hesketh", "Pardoe", "2005-02-11", ["MCD-556-073"]),
    ("c-11", "Wilhelmina", "Strzelecki", "1974-10-03", ["MR417788"]),
    ("c-12", "Ansel", "Tregenza", "1999-05-16", ["MCD-863-240"]),
]
CASES = [
    ("2023-CW-04417", ["c-1"]), ("2024-FC-00981", ["c-2"]), ("2022-JV-10253", ["c-3"]),
    ("2024-CW-00388", ["c-4", "c-6"]), ("2021-PR-07710", ["c-5"]), ("2023-DV-00056", ["c-7"]),
    ("2024-JV-03312", ["c-8"]), ("2022-CW-08841", ["c-9"]), ("2023-FC-01179", ["c-10"]),
    ("2024-PR-00642", ["c-11"]), ("2020-CW-11905", ["c-12"]), ("2023-AD-02287", ["c-6"]),
]


class C:
    def __init__(self, t):
        self.id, self.g, self.f, self.dob, self.ids = t
        self.y, self.m, self.d = map(int, self.dob.split("-"))

    @property
    def full(self):
        return f"{self.g} {self.f}"

    @property
    def fc(self):
        return f"{self.f.upper()}, {self.g}"


CL = {t[0]: C(t) for t in CLIENTS}
c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12 = [CL[f"c-{i}"] for i in range(1, 13)]
K = {n: n for n, _ in CASES}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MON_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre"]
MON_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]
MON_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember"]
ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
       "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
       "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second",
       "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh",
       "twenty-eighth", "twenty-ninth", "thirtieth", "thirty-first"]


def sfx(d):
    return "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def dfmt(c, st):
    y, m, d = c.y, c.m, c.d
    return {
        "iso": f"{y:04d}-{m:02d}-{d:02d}",
        "dmy": f"{d:02d}/{m:02d}/{y}",
        "mdy": f"{m:02d}/{d:02d}/{y}",
        "dmy_dot": f"{d:02d}.{m:02d}.{y}",
        "dmy_dot2": f"{d:02d}.{m:02d}.{y % 100:02d}",
        "dmy_short": f"{d}/{m}/{y % 100:02d}",
        "long": f"{d} {MONTHS[m - 1]} {y}",
        "us_long": f"{MONTHS[m - 1]} {d}, {y}",
        "us_ord": f"{MONTHS[m - 1]} {d}{sfx(d)}, {y}",
        "compact": f"{y:04d}{m:02d}{d:02d}",
        "dmon": f"{d:02d}-{MONTHS[m - 1][:3]}-{y}",
        "es": f"{d} de {MON_ES[m - 1]} de {y}",
        "fr": f"{d} {MON_FR[m - 1]} {y}",
        "de": f"{d}. {MON_DE[m - 1]} {y}",
        "ymd_slash": f"{y}/{m:02d}/{d:02d}",
        "words": f"the {ORD[d]} of {MONTHS[m - 1]}, {y}",
        "dmy_nopad": f"{d}/{m}/{y}",
    }[st]


# ---------------------------------------------------------------- unicode helpers
CYR = {'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'K': 'К', 'M': 'М', 'O': 'О', 'P': 'Р',
       'T': 'Т', 'X': 'Х', 'a': 'а', 'c': 'с', 'e': 'е', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у',
       'i': 'і', 's': 'ѕ', 'j': 'ј'}
GRK = {'A': 'Α', 'B': 'Β', 'E': 'Ε', 'Z': 'Ζ', 'H': 'Η', 'I': 'Ι', 'K': 'Κ', 'M': 'Μ', 'N': 'Ν',
       'O': 'Ο', 'P': 'Ρ', 'T': 'Τ', 'X': 'Χ', 'Y': 'Υ', 'o': 'ο', 'v': 'ν'}
SMALLCAPS = dict(zip("abcdefghijklmnoprstuwyz", "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴡʏᴢ"))


def homo(s, table):
    return "".join(table.get(ch, ch) for ch in s)


def fullwidth(s):
    return "".join("\u3000" if ch == " " else chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in s)


def mathalpha(s, upper, lower, digit=None):
    out = ""
    for ch in s:
        if "A" <= ch <= "Z":
            out += chr(upper + ord(ch) - 65)
        elif "a" <= ch <= "z":
            out += chr(lower + ord(ch) - 97)
        elif digit and "0" <= ch <= "9":
            out += chr(digit + ord(ch) - 48)
        else:
            out += ch
    return out


def interleave(s, seps):
    out = ""
    for i, ch in enumerate(s):
        out += ch
        if i < len(s) - 1 and ch != " " and s[i + 1] != " ":
            out += seps[i % len(seps)]
    return out


def ents_dec(s):
    return "".join(f"&#{ord(ch)};" for ch in s)


# ---------------------------------------------------------------- MIME helpers
_ctr = [0]


def nid():
    _ctr[0] += 1
    return _ctr[0]


def b64(data, width=76):
    s = base64.b64encode(data).decode()
    return ("\n".join(s[i:i + width] for i in range(0, len(s), width)) + "\n").encode()


def qp(data):
    return quopri.encodestring(data)


def ew_b(text, cs="UTF-8"):
    return f"=?{cs}?B?{base64.b64encode(text.encode(cs.lower().replace('*es', ''))).decode()}?="


def ew_q(text, cs="UTF-8", codec=None):
    out = ""
    for byte in text.encode(codec or cs):
        ch = chr(byte)
        if ch == " ":
            out += "_"
        elif ch.isalnum() and byte < 128:
            out += ch
        else:
            out += "=%02X" % byte
    return f"=?{cs}?Q?{out}?="


def tp(text, sub="plain", cs="utf-8", cte=None, params="", extra=(), raw=None):
    if raw is not None:
        data = raw
    elif cte and cte.lower() == "base64":
        data = text.replace("\n", "\r\n").encode(cs)
    else:
        data = text.encode(cs)
    if cte is None:
        cte = "7bit" if max(data, default=0) < 128 else "quoted-printable"
    if cte.lower() == "base64":
        body = b64(data)
    elif cte.lower() == "quoted-printable":
        body = qp(data)
    else:
        body = data
    h = f'Content-Type: text/{sub}; charset="{cs}"{params}\nContent-Transfer-Encoding: {cte}\n'
    for e in extra:
        h += e + "\n"
    if not body.endswith(b"\n"):
        body += b"\n"
    return h.encode() + b"\n" + body


def rawpart(headers, body):
    h = "".join(x + "\n" for x in headers).encode("utf-8")
    if isinstance(body, str):
        body = body.encode()
    if not body.endswith(b"\n"):
        body += b"\n"
    return h + b"\n" + body


def att(ctype, filename, data, cte="base64", disp=None, extra=()):
    """Attachment with a plain filename (caller can pass full disp to override)."""
    if isinstance(data, str):
        data = data.replace("\n", "\r\n").encode("utf-8")
    heads = [f'Content-Type: {ctype}' + (f'; name="{filename}"' if filename and disp is None else "")]
    if disp is None:
        heads.append(f'Content-Disposition: attachment; filename="{filename}"')
    elif disp:
        heads.append(disp)
    heads.append(f"Content-Transfer-Encoding: {cte}")
    heads += list(extra)
    body = b64(data) if cte.lower() == "base64" else data
    return rawpart(heads, body)


def mp(subtype, parts, params="", extra=()):
    b = f"=_agency_{nid():04d}_{random.randrange(16 ** 8):08x}"
    out = f'Content-Type: multipart/{subtype}; boundary="{b}"{params}\n'
    for e in extra:
        out += e + "\n"
    out = out.encode() + b"\nThis is a multi-part message in MIME format.\n"
    for p in parts:
        out += b"\n--" + b.encode() + b"\n" + p
        if out.endswith(b"\n"):
            out = out[:-1]
    out += b"\n--" + b.encode() + b"--\n"
    return out


def rfc822(inner):
    return b"Content-Type: message/rfc822\nContent-Disposition: inline\n\n" + inner


STAFF = [("Priya Halvorsen", "p.halvorsen"), ("Dominic Achterberg", "d.achterberg"),
         ("Fenella Marsh", "f.marsh"), ("Oluwaseun Brandt", "o.brandt"),
         ("Greta Sandoval", "g.sandoval"), ("Tomasz Whitcombe", "t.whitcombe"),
         ("Imogen Latchford", "i.latchford"), ("Rafael Ostrowski", "r.ostrowski")]
OUTSIDE = [("Records Desk", "records@northvale-clinic.example"),
           ("Intake Team", "intake@harrowgate-law.example"),
           ("Admissions", "admissions@st-brigid-school.example"),
           ("Joana Ferreira", "j.ferreira@mailbox.example"),
           ("Claims Unit", "claims@brightpath-insurance.example"),
           ("Referrals", "referrals@riverside-health.example"),
           ("Kofi Ampofo", "kofi.ampofo@freemail.example"),
           ("Dr. Elspeth Moorcroft", "e.moorcroft@oakridge-pediatrics.example")]

BASE_DATE = datetime.datetime(2024, 5, 6, 8, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))


def sig(st):
    return f"\n--\n{st[0]}\nFamily Support Services | County Human Services Agency\nTel. 555-0142 ext. {random.randint(200, 899)}\n"


_LAST = []


def staff():
    st = random.choice(STAFF)
    _LAST[:] = [st]
    return st


def build(subject, content, to=None, frm=None, cc=None, extra=(), mime=True, subject_hdr="Subject",
          date_hdr=True, st=None):
    st = st or (_LAST.pop() if _LAST else staff())
    _LAST.clear()
    n = nid()
    frm = frm or f'"{st[0]}" <{st[1]}@agency.example>'
    if to is None:
        o = random.choice(OUTSIDE)
        to = f'"{o[0]}" <{o[1]}>'
    lines = [b"From: " + frm.encode("utf-8"), b"To: " + to.encode("utf-8")]
    if cc:
        lines.append(b"Cc: " + cc.encode("utf-8"))
    if isinstance(subject, str) and any(ord(ch) > 127 for ch in subject):
        subject = ew_b(subject)  # only the deliberate RFC 6532 case passes raw bytes
    lines.append(subject_hdr.encode() + b": " + (subject if isinstance(subject, bytes) else subject.encode("utf-8")))
    d = BASE_DATE + datetime.timedelta(minutes=97 * n)
    lines.append(b"Date: " + email.utils.format_datetime(d).encode())
    lines.append(f"Message-ID: <{n:05d}.{random.randrange(16 ** 10):010x}@agency.example>".encode())
    for e in extra:
        lines.append(e if isinstance(e, bytes) else e.encode("utf-8"))
    if mime:
        lines.append(b"MIME-Version: 1.0")
    lines.append(b"X-Mailer: Agency Mail 7.2")
    head = b"\n".join(lines) + b"\n"
    if not mime:
        content = b"\n" + content
    data = head + content
    data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return data


# ---------------------------------------------------------------- containers
def make_zip(files, compression=zipfile.ZIP_DEFLATED):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", compression) as z:
        for name, data in files:
            if isinstance(data, str):
                data = data.replace("\n", "\r\n").encode("utf-8")
            zi = zipfile.ZipInfo(name, date_time=(2024, 5, 3, 10, 15, 0))
            zi.compress_type = compression
            if any(ord(ch) > 127 for ch in name):
                zi.flag_bits |= 0x800
            z.writestr(zi, data)
    return bio.getvalue()


def make_targz(files):
    bio = io.BytesIO()
    with tarfile.open(fileobj=bio, mode="w:gz") as t:
        for name, data in files:
            data = data.encode() if isinstance(data, str) else data
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            ti.mtime = 1714730000
            t.addfile(ti, io.BytesIO(data))
    return bio.getvalue()


def make_pdf(stream, compress=False):
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"]
    if compress:
        data = zlib.compress(stream)
        objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
    else:
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return out


def xesc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_docx(paragraphs):
    """paragraphs: list of lists of run strings."""
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    body = ""
    for runs in paragraphs:
        body += "<w:p>"
        for i, r in enumerate(runs):
            if i:
                body += '<w:proofErr w:type="spellStart"/>' if i % 2 else '<w:bookmarkStart w:id="%d" w:name="_x%d"/><w:bookmarkEnd w:id="%d"/>' % (i, i, i)
            rpr = '<w:rPr><w:lang w:val="en-GB"/></w:rPr>' if i % 2 else '<w:rPr><w:b/></w:rPr>' if i else ""
            body += f'<w:r>{rpr}<w:t xml:space="preserve">{xesc(r)}</w:t></w:r>'
        body += "</w:p>"
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + body + '</w:body></w:document>')
    return make_zip([("[Content_Types].xml", ct.encode()), ("_rels/.rels", rels.encode()),
                     ("word/document.xml", doc.encode("utf-8"))])


def make_xlsx():
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Clients" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wbrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
              '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row></sheetData></worksheet>')
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
           '<si><t>Client</t></si><si><r><t>\u00cd\u00f1i</t></r><r><rPr><b/></rPr><t xml:space="preserve">go Zubi</t></r><r><t>zarreta</t></r></si></sst>')
    return make_zip([("[Content_Types].xml", ct.encode()), ("_rels/.rels", rels.encode()), ("xl/workbook.xml", wb.encode()),
                     ("xl/_rels/workbook.xml.rels", wbrels.encode()), ("xl/worksheets/sheet1.xml", sheet.encode()),
                     ("xl/sharedStrings.xml", sst.encode("utf-8"))])


def make_odt(xml_paragraphs):
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:text>' + "".join(f"<text:p>{p}</text:p>" for p in xml_paragraphs)
               + '</office:text></office:body></office:document-content>')
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype", (2024, 5, 3, 10, 0, 0)), b"application/vnd.oasis.opendocument.text")
        zi = zipfile.ZipInfo("META-INF/manifest.xml", (2024, 5, 3, 10, 0, 0)); zi.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(zi, manifest)
        zi = zipfile.ZipInfo("content.xml", (2024, 5, 3, 10, 0, 0)); zi.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(zi, content.encode("utf-8"))
    return bio.getvalue()


def uuencode(data, name="note.txt"):
    import binascii
    out = f"begin 644 {name}\n"
    for i in range(0, len(data), 45):
        out += binascii.b2a_uu(data[i:i + 45]).decode()
    out += "`\nend\n"
    return out


# ---------------------------------------------------------------- filler text
FILL = [
    "Thanks for getting back to me so quickly.",
    "As discussed on the phone this morning, please find the details below.",
    "Could you confirm receipt when you have a moment?",
    "The review meeting has been moved to Thursday at 10:30.",
    "I have copied in our records team in case anything is missing.",
    "Please treat this as routine; nothing urgent at this stage.",
    "Let me know if your office needs the signed consent form again.",
    "We will follow up after the home visit next week.",
]


def para(k=2):
    return " ".join(random.sample(FILL, k))


def letter(core, st=None, greet=None):
    st = st or staff()
    greet = greet or random.choice(["Hello,", "Hi all,", "Good morning,", "Dear colleague,"])
    return f"{greet}\n\n{para()}\n\n{core}\n\n{para(1)}\n\nRegards,{sig(st)}"


def html_doc(inner, head=""):
    return ('<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            f'{head}</head>\n<body style="font-family:Calibri,Arial,sans-serif;font-size:11pt">\n'
            f'<p>Hello,</p>\n<p>{para()}</p>\n<p>{inner}</p>\n<p>{para(1)}</p>\n'
            f'<p>Kind regards,<br>{staff()[0]}<br>Family Support Services</p>\n</body></html>\n')


def alt(text, html, cs="utf-8"):
    return mp("alternative", [tp(text, cs=cs), tp(html, "html", cs=cs)])


POS, NEG = [], []


def P(tags, carrier, value, raw):
    POS.append((tags, carrier, value, raw))


def N(tags, raw, near=()):
    NEG.append((tags, raw, near))


# ======================================================================
#                               POSITIVES
# ======================================================================
def positives():
    # ---------------- header tricks
    P("header_subject,encoded_word_b", c1.id, c1.full,
      build("Re: " + ew_b(f"Visit notes {c1.full}"), tp(letter("Notes are attached to the shared folder as usual."))))
    P("header_subject,encoded_word_q,latin1", c2.id, c2.full,
      build(ew_q(c2.full, "ISO-8859-1", "latin-1") + " - school transfer", tp(letter("The school has asked for the transfer form."))))
    P("header_subject,encoded_word_split,header_fold", c8.id, c8.full,
      build("=?UTF-8?Q?Placement_update_Otti?=\n =?UTF-8?Q?lie_Grim?= =?UTF-8?Q?sditch?=", tp(letter("Placement is stable."))))
    raw = ("Referral " + c3.full).encode("utf-8")
    cut = raw.index("ñ".encode()) + 1  # split inside the 2-byte UTF-8 sequence
    P("header_subject,encoded_word_split_multibyte", c3.id, c3.full,
      build(f"=?UTF-8?B?{base64.b64encode(raw[:cut]).decode()}?=\n =?UTF-8?B?{base64.b64encode(raw[cut:]).decode()}?=",
            tp(letter("Referral paperwork to follow."))))
    P("header_subject,raw_utf8_header,rfc6532", c9.id, c9.full,
      build(f"Expediente {c9.full}".encode("utf-8"), tp(letter("Adjunto el expediente solicitado."), cs="utf-8")))
    P("header_subject,encoded_word_b,utf16", c11.id, c11.full,
      build("=?UTF-16?B?" + base64.b64encode(c11.full.encode("utf-16")).decode() + "?=", tp(letter("Summary for the panel."))))
    P("header_subject,encoded_word_rfc2231_lang,family_comma", c9.id, c9.fc,
      build(ew_q(c9.fc, "UTF-8*es", "utf-8") + " informe", tp(letter("Informe trimestral."))))
    P("header_to,display_name", c5.id, c5.full,
      build("Appointment confirmation", tp(letter("Your appointment is confirmed for Tuesday.", greet="Dear Sir,")),
            to=f'"{c5.full}" <client-7731@mailbox.example>'))
    P("header_to,display_name,family_comma", c12.id, c12.fc,
      build("Your documents", tp(letter("We received your documents, thank you.")),
            to=f'"{c12.fc}" <a.t.homebox@freemail.example>'))
    P("header_to,email_localpart", c10.id, c10.full,
      build("Forms", tp(letter("Please sign page 3 and return it.")), to="hesketh.pardoe@freemail.example"))
    P("header_cc,address_comment", c7.id, c7.full,
      build("Copy of letter", tp(letter("A copy of the letter has been posted as well.")),
            cc=f"guardian-0912@freemail.example ({c7.full})"))
    P("header_to,group_syntax", c6.id, c6.full,
      build("Circle of support", tp(letter("Sharing the updated support plan with the group.")),
            to=f"{c6.full} support circle: ;", cc="mentor-office@riverside-health.example"))
    P("header_reply_to,encoded_word_b,hyphenated", c4.id, c4.full,
      build("Out of hours contact", tp(letter("Please use the reply address below.")),
            extra=[f"Reply-To: {ew_b(c4.full)} <oob-contact@mailbox.example>"]))
    P("header_custom", K["2023-CW-04417"], "2023-CW-04417",
      build("Monthly figures", tp(letter("Figures for April attached.")), extra=["X-Case-Reference: 2023-CW-04417"]))
    P("header_thread_topic", K["2024-FC-00981"], "2024-FC-00981",
      build("RE: review", tp(letter("Agreed, see you then.")),
            extra=["Thread-Topic: 2024-FC-00981 review", "Thread-Index: AdqfYh3kQ8l1f2ZbRyW+Wz3kLgE0Qw=="]))
    P("header_keywords", c3.id, "MR551903",
      build("Medical record request", tp(letter("Requesting the discharge summary.")), extra=["Keywords: MR551903, urgent"]))
    P("header_fold,tab_fold", c11.id, c11.full,
      build("Update regarding\n Wilhelmina\n\tStrzelecki tenancy", tp(letter("The landlord has replied."))))
    P("header_in_reply_to,msgid", K["2022-JV-10253"], "2022-JV-10253",
      build("Re: hearing", tp(letter("Noted, thank you.")),
            extra=["In-Reply-To: <2022-JV-10253.hearing@court-notices.example>",
                   "References: <2022-JV-10253.hearing@court-notices.example>"]))
    P("header_from_display,on_behalf", c5.id, c5.full,
      build("Housing benefit", tp(letter("Sent on behalf of the client.")),
            frm=f'"Fenella Marsh for {c5.full}" <f.marsh@agency.example>'))
    P("header_subject,encoded_word_b,lowercase_ew,header_name_case", K["2024-JV-03312"], "2024-JV-03312",
      build("=?utf-8?b?" + base64.b64encode(b"Ref 2024-JV-03312").decode() + "?=", tp(letter("Reference only.")),
            subject_hdr="SUBJECT"))
    P("header_subject,encoded_word_b,unicode_hyphen", K["2021-PR-07710"], "2021-PR-07710",
      build(ew_b("Case 2021\u2011PR\u201107710 papers"), tp(letter("Papers filed."))))
    P("header_subject,ident_spaces", c6.id, "MCD-914-302",
      build("[MCD 914 302] prescription renewal", tp(letter("Renewal approved by the GP."))))

    # ---------------- transfer encodings / charsets
    P("quoted_printable,qp_soft_break_in_name", c5.id, c5.full,
      build("Tenancy letter", rawpart(["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"],
                                      "Hello,\n\nThe tenancy letter for Cornelius March=\nbanks is ready for collection at the front desk=\n, please pass this on.\n\nRegards,\nTomasz Whitcombe\n")))
    P("quoted_printable,qp_all_hex", K["2020-CW-11905"], "2020-CW-11905",
      build("File reference", rawpart(["Content-Type: text/plain; charset=us-ascii", "Content-Transfer-Encoding: quoted-printable"],
                                      "Hi,\n\nThe file reference is " + "".join("=%02X" % b for b in b"2020-CW-11905") + " as requested.\n\nGreta\n")))
    P("quoted_printable,qp_soft_break_every_char", c1.id, "MR778812",
      build("Record number", rawpart(["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"],
                                     "Record no.: " + "=\n".join("MR778812") + "\n\nThanks, Priya\n")))
    P("base64_body,family_comma", c7.id, c7.fc,
      build("Discharge", tp(letter(f"Patient: {c7.fc} - discharged to home address."), cte="base64")))
    P("base64_body,base64_odd_width", K["2023-DV-00056"], "2023-DV-00056",
      build("Protective order copy", rawpart(["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64"],
                                              b64(letter("Order copy for matter 2023-DV-00056 enclosed.").replace("\n", "\r\n").encode(), 18))))
    P("charset_utf16le,base64_body,bom", c12.id, c12.full,
      build("Reference letter", rawpart(["Content-Type: text/plain; charset=utf-16", "Content-Transfer-Encoding: base64"],
                                         b64(letter(f"This reference concerns {c12.full}.").replace("\n", "\r\n").encode("utf-16")))))
    P("charset_utf16be,base64_body,no_bom", c10.id, "MCD-556-073",
      build("Benefit number", rawpart(["Content-Type: text/plain; charset=utf-16be", "Content-Transfer-Encoding: base64"],
                                       b64(letter("Medicaid no. MCD-556-073 is active.").replace("\n", "\r\n").encode("utf-16-be")))))
    P("charset_utf7", c2.id, c2.full,
      build("Carta", tp(letter(f"La carta para {c2.full} ya está firmada."), cs="utf-7", cte="7bit")))
    P("charset_iso2022jp,fullwidth", c8.id, c8.full,
      build("=?ISO-2022-JP?B?" + base64.b64encode("ご連絡".encode("iso2022_jp")).decode() + "?=",
            tp(f"お世話になっております。\n\n{fullwidth(c8.full)}様の書類を送付いたします。\n\nよろしくお願いいたします。\n", cs="iso-2022-jp", cte="7bit")))
    P("charset_windows1251,homoglyph_cyrillic", c1.id, c1.full,
      build("Документы", tp(f"Здравствуйте,\n\nНаправляю документы по клиенту {homo(c1.full, CYR)}.\n\nС уважением,\nRafael Ostrowski\n", cs="windows-1251", cte="8bit")))
    P("charset_koi8r,homoglyph_cyrillic", K["2024-CW-00388"], "2024-CW-00388",
      build("Дело", tp(f"Добрый день,\n\nНомер дела: 2024-{homo('C', CYR)}W-00388.\n\nСпасибо.\n", cs="koi8-r", cte="8bit")))
    P("charset_windows1252,8bit", c3.id, c3.full,
      build("Social report", tp(letter(f"Social report for {c3.full} attached below."), cs="windows-1252", cte="8bit")))
    P("charset_iso8859_15,quoted_printable", c9.id, c9.full,
      build("Informe", tp(letter(f"Cliente: {c9.full}."), cs="iso-8859-15", cte="quoted-printable")))
    P("charset_macintosh,8bit,family_comma", c2.id, c2.fc,
      build("Sign-in sheet", rawpart(["Content-Type: text/plain; charset=macintosh", "Content-Transfer-Encoding: 8bit"],
                                      letter(f"Signed in: {c2.fc}").encode("mac_roman"))))
    P("unicode_nfd,combining_marks", c9.id, c9.full,
      build("Visit", tp(letter(f"Home visit with {unicodedata.normalize('NFD', c9.full)} went well."), cte="8bit")))
    P("format_flowed", c11.id, c11.full,
      build("Tenancy", rawpart(["Content-Type: text/plain; charset=utf-8; format=flowed", "Content-Transfer-Encoding: 7bit"],
                                "Hi,\n\nI spoke with the housing office about Wilhelmina \nStrzelecki this morning and they will call \nback.\n\nImogen\n")))
    P("format_flowed,delsp_in_word", c10.id, c10.full,
      build("Timetable", rawpart(["Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes", "Content-Transfer-Encoding: 7bit"],
                                  "Hello,\n\nThe new timetable for Hesketh Par \ndoe starts on Monday.\n\nDominic\n")))
    P("uuencode_inline,non_mime", c7.id, c7.full,
      build("notes", ("Notes attached.\n\n" + uuencode(f"Client: {c7.full}\r\nSeen at clinic, no concerns.\r\n".encode()) + "\n").encode(), mime=False))
    P("cte_x_uuencode", c7.id, "MR902266",
      build("Record", rawpart(["Content-Type: text/plain; charset=us-ascii", "Content-Transfer-Encoding: x-uuencode"],
                               uuencode(b"Hospital record MR902266 - please file.\r\n", "record.txt"))))
    P("base64_body,cte_mixed_case", c8.id, "MCD-118-559",
      build("Eligibility", rawpart(["Content-Type: Text/Plain; Charset=UTF-8", "Content-Transfer-Encoding: BaSe64"],
                                    b64(letter("Eligibility confirmed for MCD-118-559.").encode()))))
    P("charset_gb18030,fullwidth,fullwidth_digits", K["2023-FC-01179"], "2023-FC-01179",
      build("=?GB18030?B?" + base64.b64encode("案件编号".encode("gb18030")).decode() + "?=",
            tp(f"您好，\n\n案件编号：{fullwidth('2023-FC-01179')}\n\n谢谢。\n", cs="gb18030", cte="base64")))
    P("charset_shift_jis,fullwidth", c9.id, "MR664120",
      build("Record", tp(f"診療記録番号：{fullwidth('MR664120')}\nご確認ください。\n", cs="shift_jis", cte="base64")))

    # ---------------- plain-text unicode tricks
    P("homoglyph_greek,uppercase", c12.id, c12.full,
      build("Intake", tp(letter(f"Intake completed for {homo(c12.full.upper(), GRK)}."))))
    P("fullwidth", c7.id, c7.full,
      build("Note", tp(letter(f"Client: {fullwidth(c7.full)}"))))
    P("math_bold", c8.id, c8.full,
      build("Note", tp(letter(f"Re: {mathalpha(c8.full, 0x1D400, 0x1D41A)}"))))
    P("math_sans_italic", c5.id, c5.full,
      build("Signature", tp(letter(f"Signed by {mathalpha(c5.full, 0x1D608, 0x1D622)}"))))
    P("math_monospace,math_digits", K["2022-CW-08841"], "2022-CW-08841",
      build("Reference", tp(letter(f"Ref: {mathalpha('2022-CW-08841', 0x1D670, 0x1D68A, 0x1D7F6)}"))))
    P("zero_width_space", c10.id, c10.full,
      build("Timetable", tp(letter("Timetable for " + interleave(c10.full, ['\u200b']) + "."))))
    P("invisible_mix,zwnj,zwj,word_joiner,bom", c2.id, "MCD-305-661",
      build("Coverage", tp(letter("Coverage number " + interleave('MCD-305-661', ['\u200c', '\u200d', '\u2060', '\ufeff'])))))
    P("soft_hyphen", c11.id, c11.full,
      build("Lease", tp(letter("Lease holder: Wil\u00adhel\u00admina Strze\u00adlecki"))))
    P("combining_grapheme_joiner", c6.id, c6.full,
      build("Pupil", tp(letter("Pupil: " + interleave(c6.full, ['\u034f'])))))
    P("bidi_rlo,reversed_text", c6.id, c6.full,
      build("Pupil", tp(letter("Pupil: \u202e" + c6.full[::-1] + "\u202c (year 8)"))))
    P("bidi_rlo,reversed_text,case_number", K["2024-CW-00388"], "2024-CW-00388",
      build("Matter", tp(letter("Matter no. \u202e" + "2024-CW-00388"[::-1] + "\u202c"))))
    P("unicode_space_em", c4.id, c4.full,
      build("Student", tp(letter("Student: Philippa\u2003Okonkwo-Lindqvist"))))
    P("unicode_hyphen_en_dash,hyphenated", c4.id, c4.full,
      build("Student", tp(letter("Student: Philippa Okonkwo\u2013Lindqvist"))))
    P("unicode_dash_figure,ident", c4.id, "MCD-720-148",
      build("Benefit", tp(letter("Medicaid MCD\u2012720\u2012148"))))
    P("small_caps", c5.id, c5.full,
      build("Tenant", tp(letter("Tenant: " + "".join(SMALLCAPS.get(ch.lower(), ch) for ch in c5.full)))))
    P("unicode_tag_chars", c1.id, c1.full,
      build("Client", tp(letter("Client: " + interleave(c1.full, [chr(0xE0041 + i) for i in range(26)])))))
    P("variation_selectors", c8.id, "MR340071",
      build("Chart", tp(letter("Chart no. " + interleave("MR340071", ["\ufe0f", "\ufe0e"])))))
    P("letter_spacing", c7.id, c7.full,
      build("Sign", tp(letter("L A Z A R U S   Q U E N N E L L"))))
    P("accents_stripped", c3.id, "Inigo Zubizarreta",
      build("Referral", tp(letter("Referral received for Inigo Zubizarreta."))))
    P("leetspeak", c9.id, c9.full,
      build("lol", tp(letter("you know who: R4m0n V1ll4s3n0r ;)"))))
    P("inverted_case", c11.id, c11.full,
      build("caps lock", tp(letter("sorry caps lock: wILHELMINA sTRZELECKI"))))
    P("family_given_no_comma,uppercase_family", c8.id, c8.fc,
      build("Roll call", tp(letter("Present: GRIMSDITCH Ottilie"))))
    P("family_comma,no_space", c10.id, c10.fc,
      build("Register", tp(letter("Name: Pardoe,Hesketh"))))
    P("middle_initial", c12.id, c12.full,
      build("Statement", tp(letter("Statement taken from Ansel R. Tregenza."))))
    P("quoted_reply,line_wrap,possessive", c5.id, c5.full,
      build("Re: Re: benefits", tp("Agreed.\n\nOn Mon, 6 May 2024, Claims Unit wrote:\n> We have reviewed the file and Cornelius\n> Marchbanks's claim is approved from June.\n> Regards\n")))
    P("hard_line_break", c9.id, c9.full,
      build("Visita", tp(letter("La visita a Ramón\nVillaseñor se ha aplazado."))))
    P("hyphenated_as_space", c4.id, c4.full,
      build("Student", tp(letter("Student: Philippa Okonkwo Lindqvist"))))
    P("ident_lowercase_spaced", c3.id, "MR551903",
      build("record", tp(letter("record mr 551903 please"))))
    P("ident_no_hyphens", c6.id, "MCD-914-302",
      build("benefit", tp(letter("benefit id MCD914302"))))
    P("ident_spelled_dashes", c1.id, "MCD-482-917",
      build("phone note", tp(letter("Caller read out M-C-D-4-8-2-9-1-7 twice."))))
    P("case_no_hyphens", K["2023-DV-00056"], "2023-DV-00056",
      build("ref", tp(letter("Ref 2023DV00056"))))
    P("case_slashes", K["2023-AD-02287"], "2023-AD-02287",
      build("adoption", tp(letter("Adoption file 2023/AD/02287"))))
    P("case_lowercase", K["2024-JV-03312"], "2024-JV-03312",
      build("juv", tp(letter("juvenile matter 2024-jv-03312"))))
    P("case_spaces", K["2020-CW-11905"], "2020-CW-11905",
      build("cw", tp(letter("CW matter 2020 CW 11905"))))
    P("case_reordered", K["2024-PR-00642"], "2024-PR-00642",
      build("probate", tp(letter("Probate PR-00642/2024 (filed 2024)"))))
    P("arabic_indic_digits,ident", c11.id, "MR417788",
      build("record", tp(letter("رقم السجل: MR٤١٧٧٨٨"))))

    # ---------------- dates of birth near surname / initials / given
    P("surname_dob,date_dmy", c1.id, f"Vanterpool {dfmt(c1, 'dmy')}",
      build("Check", tp(letter(f"Mr Vanterpool (DOB {dfmt(c1, 'dmy')}) attended.")), ))
    P("surname_dob,date_us_long", c2.id, f"Echeverría {dfmt(c2, 'us_long')}",
      build("Check", tp(letter(f"Ms. Echeverría, born {dfmt(c2, 'us_long')}, has moved."))))
    P("surname_dob,date_spanish", c3.id, f"Zubizarreta {dfmt(c3, 'es')}",
      build("Ficha", tp(letter(f"Sr. Zubizarreta, nacido el {dfmt(c3, 'es')}."))))
    P("surname_dob,date_compact,uppercase", c7.id, f"QUENNELL {dfmt(c7, 'compact')}",
      build("Batch", tp(letter(f"QUENNELL {dfmt(c7, 'compact')} M"))))
    P("surname_dob,date_dmon", c8.id, f"Grimsditch {dfmt(c8, 'dmon')}",
      build("Clinic", tp(letter(f"Grimsditch d.o.b. {dfmt(c8, 'dmon')}"))))
    P("surname_dob,date_words", c11.id, f"Strzelecki {dfmt(c11, 'words')}",
      build("Letter", tp(letter(f"Mrs Strzelecki, born on {dfmt(c11, 'words')}, is the tenant."))))
    P("surname_dob,date_two_digit_year", c10.id, f"Pardoe {dfmt(c10, 'dmy_dot2')}",
      build("List", tp(letter(f"Pardoe {dfmt(c10, 'dmy_dot2')}"))))
    P("surname_dob,date_german", c12.id, f"Tregenza {dfmt(c12, 'de')}",
      build("Anmeldung", tp(letter(f"Herr Tregenza, geb. {dfmt(c12, 'de')}."))))
    P("surname_dob,date_french", c6.id, f"Fairweather {dfmt(c6, 'fr')}",
      build("Inscription", tp(letter(f"Mlle Fairweather, née le {dfmt(c6, 'fr')}."))))
    P("surname_dob,date_iso,unicode_hyphen", c5.id, f"Marchbanks {dfmt(c5, 'iso')}",
      build("Record", tp(letter("Marchbanks \u2014 DOB 1965\u201009\u201009"))))
    P("surname_dob,fullwidth_digits", c9.id, f"Villaseñor {dfmt(c9, 'ymd_slash')}",
      build("Registro", tp(letter(f"Villaseñor　ＤＯＢ：{fullwidth(dfmt(c9, 'ymd_slash'))}"))))
    P("surname_dob,html_table", c4.id, f"Okonkwo-Lindqvist {dfmt(c4, 'dmy')}",
      build("Class list", alt("See HTML version.\n",
                              html_doc('<table border="1"><tr><th>Surname</th><th>DOB</th></tr>'
                                       f'<tr><td>Okonkwo-Lindqvist</td><td>{dfmt(c4, "dmy")}</td></tr></table>'))))
    P("surname_dob,csv_semicolon,attachment", c7.id, f"Quennell {dfmt(c7, 'dmy_dot')}",
      build("Export", mp("mixed", [tp(letter("Export attached.")),
                                   att("text/csv", "export.csv", f"surname;dob;ward\nQuennell;{dfmt(c7, 'dmy_dot')};B\n")])))
    P("initials_dob,date_dmy", c1.id, f"T.V. {dfmt(c1, 'dmy')}",
      build("Anon", tp(letter(f"Child T.V. ({dfmt(c1, 'dmy')}) - see file."))))
    P("initials_dob,date_dmy_dot", c2.id, f"BE {dfmt(c2, 'dmy_dot')}",
      build("Anon", tp(letter(f"client BE, DOB {dfmt(c2, 'dmy_dot')}"))))
    P("initials_dob,lowercase,date_short", c5.id, f"c.m. {dfmt(c5, 'dmy_short')}",
      build("anon", tp(letter(f"c.m. b. {dfmt(c5, 'dmy_short')}"))))
    P("initials_dob,date_dmon_words", c11.id, "W.S. 3 Oct 1974",
      build("Anon", tp(letter("W.S. \u2013 born 3 Oct 1974"))))
    P("initials_dob,header_subject", c12.id, f"AT {dfmt(c12, 'dmy')}",
      build(f"AT {dfmt(c12, 'dmy')} - school referral", tp(letter("Referral form attached to portal."))))
    P("given_dob,date_long", c6.id, f"Ysolde {dfmt(c6, 'long')}",
      build("Pupil", tp(letter(f"Ysolde (d.o.b. {dfmt(c6, 'long')}) starts Monday."))))
    P("given_dob,date_dmy", c3.id, f"Íñigo {dfmt(c3, 'dmy')}",
      build("Niño", tp(letter(f"Íñigo, born {dfmt(c3, 'dmy')}, is doing well."))))
    P("given_dob,date_long", c7.id, f"Lazarus {dfmt(c7, 'long')}",
      build("Birthday", tp(letter(f"Lazarus \u2013 {dfmt(c7, 'long')}"))))
    P("given_dob,html_entities_named", c10.id, f"Hesketh {dfmt(c10, 'long')}",
      build("Pupil", tp(html_doc(f"Hesketh &mdash; 11&nbsp;February&nbsp;2005"), "html")))
    P("surname_dob,html_tag_split_date", c11.id, f"Strzelecki {dfmt(c11, 'dmy')}",
      build("Tenant", tp(html_doc("Tenant Strzelecki, DOB <b>03</b>/<i>10</i>/<span>1974</span>"), "html")))
    P("surname_dob,date_us_numeric", c10.id, f"Pardoe {dfmt(c10, 'mdy')}",
      build("US form", tp(letter(f"Pardoe, DOB (mm/dd/yyyy): {dfmt(c10, 'mdy')}"))))
    P("surname_dob,date_words_spelled", c12.id, "Tregenza 1999-05-16",
      build("Letter", tp(letter("Mr Tregenza was born on the sixteenth of May, nineteen ninety-nine."))))
    P("surname_dob,accents_stripped,date_dmy", c2.id, f"Echeverria {dfmt(c2, 'dmy')}",
      build("Alta", tp(letter(f"Echeverria - f. nac. {dfmt(c2, 'dmy')}"))))
    P("initials_dob,csv,attachment", c9.id, f"RV {dfmt(c9, 'iso')}",
      build("Stats", mp("mixed", [tp(letter("Quarterly stats attached.")),
                                  att("text/csv", "q2.csv", f"initials,dob,outcome\nRV,{dfmt(c9, 'iso')},closed\n")])))
    P("given_dob,json,attachment", c10.id, f"Hesketh {dfmt(c10, 'iso')}",
      build("Payload", mp("mixed", [tp(letter("Payload attached.")),
                                    att("application/json", "payload.json", json.dumps({"firstName": "Hesketh", "dob": dfmt(c10, 'iso'), "school": "Westmoor"}, indent=2))])))
    P("surname_dob,xml_attributes,attachment", c5.id, f"Marchbanks {dfmt(c5, 'iso')}",
      build("XML", mp("mixed", [tp(letter("XML attached.")),
                                att("application/xml", "person.xml", f'<?xml version="1.0"?>\n<person surname="Marchbanks" born="{dfmt(c5, "iso")}" ward="3"/>\n')])))

    # ---------------- HTML tricks
    P("html_entities_decimal", c1.id, c1.full, build("Visit", tp(html_doc("Visited " + ents_dec(c1.full)), "html")))
    hexent = "".join(("&#X%04X;" if i % 2 else "&#x%x;") % ord(ch) if ch != " " else "&#0000032;" for i, ch in enumerate(c9.full))
    P("html_entities_hex,entities_leading_zero", c9.id, c9.full, build("Visita", tp(html_doc("Cliente: " + hexent), "html")))
    P("html_entities_named,accents", c2.id, c2.full, build("Visit", tp(html_doc("Client: Bego&ntilde;a Echeverr&iacute;a"), "html")))
    P("html_entities_no_semicolon", c8.id, c8.full, build("Visit", tp(html_doc("Client: &#79ttilie &#71rimsditch"), "html")))
    P("html_tag_split", c5.id, c5.full, build("Tenant", tp(html_doc("Tenant: Corne<span>lius</span> <b>March</b>banks"), "html")))
    P("html_comment_split", c11.id, c11.full, build("Tenant", tp(html_doc("Tenant: Wilhel<!-- -->mina Strzel<!--x-->ecki"), "html")))
    P("html_fontsize0_junk", c7.id, c7.full,
      build("Client", tp(html_doc('Client: Lazarus Quen<span style="font-size:0px;color:#fff">xq7</span>nell'), "html")))
    P("html_display_none_junk", c12.id, c12.full,
      build("Client", tp(html_doc('Client: Ansel Tre<span style="display:none">ZZK</span>genza'), "html")))
    P("html_css_content", c6.id, c6.full,
      build("Pupil", tp(html_doc('Pupil: <span class="pn"></span>', "<style>.pn::after{content:'Ysolde Fairweather'}</style>"), "html")))
    P("html_css_content,css_escapes", c1.id, c1.full,
      build("Client", tp(html_doc('Client: <span class="q"></span>', r'<style>.q:before{content:"\54 haddeus \56 anterpool"}</style>'), "html")))
    P("html_bdo_rtl,reversed_text", c11.id, c11.full,
      build("Tenant", tp(html_doc(f'Tenant: <bdo dir="rtl">{c11.full[::-1]}</bdo>'), "html")))
    P("html_css_bidi_override,reversed_text", K["2022-CW-08841"], "2022-CW-08841",
      build("Ref", tp(html_doc('Ref: <span style="unicode-bidi:bidi-override;direction:rtl">' + "2022-CW-08841"[::-1] + "</span>"), "html")))
    P("html_attr_title", c10.id, c10.full,
      build("Pupil", tp(html_doc(f'Pupil <abbr title="{c10.full}">HP</abbr> is absent today.'), "html")))
    P("html_img_alt", c6.id, "MCD-914-302",
      build("Card", tp(html_doc('<img src="cid:card01@agency.example" alt="MCD-914-302" width="300" height="180">'), "html")))
    P("html_input_value", K["2023-AD-02287"], "2023-AD-02287",
      build("Form", tp(html_doc('Reference: <input type="text" value="2023-AD-02287" readonly size="16">'), "html")))
    P("html_href_percent_encoding", K["2024-PR-00642"], "2024-PR-00642",
      build("Portal link", tp(html_doc('<a href="https://portal.agency.example/cases/2024%2DPR%2D00642/summary">Open the case summary</a>'), "html")))
    P("html_mailto_subject,percent_encoding", c9.id, c9.full,
      build("Reply", tp(html_doc('<a href="mailto:records@northvale-clinic.example?subject=Ram%C3%B3n%20Villase%C3%B1or%20-%20records">Request records</a>'), "html")))
    P("html_soft_hyphen_wbr,hyphenated", c4.id, c4.full,
      build("Student", tp(html_doc("Student: Phi&shy;lippa Okon<wbr>kwo-Lind&shy;qvist"), "html")))
    P("html_zero_width_entities", c8.id, c8.full,
      build("Client", tp(html_doc("Client: Ott&#8203;ilie Gri&#x200B;msditch"), "html")))
    P("html_title_only", c5.id, c5.full,
      build("Referral", tp(html_doc("Referral form is on the portal.", f"<title>Referral \u2013 {c5.full}</title>"), "html")))
    P("html_table_cells,family_given_columns", c12.id, "Tregenza Ansel",
      build("Register", tp(html_doc('<table><tr><th>Surname</th><th>Given name</th></tr><tr><td>Tregenza</td><td>Ansel</td></tr></table>'), "html")))
    P("html_flex_row_reverse", c3.id, c3.full,
      build("Client", tp(html_doc('Client: <span style="display:inline-flex;flex-direction:row-reverse"><span>Zubizarreta</span><span>Íñigo&nbsp;</span></span>'), "html")))
    P("html_per_letter_font", c5.id, "MR230417",
      build("Record", tp(html_doc("Record " + "".join(f'<font color="#{random.randrange(0x222222):06x}">{ch}</font>' for ch in "MR230417")), "html")))
    P("html_charset_utf16,base64_body,family_comma", c10.id, c10.fc,
      build("Pupil", rawpart(["Content-Type: text/html; charset=utf-16", "Content-Transfer-Encoding: base64"],
                              b64(html_doc(f"Pupil: {c10.fc}").replace('charset=utf-8', 'charset=utf-16').encode("utf-16")))))
    P("html_only,qp_soft_break_in_entity", c1.id, "MR778812",
      build("Record", rawpart(["Content-Type: text/html; charset=us-ascii", "Content-Transfer-Encoding: quoted-printable"],
                              "<html><body><p>Record no. &#77;&#8=\n2;778812</p><p>Priya</p></body></html>\n")))
    P("multipart_alternative,html_only_value", K["2022-JV-10253"], "2022-JV-10253",
      build("Hearing", alt("Please view this message in HTML.\n", html_doc("Hearing for matter <b>2022-JV-10253</b> is listed."))))
    P("text_enriched,tag_split", c6.id, c6.full,
      build("Pupil", rawpart(["Content-Type: text/enriched; charset=us-ascii"], "Pupil: Ysolde <italic>Fair</italic>weather is absent today.\n")))
    P("html_css_text_transform,family_comma", c4.id, c4.fc,
      build("Student", tp(html_doc('Student: <span style="text-transform:uppercase">okonkwo-lindqvist</span>, Philippa'), "html")))
    P("svg_text_tspan,attachment", c11.id, c11.full,
      build("Badge", mp("mixed", [tp(letter("Badge proof attached.")),
                                  att("image/svg+xml", "badge.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="80"><text x="10" y="40"><tspan>Wilhelmina</tspan> <tspan font-weight="bold">Strzelecki</tspan></text></svg>\n')])))
    P("html_nbsp_entity", c12.id, c12.full, build("Client", tp(html_doc("Client: Ansel&#160;Tregenza"), "html")))

    # ---------------- containers / attachments
    inner = build("Antecedentes", tp(f"Hola,\n\nAdjunto antecedentes de {c2.fc}.\n", cte="quoted-printable"),
                  frm='"Lucía Ferrán" <l.ferran@partner-agency.example>', to='"Greta Sandoval" <g.sandoval@agency.example>')
    P("forward_rfc822,quoted_printable,family_comma", c2.id, c2.fc,
      build("Fwd: Antecedentes", mp("mixed", [tp("See forwarded message.\n"), rfc822(inner)])))
    deep = build("file", tp("Matter 2023-CW-04417 summary.\n", cte="base64"))
    mid = build("Fwd: file", mp("mixed", [tp("fyi\n"), rfc822(deep)]))
    P("forward_rfc822_nested,base64_body", K["2023-CW-04417"], "2023-CW-04417",
      build("Fwd: Fwd: file", mp("mixed", [tp("see below\n"), rfc822(mid)])))
    inner = build("Tenancy", tp(f"Tenant {c5.fc}"), frm=f'"Housing Office" <housing@council.example>')
    P("forward_rfc822_base64_cte,family_comma", c5.id, c5.fc,
      build("Fwd: Tenancy", mp("mixed", [tp("fwd\n"), rawpart(["Content-Type: message/rfc822", "Content-Transfer-Encoding: base64"], b64(inner))])))
    P("inline_forward_text", c12.id, c12.full,
      build("Fw: statement", tp(letter(f"---------- Forwarded message ---------\nFrom: {c12.full} <a.t.homebox@freemail.example>\nDate: Fri, 3 May 2024\nSubject: statement\n\nPlease see my statement."))))
    dsn_hdrs = ("From: Greta Sandoval <g.sandoval@agency.example>\nTo: clerk@court-notices.example\n"
                "Subject: Filing 2020-CW-11905\nDate: Mon, 6 May 2024 09:01:00 -0500\n")
    P("dsn_bounce,text_rfc822_headers", K["2020-CW-11905"], "2020-CW-11905",
      build("Undeliverable: Filing", mp("report", [
          tp("Delivery has failed to these recipients: clerk@court-notices.example\n"),
          rawpart(["Content-Type: message/delivery-status"], "Reporting-MTA: dns; mx.agency.example\n\nFinal-Recipient: rfc822; clerk@court-notices.example\nAction: failed\nStatus: 5.1.1\n"),
          rawpart(["Content-Type: text/rfc822-headers"], dsn_hdrs)], params="; report-type=delivery-status"),
            frm='"Mail Delivery System" <MAILER-DAEMON@agency.example>'))
    P("zip,attachment", c10.id, "MCD-556-073",
      build("Docs", mp("mixed", [tp(letter("Zipped docs attached.")),
                                 att("application/zip", "docs.zip", make_zip([("notes.txt", "Medicaid MCD-556-073 verified.\n")]))])))
    P("zip,zip_member_filename", c7.id, "Quennell Lazarus",
      build("Assessment", mp("mixed", [tp(letter("Assessment attached.")),
                                       att("application/zip", "assessment.zip", make_zip([("Quennell_Lazarus_assessment.txt", "Assessment completed. No concerns.\n")]))])))
    P("zip_nested,csv", K["2024-JV-03312"], "2024-JV-03312",
      build("Archive", mp("mixed", [tp(letter("Archive attached.")),
                                    att("application/zip", "archive.zip", make_zip([("inner.zip", make_zip([("list.csv", "matter,status\n2024-JV-03312,open\n")]))]))])))
    P("zip_stored_utf8_member_name", c9.id, c9.full,
      build("Archivo", mp("mixed", [tp(letter("Archivo adjunto.")),
                                    att("application/x-zip-compressed", "archivo.zip", make_zip([(f"{c9.full}/informe.txt", "Informe.\n")], zipfile.ZIP_STORED))])))
    P("gzip,attachment", c11.id, c11.full,
      build("Report", mp("mixed", [tp(letter("Compressed report attached.")),
                                   att("application/gzip", "report.txt.gz", gzip.compress(f"Tenant: {c11.full}\r\n".encode(), mtime=0))])))
    P("tar_gz,attachment", c9.id, "MR664120",
      build("Bundle", mp("mixed", [tp(letter("Bundle attached.")),
                                   att("application/x-gtar", "bundle.tar.gz", make_targz([("bundle/record.txt", "Record MR664120\n")]))])))
    P("docx_split_runs", c6.id, c6.full,
      build("Plan", mp("mixed", [tp(letter("Plan attached.")),
                                 att("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "plan.docx",
                                     make_docx([["Support plan"], ["Pupil: ", "Ysol", "de Fair", "weather"], ["Reviewed termly."]]))])))
    P("odt_span_split", c8.id, c8.full,
      build("Letter", mp("mixed", [tp(letter("Letter attached.")),
                                   att("application/vnd.oasis.opendocument.text", "letter.odt",
                                       make_odt(["Dear colleague,", 'Re: Otti<text:span>lie</text:span><text:s/>Grims<text:span>ditch</text:span>'])),
                                   ])))
    P("pdf_flate,pdf_hex_string", K["2021-PR-07710"], "2021-PR-07710",
      build("Order", mp("mixed", [tp(letter("Signed order attached.")),
                                  att("application/pdf", "order.pdf", make_pdf(b"BT /F1 12 Tf 72 720 Td <" + "Matter 2021-PR-07710".encode().hex().upper().encode() + b"> Tj ET", compress=True))])))
    P("pdf_tj_kerning_split", c7.id, c7.full,
      build("Summary", mp("mixed", [tp(letter("Summary attached.")),
                                    att("application/pdf", "summary.pdf", make_pdf(b"BT /F1 12 Tf 72 720 Td [(Client: Lazar) -20 (us Quen) 15 (nell)] TJ ET"))])))
    P("rtf_hex_escapes", c2.id, c2.full,
      build("Carta", mp("mixed", [tp(letter("Carta adjunta.")),
                                  att("application/rtf", "carta.rtf", r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}\f0\fs22 Cliente: Bego\'f1a Echeverr\'eda\par}" + "\n")])))
    P("rtf_unicode_escapes", c3.id, c3.full,
      build("Letter", mp("mixed", [tp(letter("Letter attached.")),
                                   att("text/rtf", "letter.rtf", r"{\rtf1\ansi\uc1{\fonttbl{\f0 Times;}}\f0 Client: \u205?\u241?igo Zubiza{\b rreta}\par}" + "\n")])))
    big = "".join(f"{i},{random.choice(['ok', 'pending', 'closed'])},{random.randrange(10 ** 6):06d},routine entry for ward {i % 17}\n" for i in range(20000))
    P("long_attachment_value_at_end,csv", c11.id, "MR417788",
      build("Full export", mp("mixed", [tp(letter("Full export attached.")),
                                        att("text/csv", "full_export.csv", "row,status,code,comment\n" + big + "20001,flag,MR417788,check\n")])))
    filler = "".join(f"{para(3)}\n" for _ in range(2500))
    P("long_body_value_at_end", c4.id, c4.full,
      build("Long minutes", tp("Minutes of the meeting:\n\n" + filler + "\nAction: call Philippa Okonkwo-Lindqvist re transport.\n")))
    log = "".join(f"2024-05-0{1 + i % 5}T{i % 24:02d}:{i % 60:02d}:00Z INFO worker-{i % 9} heartbeat ok seq={i}\n" for i in range(42000))
    P("huge_attachment_value_at_end,wrong_type_octet", K["2023-FC-01179"], "2023-FC-01179",
      build("Logs", mp("mixed", [tp(letter("Logs attached.")),
                                 att("application/octet-stream", "sync.log", log + "2024-05-06T10:00:00Z WARN matter 2023-FC-01179 sync conflict\n")])))
    many = [tp(letter("Scans attached."))] + [att("text/plain", f"scan_{i:03d}.txt", f"Scan page {i}, no text.\n") for i in range(1, 80)]
    many.append(att("text/plain", "scan_080.txt", "Scan page 80: matter 2022-CW-08841\n"))
    P("many_parts,value_in_last_part", K["2022-CW-08841"], "2022-CW-08841", build("Scans", mp("mixed", many)))
    node = tp("Benefit MCD-118-559\n")
    for i in range(12):
        node = mp("mixed", [tp(f"level {i}\n"), node])
    P("deep_nesting", c8.id, "MCD-118-559", build("Nested", node))
    P("ics_folded_line_split_word", c5.id, c5.full,
      build("Home visit", mp("mixed", [tp(letter("Invite attached.")),
                                       att("text/calendar; method=PUBLISH", "visit.ics",
                                           "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Agency//Cal//EN\nBEGIN:VEVENT\nUID:v1@agency.example\n"
                                           "DTSTAMP:20240506T090000Z\nDTSTART:20240510T140000Z\nSUMMARY:Home visit: Cornelius Marc\n hbanks\nEND:VEVENT\nEND:VCALENDAR\n")])))
    P("ics_attendee_cn,meeting_invite", c10.id, c10.full,
      build("Invitation: review", mp("alternative", [tp("You are invited to a review.\n"),
                                                      rawpart(["Content-Type: text/calendar; charset=utf-8; method=REQUEST", "Content-Transfer-Encoding: 7bit"],
                                                              "BEGIN:VCALENDAR\nVERSION:2.0\nMETHOD:REQUEST\nBEGIN:VEVENT\nUID:r2@agency.example\nDTSTAMP:20240506T090000Z\n"
                                                              "DTSTART:20240514T150000Z\nSUMMARY:Review\nORGANIZER:mailto:d.achterberg@agency.example\n"
                                                              f'ATTENDEE;CN="{c10.full}";ROLE=REQ-PARTICIPANT:mailto:guardian-0451@freemail.example\nEND:VEVENT\nEND:VCALENDAR\n')])))
    P("ics_escaped_comma,given_dob", c6.id, f"Ysolde {dfmt(c6, 'dmy')}",
      build("Event", mp("mixed", [tp(letter("Event attached.")),
                                  att("text/calendar", "event.ics", "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:e3@agency.example\nDTSTAMP:20240506T090000Z\n"
                                      f"DTSTART:20240520T090000Z\nSUMMARY:Assessment\nDESCRIPTION:Ysolde\\, DOB {dfmt(c6, 'dmy')}\\; bring red book\nEND:VEVENT\nEND:VCALENDAR\n")])))
    P("vcard21_quoted_printable", c9.id, c9.full,
      build("Contacto", mp("mixed", [tp(letter("Contacto adjunto.")),
                                     att("text/x-vcard", "contacto.vcf", "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Villase=C3=B1or;Ram=C3=B3n;;;\nTEL;CELL:555-0188\nEND:VCARD\n")])))
    P("vcard_bday,surname_dob", c6.id, f"Fairweather {dfmt(c6, 'iso')}",
      build("Contact", mp("mixed", [tp(letter("Contact card attached.")),
                                    att("text/vcard", "contact.vcf", f"BEGIN:VCARD\nVERSION:3.0\nN:Fairweather;;;;\nFN:Fairweather\nBDAY:{dfmt(c6, 'iso')}\nEND:VCARD\n")])))
    P("json_unicode_escapes", c1.id, c1.full,
      build("API dump", mp("mixed", [tp(letter("Dump attached.")),
                                     att("application/json", "dump.json", '{"client": "' + "".join("\\u%04x" % ord(ch) for ch in c1.full) + '", "status": "open"}\n')])))
    P("json_separate_fields", c12.id, c12.full,
      build("Record", mp("mixed", [tp(letter("Record attached.")),
                                   att("application/json", "record.json", json.dumps({"givenName": "Ansel", "familyName": "Tregenza", "status": "active"}, indent=1))])))
    P("xml_numeric_char_refs", c3.id, c3.full,
      build("XML", mp("mixed", [tp(letter("XML attached.")),
                                att("text/xml", "client.xml", '<?xml version="1.0" encoding="us-ascii"?>\n<client><name>&#xCD;&#xF1;igo &#x5A;ubizarreta</name></client>\n')])))
    P("xml_attribute", c7.id, "MR902266",
      build("XML", mp("mixed", [tp(letter("XML attached.")), att("application/xml", "rec.xml", '<?xml version="1.0"?>\n<rec id="MR902266" ward="B"/>\n')])))
    P("wrong_type_octet_stream,txt", K["2024-FC-00981"], "2024-FC-00981",
      build("Note", mp("mixed", [tp(letter("Note attached.")), att("application/octet-stream", "note.txt", "Matter 2024-FC-00981: foster review booked.\n")])))
    P("wrong_type_image,txt", c2.id, "MCD-305-661",
      build("Card", mp("mixed", [tp(letter("Card details attached.")), att("image/jpeg", "card.txt", "Medicaid card MCD-305-661\n")])))
    P("rfc2231_filename_utf8", c9.id, c9.full,
      build("Informe", mp("mixed", [tp(letter("Informe adjunto.")),
                                    att("application/pdf", None, make_pdf(b"BT /F1 12 Tf 72 720 Td (Informe) Tj ET"),
                                        disp="Content-Disposition: attachment;\n filename*=UTF-8''Ram%C3%B3n%20Villase%C3%B1or%20-%20informe.pdf")])))
    P("rfc2231_filename_continuation", c11.id, c11.full,
      build("Report", mp("mixed", [tp(letter("Report attached.")),
                                   att("text/plain", None, "Report body.\n",
                                       disp="Content-Disposition: attachment;\n filename*0*=UTF-8''Wilhelmina%20Str;\n filename*1*=zelecki_report.txt")])))
    P("encoded_word_in_filename_param,family_comma", c4.id, c4.fc,
      build("Doc", mp("mixed", [tp(letter("Document attached.")),
                                att("application/msword", None, b"\xd0\xcf\x11\xe0 placeholder",
                                    disp=f'Content-Disposition: attachment; filename="{ew_b(c4.fc + ".doc")}"',
                                    extra=[])])))
    P("filename_underscores", c12.id, c12.full,
      build("Plan", mp("mixed", [tp(letter("Plan attached.")), att("application/pdf", "ansel_tregenza_plan.pdf", make_pdf(b"BT /F1 12 Tf 72 720 Td (Plan) Tj ET"))])))
    P("filename_camelcase", c10.id, c10.full,
      build("IEP", mp("mixed", [tp(letter("IEP attached.")), att("application/pdf", "HeskethPardoe_IEP.pdf", make_pdf(b"BT /F1 12 Tf 72 720 Td (IEP) Tj ET"))])))
    P("filename_identifier", c4.id, "MCD-720-148",
      build("Card", mp("mixed", [tp(letter("Scan attached.")), att("application/pdf", "MCD-720-148.pdf", make_pdf(b"BT /F1 12 Tf 72 720 Td (Card) Tj ET"))])))
    P("rfc2231_filename_latin1_lang", c2.id, c2.full,
      build("Nota", mp("mixed", [tp(letter("Nota adjunta.")),
                                 att("text/plain", None, "Nota.\n", disp="Content-Disposition: attachment;\n filename*=iso-8859-1'es'Bego%F1a%20Echeverr%EDa.txt")])))
    P("content_description_header", c12.id, c12.full,
      build("Assessment", mp("mixed", [tp(letter("Attached.")),
                                       att("application/pdf", "assessment.pdf", make_pdf(b"BT /F1 12 Tf 72 720 Td (Assessment) Tj ET"),
                                           extra=[f"Content-Description: Assessment - {c12.full}"])])))
    P("pgp_clearsigned,dash_escaped", K["2023-DV-00056"], "2023-DV-00056",
      build("Signed note", tp("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nNote for the court clerk:\n- - matter 2023-DV-00056 order served\n-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEEx1f0ZgU5hPq2m5cY8uK3dQ7wq4gFAmY4xw0ACgkQ8uK3dQ7w\nq4j9Vwf/YmFzZTY0LWZha2Utc2lnbmF0dXJl\n=Zx9Q\n-----END PGP SIGNATURE-----\n")))
    P("smime_multipart_signed,family_comma", c8.id, c8.fc,
      build("Signed", mp("signed", [tp(letter(f"Confirmed: {c8.fc}")),
                                    att("application/pkcs7-signature", "smime.p7s", os.urandom(0) + bytes(random.randrange(256) for _ in range(600)))],
                         params='; protocol="application/pkcs7-signature"; micalg=sha-256')))
    P("markdown_attachment,emphasis_split", c1.id, c1.full,
      build("Notes", mp("mixed", [tp(letter("Markdown notes attached.")),
                                  att("text/markdown", "notes.md", "# Notes\n\n* Client: **Thad**deus Van*ter*pool\n")])))
    P("html_attachment,entities", c4.id, "MR120934",
      build("Export", mp("mixed", [tp(letter("Export attached.")),
                                   att("text/html", "export.html", "<html><body>Record &#77;&#82;120934</body></html>\n")])))
    P("csv_quoted_fields,family_given_columns", c5.id, "Marchbanks Cornelius",
      build("Roster", mp("mixed", [tp(letter("Roster attached.")), att("text/csv", "roster.csv", '"family","given","ward"\n"Marchbanks","Cornelius","3"\n')])))
    P("eml_attachment_octet_stream", c3.id, c3.full,
      build("Fwd", mp("mixed", [tp("Attached original.\n"),
                                att("application/octet-stream", "original.eml",
                                    build(f"Client {c3.full}", tp("original text\n"), frm='"Intake" <intake@partner-agency.example>', to="g.sandoval@agency.example"))])))
    inner = build("Fwd", rawpart(["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"],
                                  "Pupil: Hesketh Par=\ndoe\n"), frm='"School Office" <office@westmoor-school.example>', to="d.achterberg@agency.example")
    P("zip,eml_in_zip,quoted_printable", c10.id, c10.full,
      build("Mail archive", mp("mixed", [tp(letter("Archived mail attached.")), att("application/zip", "mail.zip", make_zip([("msg1.eml", inner)]))])))
    P("multipart_related,html_cid", c3.id, "MR551903",
      build("Record", mp("related", [tp(html_doc('Record <b>MR551903</b> <img src="cid:logo@agency.example" alt="logo">'), "html"),
                                     att("image/png", "logo.png", base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
                                         disp="Content-Disposition: inline; filename=\"logo.png\"", extra=["Content-ID: <logo@agency.example>"])])))
    P("ident_html_entities_hyphen", c12.id, "MCD-863-240",
      build("Benefit", tp(html_doc("Benefit MCD&#8209;863&#x2011;240"), "html")))
    P("unicode_braille_blank_space", c12.id, c12.full,
      build("Client", tp(letter("Client: Ansel\u2800Tregenza"))))
    P("unicode_line_separator", c8.id, c8.full,
      build("Client", tp(letter("Client: Ottilie\u2028Grimsditch"))))
    P("latin_lookalike_dotless_i", c11.id, c11.full,
      build("Tenant", tp(letter("Tenant: W\u0131lhelm\u0131na Strzeleck\u0131"))))
    P("homoglyph_cherokee,ident", c12.id, "MCD-863-240",
      build("Benefit", tp(letter("Benefit \u13b7\u13df\u13a0-863-240"))))
    P("surname_dob,date_roman_month", c11.id, "Strzelecki 3.X.1974",
      build("Wniosek", tp(letter("Pani Strzelecki, ur. 3.X.1974 r."))))
    P("xlsx_shared_strings_rich_runs", c3.id, c3.full,
      build("Spreadsheet", mp("mixed", [tp(letter("Spreadsheet attached.")),
                                        att("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "list.xlsx", make_xlsx())])))
    P("url_path,underscores", c7.id, c7.full,
      build("Shared drive", tp(letter("File: https://files.agency.example/share/Lazarus_Quennell_review.docx"))))


# ======================================================================
#                               NEGATIVES
# ======================================================================
def negatives():
    N("newsletter,html,multipart_alternative",
      build("Agency newsletter - May", alt("May newsletter: training dates, parking changes, and the summer picnic.\n",
                                           html_doc("<h2>May newsletter</h2><ul><li>Training on 14 May</li><li>Parking changes</li><li>Summer picnic 21 June</li></ul>"))))
    N("encoded_word_b,other_name", build(ew_b("Referral Marguerite Oyelaran"), tp(letter("Referral received."))))
    N("encoded_word_q,latin1,other_name_spanish", build(ew_q("Ximena Albarrán", "ISO-8859-1", "latin-1"), tp(letter("Expediente en revisión."))))
    N("case_near_miss_digits", build("Matter 2024-FC-00918", tp(letter("Matter 2024-FC-00918 is closed."))), near=["2024-FC-00981"])
    N("case_near_miss_letters", build("Ref", tp(letter("Civil ref 2024-CV-00981 and juvenile ref 2024-JX-03312."))))
    N("case_near_miss_year", build("Ref", tp(letter("Old matter 2019-CW-04417 archived."))))
    N("ident_near_miss", build("Benefit", tp(letter("Medicaid MCD-482-971 and chart MR778821 checked."))))
    N("ident_unregistered", build("Benefit", tp(letter("Medicaid MCD-111-246, chart MR100200."))))
    N("surname_other_date", build("Hearing", tp(letter("Mr Vanterpool's hearing is on 14/03/2025."))))
    N("surname_other_date,same_day_month", build("Appointment", tp(letter("Mrs Strzelecki's appointment: 03/10/2024 at 09:00."))))
    N("initials_other_date", build("Anon", tp(letter("Child T.V. seen on 12/05/2023."))))
    N("given_other_date", build("Pupil", tp(letter("Ysolde's next review is 18 June 2024."))))
    N("mixed_given_family_of_different_clients", build("Intro", tp(letter("Please welcome Thaddeus Fairweather and Cornelius Pardoe to the volunteer rota."))))
    N("surname_only,place_name", build("Depot", tp(letter("Deliveries now go to the Quennell Road depot."))))
    N("dob_without_name", build("Stat", tp(letter("One applicant was born 14/03/1987; identity withheld."))))
    N("hyphen_partial_surname", build("Intro", tp(letter("Chidi Okonkwo from the Lindqvist Foundation will attend."))))
    N("homoglyph_cyrillic,other_name,windows1251", build("Документы", tp(f"Здравствуйте,\n\nКлиент: {homo('Boris Maltsev', CYR)}.\n", cs="windows-1251", cte="8bit")))
    N("fullwidth,other_case", build("Ref", tp(letter(f"Ref {fullwidth('2024-CW-00389')}"))))
    N("bidi_rlo,reversed_text,other_name", build("Pupil", tp(letter("Pupil: \u202e" + "Oriel Pennyfeather"[::-1] + "\u202c"))))
    N("zero_width_space,other_ident", build("ID", tp(letter("ID " + interleave("MCD-777-000", ["\u200b"])))))
    N("zip,csv,other_names", build("Export", mp("mixed", [tp(letter("Export attached.")),
                                                          att("application/zip", "export.zip", make_zip([("export.csv", "surname,given,dob\nHalloran,Peregrine,1990-02-03\nMbatha,Sipho,1988-07-12\n")]))])))
    N("docx_split_runs,other_name", build("Plan", mp("mixed", [tp(letter("Plan attached.")),
                                                               att("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "plan.docx",
                                                                   make_docx([["Pupil: ", "Rosam", "und Tel", "ford"]]))])))
    N("pdf_flate,other_case", build("Order", mp("mixed", [tp(letter("Order attached.")),
                                                          att("application/pdf", "order.pdf", make_pdf(b"BT /F1 12 Tf 72 720 Td (Matter 2024-PR-06420) Tj ET", True))])))
    N("ics,meeting_invite,other_names", build("Invitation: team meeting", mp("alternative", [tp("Team meeting.\n"),
                                                                                          rawpart(["Content-Type: text/calendar; method=REQUEST; charset=utf-8"],
                                                                                                  "BEGIN:VCALENDAR\nVERSION:2.0\nMETHOD:REQUEST\nBEGIN:VEVENT\nUID:t1@agency.example\nDTSTAMP:20240506T090000Z\nDTSTART:20240514T150000Z\n"
                                                                                                  "SUMMARY:Team meeting\nATTENDEE;CN=\"Priya Halvorsen\":mailto:p.halvorsen@agency.example\nATTENDEE;CN=\"Marisol Quintan\n a\":mailto:m.quintana@partner.example\nEND:VEVENT\nEND:VCALENDAR\n")])))
    N("vcard,other_name", build("Contact", mp("mixed", [tp(letter("Card attached.")),
                                                        att("text/vcard", "c.vcf", "BEGIN:VCARD\nVERSION:3.0\nN:Abernathy;Clement;;;\nBDAY:1987-03-14\nEND:VCARD\n")])))
    N("html_entities,other_name", build("Visit", tp(html_doc("Visited " + ents_dec("Perpetua Oduya")), "html")))
    N("html_tag_split,other_name", build("Visit", tp(html_doc("Tenant: Bar<span>naby</span> <b>Cle</b>ghorn"), "html")))
    N("html_hidden,other_text", build("Promo", tp(html_doc('Summer schedule <span style="display:none">preheader text</span>'), "html")))
    N("forward_rfc822,other_case", build("Fwd: file", mp("mixed", [tp("fyi\n"), rfc822(build("file", tp("Matter 2022-JV-10235 summary.\n"), frm='"Clerk" <clerk@court-notices.example>', to="x@agency.example"))])))
    N("dsn_bounce,text_rfc822_headers", build("Undeliverable: Rota", mp("report", [tp("Delivery failed.\n"),
                                                                                  rawpart(["Content-Type: message/delivery-status"], "Reporting-MTA: dns; mx.agency.example\n\nFinal-Recipient: rfc822; x@nowhere.example\nAction: failed\nStatus: 5.1.1\n"),
                                                                                  rawpart(["Content-Type: text/rfc822-headers"], "From: rota@agency.example\nSubject: Weekend rota\n")], params="; report-type=delivery-status"),
                                                 frm='"Mail Delivery System" <MAILER-DAEMON@agency.example>'))
    N("uuencode_inline,non_mime", build("notes", ("Notes attached.\n\n" + uuencode(b"Weekly notes: nothing to report.\r\n") + "\n").encode(), mime=False))
    N("charset_utf16le,base64_body", build("Reference", rawpart(["Content-Type: text/plain; charset=utf-16", "Content-Transfer-Encoding: base64"],
                                                               b64(letter("Reference for Leopold Aranda attached.").replace("\n", "\r\n").encode("utf-16")))))
    N("charset_iso2022jp,fullwidth,other_name", build("=?ISO-2022-JP?B?" + base64.b64encode("ご連絡".encode("iso2022_jp")).decode() + "?=",
                                                      tp(f"{fullwidth('Haruto Kessler')}様の書類を送付いたします。\n", cs="iso-2022-jp", cte="7bit")))
    N("long_attachment,no_value", build("Full export", mp("mixed", [tp(letter("Export attached.")),
                                                                     att("text/csv", "export.csv", "row,status,code\n" + "".join(f"{i},ok,{random.randrange(10 ** 6):06d}\n" for i in range(15000)))])))
    N("rfc2231_filename,other_name", build("Informe", mp("mixed", [tp(letter("Adjunto.")),
                                                                   att("text/plain", None, "x\n", disp="Content-Disposition: attachment;\n filename*=UTF-8''Joaqu%C3%ADn%20Ibarguren.txt")])))
    N("display_name,other_name", build("Hello", tp(letter("Thanks for your call.")), to='"Saoirse Delacroix-Bell" <sdb@freemail.example>'))
    N("json,other_dob_and_given", build("Payload", mp("mixed", [tp(letter("Payload attached.")),
                                                                att("application/json", "p.json", json.dumps({"firstName": "Casimir", "dob": "2005-02-11"}))])))
    N("surname_other_date,spanish_date", build("Cita", tp(letter("Sr. Zubizarreta tiene cita el 22 de julio de 2024."))))
    N("math_bold,other_name", build("Note", tp(letter(mathalpha("Evander Pryce", 0x1D400, 0x1D41A)))))
    N("quoted_printable,other_name", build("Letter", rawpart(["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"],
                                                              "Letter for Florian Ashdown=\n-Keel is ready.\n")))
    N("smime_multipart_signed,plain", build("Signed", mp("signed", [tp(letter("Policy update attached to intranet.")),
                                                                    att("application/pkcs7-signature", "smime.p7s", bytes(random.randrange(256) for _ in range(500)))],
                                                         params='; protocol="application/pkcs7-signature"; micalg=sha-256')))
    N("invoice_numbers,tracking", build("Invoice INV-2024-00388", tp(letter("Invoice INV-2024-00388, PO 5531-22, tracking 1Z999AA10123456784."))))
    N("phone_numbers,postcode", build("Contact details", tp(letter("Call 555-0199 or 555-0142; office postcode AB12 3CD."))))
    N("many_parts,no_value", build("Scans", mp("mixed", [tp(letter("Scans attached."))] + [att("text/plain", f"s{i}.txt", f"page {i}\n") for i in range(40)])))
    N("deep_nesting,no_value", build("Nested", (lambda: (lambda n: [n := mp("mixed", [tp(f"l{i}\n"), n]) for i in range(10)][-1])(tp("Leaf text.\n")))()))
    N("gzip,other_name", build("Report", mp("mixed", [tp(letter("Report attached.")), att("application/gzip", "r.txt.gz", gzip.compress(b"Tenant: Anneliese Rudd\r\n", mtime=0))])))
    N("rtf,other_name", build("Letter", mp("mixed", [tp(letter("Letter attached.")), att("application/rtf", "l.rtf", r"{\rtf1\ansi Cliente: Nu\'f1o Barrag\'e1n\par}" + "\n")])))
    N("initials_only,no_date", build("Anon", tp(letter("Child T.V. and parent W.S. attended the group session."))))
    N("given_only,no_date", build("Thanks", tp(letter("Lazarus from the catering firm says thanks for the order."))))
    N("surname_other_date,html_table", build("Rota", alt("See HTML.\n", html_doc('<table><tr><th>Surname</th><th>Shift</th></tr><tr><td>Grimsditch</td><td>27/04/2024</td></tr></table>'))))
    N("case_format_other_system", build("Ticket", tp(letter("IT ticket 2024-IT-00123 and HR ref 2023-HR-04417 resolved."))))


# ======================================================================
#                               SELF-CHECK (own guard, not a classifier)
# ======================================================================
def texts_of(raw):
    out = [raw.decode("latin-1")]
    msg = email.message_from_bytes(raw, policy=policy.compat32)
    for part in msg.walk():
        for k, v in part.items():
            try:
                out.append(str(email.header.make_header(email.header.decode_header(v))))
            except Exception:
                out.append(str(v))
        if part.is_multipart():
            continue
        data = part.get_payload(decode=True) or b""
        cs = part.get_content_charset() or "utf-8"
        try:
            out.append(data.decode(cs, "replace"))
        except LookupError:
            out.append(data.decode("utf-8", "replace"))
        if data[:2] == b"PK":
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    for n in z.namelist():
                        out.append(n)
                        out.append(z.read(n).decode("utf-8", "replace"))
            except Exception:
                pass
        if part.get_content_type() == "message/rfc822" and isinstance(part.get_payload(), list):
            pass
    return "\n".join(out).lower()


def all_dobs(c):
    return [dfmt(c, s).lower() for s in ("iso", "dmy", "mdy", "dmy_dot", "long", "us_long", "compact")]


def check():
    problems = []
    ids = {i: c for c in CL.values() for i in c.ids}
    cases = dict(CASES)
    for n, (tags, carrier, value, raw) in enumerate(POS, 1):
        t = texts_of(raw)
        for i, c in ids.items():
            if i.lower() in t and value != i:
                problems.append(f"pos {n}: extra identifier {i}")
        for k in cases:
            if k.lower() in t and value != k:
                problems.append(f"pos {n}: extra case {k}")
        for c in CL.values():
            if c.id != carrier and c.f.lower() in t:
                problems.append(f"pos {n}: other surname {c.f}")
    for n, (tags, raw, near) in enumerate(NEG, 1):
        t = texts_of(raw)
        for i in list(ids) + list(cases):
            if i.lower() in t:
                problems.append(f"neg {n}: contains {i}")
        for c in CL.values():
            if c.full.lower() in t or f"{c.f}, {c.g}".lower() in t:
                problems.append(f"neg {n}: full name {c.full}")
            if c.f.lower() in t and any(d in t for d in all_dobs(c)):
                problems.append(f"neg {n}: surname+dob {c.f}")
    return problems


def main():
    positives()
    negatives()
    probs = check()
    for p in probs:
        print("CHECK:", p, file=sys.stderr)
    for d in ("positive", "negative"):
        os.makedirs(os.path.join(OUT, d), exist_ok=True)
        for f in os.listdir(os.path.join(OUT, d)):
            if f.endswith(".eml"):
                os.remove(os.path.join(OUT, d, f))
    reg = {"clients": [{"id": c.id, "givenName": c.g, "familyName": c.f, "dateOfBirth": c.dob, "identifiers": c.ids} for c in CL.values()],
           "cases": [{"number": n, "clients": cl} for n, cl in CASES]}
    with open(os.path.join(OUT, "registry.json"), "w", encoding="utf-8") as fh:
        json.dump(reg, fh, ensure_ascii=False, indent=2)
    lines = []
    for n, (tags, carrier, value, raw) in enumerate(POS, 1):
        p = f"positive/{n:03d}.eml"
        with open(os.path.join(OUT, p), "wb") as fh:
            fh.write(raw)
        lines.append(f"{p}\tpositive\t{tags}\t{carrier}")
    for n, (tags, raw, near) in enumerate(NEG, 1):
        p = f"negative/{n:03d}.eml"
        with open(os.path.join(OUT, p), "wb") as fh:
            fh.write(raw)
        lines.append(f"{p}\tnegative\t{tags}\t-")
    with open(os.path.join(OUT, "index.tsv"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"positives={len(POS)} negatives={len(NEG)} check_problems={len(probs)}")


if __name__ == "__main__":
    main()

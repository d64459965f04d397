"""Content-stream tokens for pdfminer's page interpreter, read with one regular expression.

Why this module exists: pdfminer reads a page's content stream through a byte-by-byte state machine
(``PSBaseParser``); on our reference PDF that is three quarters of pdfminer's page processing and about 40%
of the naive pdfplumber pass (docs/pdf_reading.md). This module yields the same objects — numbers, strings,
names, arrays, dictionaries and operators, exactly as pdfminer's ``PDFContentParser.nextobject`` yields
them — from one ``re.findall`` pass, grouped by operator, so that pdfminer's own interpreter then computes
the same chars and rulings.

It reads the common grammar only. Whatever it does not reproduce exactly — an inline image (BI … ID … EI),
a name with a #xx escape, a string with nested or unbalanced parentheses, an unbalanced or unterminated
array or dictionary, a dictionary with an odd number of items, a token pdfminer would continue into the
next stream — makes ``content_operations`` return None, and the caller hands the streams to pdfminer's
parser instead. tests/unit/test_pdf_content.py compares both parsers token for token.
"""
import re

from pdfminer.psparser import KWD, LIT, literal_name
from pdfminer.utils import choplist

# One token per match, after whitespace, comments and a lone '>' (which ends a hex string), all skipped as
# pdfminer skips them. A token's first byte tells its kind (_KIND).
_TOKEN = re.compile(
    rb"(?:[\s\x00]|>(?!>)|%[^\r\n]*)*+("
    rb"[-+0-9][0-9]*(?:\.[0-9]*)?|\.[0-9]*"  # number: pdfminer reads a sign or digit, digits, '.', digits
    rb"|[A-Za-z][^#/%\[\]()<>{}\s]*"  # operator (or true/false)
    rb"|<(?!<)[0-9A-Fa-f\s]*"  # hex string: ends at the first other byte (usually '>', skipped next)
    rb"|/[^#/%\[\]()<>{}\s]*+#?"  # name; one followed by '#' has an escape: not read here
    rb"|\((?:[^()\\]|\\.)*+\)"  # string without nested parentheses
    rb"|\[|\]|<<|>>|\{|\}"  # structure
    rb"|[^\s\x00/(<]"  # any other single byte: pdfminer makes it an operator
    rb"|."  # a '(' that does not open a string read here
    rb"|\Z)",  # nothing left
    re.DOTALL,
)
_NUMBER, _WORD, _HEX_OR_DICT, _NAME, _STRING, _STRUCTURE, _BYTE = range(7)
_KIND = [_BYTE] * 256
for _byte in b"+-.0123456789":
    _KIND[_byte] = _NUMBER
for _byte in b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz":
    _KIND[_byte] = _WORD
for _byte, _kind in ((b"<", _HEX_OR_DICT), (b"/", _NAME), (b"(", _STRING), (b"[", _STRUCTURE), (b"]", _STRUCTURE),
                     (b"{", _STRUCTURE), (b"}", _STRUCTURE), (b">", _STRUCTURE)):
    _KIND[_byte[0]] = _kind
_SPACE = re.compile(rb"\s")
_HEX_DIGITS = re.compile(rb"[0-9A-Fa-f\s]*")
_ESCAPES = {ord("b"): 8, ord("t"): 9, ord("n"): 10, ord("f"): 12, ord("r"): 13,
            ord("("): 40, ord(")"): 41, ord("\\"): 92}
_OCTAL = b"01234567"
_INLINE_IMAGE = (KWD(b"BI"), KWD(b"ID"))  # pdfminer reads inline images itself (and drops a stray ID)
_OPEN = {b"[": "a", b"<<": "d", b"{": "p"}
_CLOSE = {b"]": "a", b">>": "d", b"}": "p"}
_KEYWORDS: dict = {}  # operator bytes -> PSKeyword, True or False
_NAMES: dict = {}  # "/Name" bytes -> pdfminer's interned PSLiteral


class _Unsupported(Exception):
    """A construct this reader does not reproduce exactly: pdfminer's parser reads the stream."""


def unescape(raw: bytes) -> bytes:
    """A literal string's bytes after its escapes, as pdfminer's ``_parse_string_1`` reads them.

    Up to three octal digits give one byte; a known escape gives its byte; a backslash before a line end
    (\\r\\n counts as one) is dropped with it, and so is any other escaped byte (pdfminer keeps neither).
    """
    out = bytearray()
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c != 92:
            out.append(c)
            i += 1
            continue
        j = i + 1
        k = j
        while k < n and k < j + 3 and raw[k] in _OCTAL:
            k += 1
        if k > j:
            code = int(raw[j:k], 8)
            if code >= 256:
                raise _Unsupported("octal escape above 255")  # pdfminer fails an assertion
            out.append(code)
            i = k
        elif j < n and raw[j] in _ESCAPES:
            out.append(_ESCAPES[raw[j]])
            i = j + 1
        elif raw[j:j + 2] == b"\r\n":
            i = j + 2
        else:
            i = j + 1
    return bytes(out)


def hex_string(raw: bytes) -> bytes:
    """A hex string's bytes; a last odd digit is a byte of its own value (pdfminer's HEX_PAIR reading)."""
    try:
        return bytes.fromhex(raw.decode("ascii"))  # whitespace allowed between pairs only
    except ValueError:
        pass
    digits = _SPACE.sub(b"", raw)
    if len(digits) % 2:
        return bytes.fromhex(digits[:-1].decode()) + bytes((int(digits[-1:], 16),))
    return bytes.fromhex(digits.decode())


def _name(raw: bytes):
    try:
        return LIT(str(raw, "utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)


def _dictionary(items: list) -> dict:
    """A dictionary as pdfminer's PSStackParser builds it (values None dropped)."""
    if len(items) % 2:
        raise _Unsupported("dictionary with an odd number of items")
    return {literal_name(k): v for (k, v) in choplist(2, items) if v is not None}


class _Operations:
    """The operations read so far, and what is still open when a stream ends (read into the next one)."""

    def __init__(self) -> None:
        self.done: list = []  # (operands, operator)
        self.operands: list = []  # top-level operands waiting for their operator
        self.stack: list = []  # per open structure: (kind, list it goes into, its items)

    def read(self, data: bytes) -> None:
        """Read one stream's tokens; raises _Unsupported for what this module does not reproduce."""
        done, stack = self.done, self.stack
        current = stack[-1][2] if stack else self.operands
        append = current.append
        for token in _TOKEN.findall(data):
            if not token:
                continue  # end of the stream
            kind = _KIND[token[0]]
            if kind == _NUMBER:
                try:
                    append(float(token) if b"." in token else int(token))
                except ValueError:
                    pass  # "-", "." or "+.": pdfminer drops the token
            elif kind == _WORD or kind == _BYTE:
                keyword = _KEYWORDS.get(token) or _keyword(token)
                if keyword in _INLINE_IMAGE:
                    raise _Unsupported("inline image")
                if stack or keyword is True or keyword is False:
                    append(keyword)  # an operand, or an item of an array (pdfminer keeps it there)
                else:
                    done.append((current, keyword))
                    current = self.operands = []
                    append = current.append
            elif kind == _HEX_OR_DICT and token != b"<<":
                append(hex_string(token[1:]))
            elif kind == _NAME:
                name = _NAMES.get(token)
                if name is None:
                    if token.endswith(b"#"):
                        raise _Unsupported("name with a #xx escape")
                    name = _NAMES[token] = _name(token[1:])
                append(name)
            elif kind == _STRING:
                if len(token) == 1:
                    raise _Unsupported("string with nested parentheses, or unterminated")
                append(unescape(token[1:-1]) if b"\\" in token else token[1:-1])
            else:  # [ ] << >> { }
                if token in _OPEN:
                    stack.append((_OPEN[token], current, []))
                    current = stack[-1][2]
                else:
                    if not stack or stack[-1][0] != _CLOSE[token]:
                        raise _Unsupported("unbalanced structure")
                    opened, current, items = stack.pop()
                    current.append(_dictionary(items) if opened == "d" else items)
                append = current.append


def _keyword(text: bytes):
    """true and false are booleans; anything else is an operator (pdfminer's interned PSKeyword)."""
    if text not in _KEYWORDS:
        _KEYWORDS[text] = True if text == b"true" else False if text == b"false" else KWD(text)
    return _KEYWORDS[text]


def content_operations(streams_data: list[bytes]) -> list | None:
    """What pdfminer's PDFContentParser yields for these streams (read one after another), grouped as
    (operands, operator) pairs — the last operator None when operands end the content — or None when a
    stream holds something only pdfminer's own parser reads exactly."""
    operations = _Operations()
    try:
        for data in streams_data:
            if _ends_inside_a_token(data):
                raise _Unsupported("stream ends inside a token pdfminer continues in the next stream")
            operations.read(data)
        if operations.stack:
            raise _Unsupported("unterminated structure")
    except _Unsupported:
        return None
    if operations.operands:
        operations.done.append((operations.operands, None))
    return operations.done


def _ends_inside_a_token(data: bytes) -> bool:
    """Whether pdfminer would read this stream's end together with the next stream's start.

    It continues a token whose text is still empty when a stream ends — a name "/", a hex string "<…",
    a '>' that may become '>>' — and an escape "\\" into the next stream; and it reads a backslash before
    \\r\\n differently when the \\r is the last byte of its 4096-byte buffer.
    """
    if data.endswith(b">") or data.rstrip(b" \t\r\n\f\v\x00").endswith((b"\\", b"/")):
        return True
    if b"<" in data and _HEX_DIGITS.fullmatch(data, data.rfind(b"<") + 1):
        return True
    position = data.find(b"\\\r\n")
    while position >= 0:
        if (position + 2) % 4096 == 0:
            return True
        position = data.find(b"\\\r\n", position + 1)
    return False

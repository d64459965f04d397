"""File names as people and databases can read them, whatever bytes the file system holds."""
import os
import unicodedata


def printable_name(name: str | bytes) -> str:
    """A file name as valid, printable UTF-8 text: bytes that are not UTF-8 become ``\\xff``, control
    characters ``\\n``/``\\x07``/``\\u200b``. Python hands undecodable names over as lone surrogates, which
    cannot be written to a database, a log or a terminal; this form can."""
    raw = name if isinstance(name, bytes) else os.fsencode(name)
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(_escape(ch) if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text)


def _escape(ch: str) -> str:
    escaped = ch.encode("unicode_escape").decode("ascii")
    return escaped if escaped != ch else f"\\u{ord(ch):04x}"

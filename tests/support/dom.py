"""A small reader of HTML for tests: elements with their attributes, visible text and children (stdlib only,
so a test reads what a browser's DOM holds without a browser-automation package)."""
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HIDDEN = {"style", "script", "head", "title"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list["Element"] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text a reader sees, whitespace collapsed."""
        return " ".join("".join(self.parts).split())

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def find_all(self, tag: str | None = None, **attrs: str) -> list["Element"]:
        """Descendants by tag and attribute values (``class_`` matches one class; ``data_rule`` → data-rule)."""
        found = []
        for child in self.children:
            if _matches(child, tag, attrs):
                found.append(child)
            found.extend(child.find_all(tag, **attrs))
        return found

    def find(self, tag: str | None = None, **attrs: str) -> "Element":
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag or '*'} {attrs}> in <{self.tag} {self.attrs}>"
        return found[0]


def _matches(element: Element, tag: str | None, attrs: dict[str, str]) -> bool:
    if tag and element.tag != tag:
        return False
    for key, value in attrs.items():
        if key == "class_":
            if value not in element.classes():
                return False
        elif element.attrs.get(key.replace("_", "-")) != value:
            return False
    return True


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)
        elif tag == "br":
            self.handle_data(" ")

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if any(e.tag in _HIDDEN for e in self.stack):
            return
        for element in self.stack:
            element.parts.append(data)


def parse(html: str) -> Element:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.root

"""A small structural check of a rendered page: nesting, captions, scopes, labels, unique ids."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SVG_LEAVES = {"rect", "line", "circle", "polyline", "path"}


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.labels: set[str] = set()
        self.fields: list[tuple[str, dict[str, str | None]]] = []
        self.table_children: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if self.table_children and self.stack and self.stack[-1] == "table":
            self.table_children[-1].append(tag)
        if tag == "table":
            self.table_children.append([])
        if tag == "th" and "scope" not in attributes and "thead" not in self.stack:
            self.problems.append("th zonder scope buiten thead")
        if tag == "th" and "thead" in self.stack and "scope" not in attributes:
            self.problems.append("kolomkop zonder scope")
        if tag == "label" and attributes.get("for"):
            self.labels.add(str(attributes["for"]))
        if tag in ("input", "select", "textarea"):
            self.fields.append((tag, attributes))
        if tag in VOID or (tag in SVG_LEAVES and "svg" in self.stack):
            return
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and not (tag in SVG_LEAVES and "svg" in self.stack[:-1]):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or (tag in SVG_LEAVES and "svg" in self.stack):
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> sluit {self.stack[-1] if self.stack else 'niets'}")
            return
        self.stack.pop()
        if tag == "table":
            children = self.table_children.pop()
            if not children or children[0] != "caption":
                self.problems.append("tabel zonder caption")


def problems(page: str) -> list[str]:
    checker = _Checker()
    checker.feed(page)
    found = list(checker.problems)
    if checker.stack:
        found.append(f"niet gesloten: {checker.stack}")
    duplicates = {i for i in checker.ids if checker.ids.count(i) > 1}
    if duplicates:
        found.append(f"dubbele ids: {sorted(duplicates)}")
    for tag, attributes in checker.fields:
        if attributes.get("type") in ("hidden", "submit"):
            continue
        named = attributes.get("id") in checker.labels or attributes.get("aria-label")
        if not named:
            found.append(f"{tag} {attributes.get('name')} zonder label")
    return found

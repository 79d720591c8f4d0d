"""Read a rendered form the way a browser shows it: what each control holds, and what describes it."""

from html.parser import HTMLParser

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def descendants(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.descendants()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value if value is not None else "" for name, value in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID_ELEMENTS:
            self.current = element

    def handle_endtag(self, tag):
        for node in [self.current, *self.current.ancestors()]:
            if node.tag == tag:
                self.current = node.parent
                return

    def handle_data(self, data):
        self.current.children.append(data)


class RenderedForm:
    def __init__(self, html: str):
        builder = _TreeBuilder()
        builder.feed(html)
        builder.close()
        self.root = builder.root

    def by_id(self, element_id: str) -> Element:
        (element,) = [e for e in self.root.descendants() if e.attrs.get("id") == element_id]
        return element

    def controls(self, name: str) -> list[Element]:
        return [
            e for e in self.root.descendants()
            if e.tag in {"input", "textarea", "select"} and e.attrs.get("name") == name
        ]

    def shown_value(self, name: str):
        """Text for a text box, True/False for a lone checkbox, the checked or selected values otherwise."""
        controls = self.controls(name)
        first = controls[0]
        if first.tag == "textarea":
            # A browser drops the newline that directly follows <textarea>.
            text = first.text()
            return text[1:] if text.startswith("\n") else text
        if first.tag == "select":
            return [o.attrs["value"] for o in first.descendants() if o.tag == "option" and "selected" in o.attrs]
        kind = first.attrs.get("type")
        if kind in {"radio", "checkbox"}:
            checked = [c.attrs.get("value") for c in controls if "checked" in c.attrs]
            return bool(checked) if kind == "checkbox" and len(controls) == 1 else checked
        return first.attrs.get("value", "")

    def field_wrapper(self, element: Element) -> Element:
        return next(a for a in element.ancestors() if a.tag == "div" and "field" in a.attrs.get("class", "").split())

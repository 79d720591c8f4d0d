"""What an import did (or, in a dry run, would do), as lines for the command's output and the admin's report."""

from dataclasses import dataclass, field

KINDS = ("articles", "pages", "images", "topics", "redirects")
ACTIONS = ("created", "updated", "unchanged", "skipped")


@dataclass
class Report:
    counts: dict = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    images_missing: list[str] = field(default_factory=list)
    images_refused: list[str] = field(default_factory=list)
    # Changes the editor should know of: a contact form taken out of a page, a slug that was already taken.
    notes: list[str] = field(default_factory=list)
    removed: dict = field(default_factory=dict)
    unknown_shortcodes: dict = field(default_factory=dict)
    other_types: dict = field(default_factory=dict)
    comments: int = 0
    pages: list[tuple[str, int, str]] = field(default_factory=list)  # (title, page id, action) for the admin
    dry_run: bool = False

    def count(self, kind, action):
        self.counts[(kind, action)] = self.counts.get((kind, action), 0) + 1

    def add(self, totals: dict, more: dict):
        for key, value in more.items():
            totals[key] = totals.get(key, 0) + value

    def lines(self) -> list[str]:
        lines = [("Dry run: nothing was saved. " if self.dry_run else "") + "Import report"]
        for kind in KINDS:
            figures = [f"{self.counts.get((kind, action), 0)} {action}" for action in ACTIONS]
            lines.append(f"  {kind.capitalize()}: {', '.join(figures)}")
        lines += [f"  Skipped: {entry}" for entry in self.skipped]
        if self.other_types:
            kinds = ", ".join(f"{name} ({count})" for name, count in sorted(self.other_types.items()))
            lines.append(f"  Other item types skipped: {kinds}")
        lines += [f"  Left alone (edited in Wagtail since the last import; use --overwrite): {title}"
                  for title in self.kept_edits]
        lines += [f"  {note}" for note in self.notes]
        if self.images_missing:
            lines.append(f"  Images missing ({len(self.images_missing)}): {', '.join(self.images_missing)}")
        lines += [f"  Image refused: {entry}" for entry in self.images_refused]
        for reason, count in sorted(self.removed.items()):
            lines.append(f"  Removed: {reason} ×{count}")
        if self.unknown_shortcodes:
            names = ", ".join(f"[{name}] ×{count}" for name, count in sorted(self.unknown_shortcodes.items()))
            lines.append(f"  Unknown shortcodes removed: {names}")
        lines.append(f"  Comments not imported (they can hold health information): {self.comments}")
        return lines

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def assert_no_axe_violations(page, context=None, options=None):
    """Run axe-core on the page and fail with a readable list of every violation.

    Animations are finished first: the admin fades its messages in, and axe measuring a half-faded message
    reports a contrast the person never reads."""
    page.evaluate(
        "Promise.all(document.getAnimations()"
        ".filter((animation) => animation.effect && animation.effect.getComputedTiming().endTime !== Infinity)"
        ".map((animation) => animation.finished.catch(() => null)))"
    )
    results = _axe.run(page, context=context, options=options)
    violations = results.response["violations"]
    if violations:
        lines = []
        for violation in violations:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
        raise AssertionError(f"axe found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(lines))

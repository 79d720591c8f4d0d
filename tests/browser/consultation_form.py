"""Filling the consultation form by its labels, as a person would."""


def choose(page, group, option):
    page.get_by_role("group", name=group).get_by_label(option, exact=True).check()


def open_more_about_you(page):
    """The optional questions are folded together until the person opens them."""
    more = page.locator("details.intake-more")
    if more.get_attribute("open") is None:
        more.get_by_text("More about you, if you’d like").click()


def fill_the_required_answers(page, *, phone=""):
    page.get_by_label("Your name").fill("Maya Torres")
    page.get_by_label("Email address").fill("maya@example.com")
    if phone:
        page.get_by_label("Phone number").fill(phone)
    choose(page, "How would you like us to contact you?", "Email")
    choose(page, "Who is the therapy for?", "Myself")
    choose(page, "Will you be in Texas during your sessions?", "Yes")
    choose(page, "How would you like to meet?", "Telehealth (video)")
    choose(page, "How do you plan to pay?", "Not sure yet")
    open_more_about_you(page)
    page.get_by_label("Anything you’d like us to know? (optional)").fill("Evenings, please.")
    page.get_by_label("I have read the notice of privacy practices").check()

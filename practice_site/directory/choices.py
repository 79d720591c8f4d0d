"""The fixed lists people filter clinicians by. Concerns and insurance plans are snippets staff manage instead."""

from django.db import models


class AgeGroup(models.TextChoices):
    CHILDREN = "children", "Children (under 13)"
    TEENS = "teens", "Teens (13 to 17)"
    ADULTS = "adults", "Adults"
    OLDER_ADULTS = "older_adults", "Older adults (65 and over)"


class SessionFormat(models.TextChoices):
    # Each matches one of the pages app's SessionFormats flags, named the same.
    IN_PERSON = "in_person", "In person"
    TELEHEALTH = "telehealth", "Telehealth (video)"


# ISO 639 codes (639-3 where 639-1 has none), with the names visitors know them by; English and Spanish first,
# then alphabetically. Adding one needs no migration of the data, only of the field's choices.
LANGUAGES = [
    ("en", "English"),
    ("es", "Spanish"),
    ("ase", "American Sign Language"),
    ("ar", "Arabic"),
    ("zh", "Chinese (Mandarin)"),
    ("yue", "Chinese (Cantonese)"),
    ("fr", "French"),
    ("de", "German"),
    ("hi", "Hindi"),
    ("it", "Italian"),
    ("ko", "Korean"),
    ("fa", "Persian (Farsi)"),
    ("pt", "Portuguese"),
    ("ru", "Russian"),
    ("tl", "Tagalog"),
    ("ta", "Tamil"),
    ("ur", "Urdu"),
    ("vi", "Vietnamese"),
]
LANGUAGE_NAMES = dict(LANGUAGES)


def language_code(text: str) -> str | None:
    """The code for a language written by hand ("spanish", "Español", "es"), or None if it is not in the list."""
    wanted = text.strip().casefold()
    aliases = {"español": "es", "espanol": "es", "asl": "ase", "mandarin": "zh", "cantonese": "yue", "farsi": "fa"}
    if wanted in aliases:
        return aliases[wanted]
    for code, name in LANGUAGES:
        if wanted in (code, name.casefold()) or wanted == name.split(" (")[0].casefold() and code != "yue":
            return code
    return None


# Where a clinician may hold a license: USPS codes of the states and DC.
US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"),
    ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"), ("DC", "District of Columbia"),
    ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"),
    ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"),
    ("MD", "Maryland"), ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"), ("NH", "New Hampshire"),
    ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"), ("NC", "North Carolina"),
    ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"), ("OR", "Oregon"), ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"), ("SC", "South Carolina"), ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"),
    ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"), ("WV", "West Virginia"),
    ("WI", "Wisconsin"), ("WY", "Wyoming"),
]

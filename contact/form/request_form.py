"""The public consultation request form.

Everything is validated here, on the server, with plain and kind messages. Text is kept as typed
(any script, emoji), but NUL bytes and other control characters are refused: they have no place in a
name or a message, and line breaks in one-line fields are how header injection starts.
"""

import unicodedata

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone

from contact.form import spam
from contact.models.request import ConsultationRequest
from practice_site.directory.choices import LANGUAGES
from practice_site.pages.models import ClinicianPage, OpeningStatus, ServicePage
from practice_site.scheduling.forms import ConsultationTimeForm

NOT_SURE = ""
CHOOSE_AN_OPTION = "Please choose one of the options."
LINE_BREAKS_ALLOWED = frozenset("\n\r\t")


def _has_control_characters(value: str, *, multiline: bool) -> bool:
    for character in value:
        if multiline and character in LINE_BREAKS_ALLOWED:
            continue
        # Cc: control characters (NUL included); Zl/Zp: Unicode line and paragraph separators.
        if unicodedata.category(character) in {"Cc", "Zl", "Zp"}:
            return True
    return False


class ControlCharacterMixin:
    """Refuse control characters with one clear message instead of Django's generic NUL error."""

    multiline = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]
        if self.max_length is not None:
            self.error_messages.setdefault(
                "max_length", f"Please shorten this to {self.max_length:,} characters or fewer."
            )

    def prepare_value(self, value):
        # HTML cannot carry a NUL byte (browsers would show "\ufffd" in its place), so the re-shown form leaves
        # it out; the rest is shown as typed, beside the message about hidden characters.
        if isinstance(value, str):
            return value.replace("\x00", "")
        return super().prepare_value(value)

    def to_python(self, value):
        value = super().to_python(value)
        if value and _has_control_characters(value, multiline=self.multiline):
            if self.multiline:
                message = "Please remove the hidden control characters from your message."
            else:
                message = "Please type this on one line, without hidden control characters."
            raise ValidationError(message, code="control_characters")
        return value


class PlainTextField(ControlCharacterMixin, forms.CharField):
    pass


class MessageField(PlainTextField):
    multiline = True


class EmailField(ControlCharacterMixin, forms.EmailField):
    pass


class UncheckedField(forms.CharField):
    """The hidden spam-check fields: anything a bot sends is evidence, never an error for a person to fix."""

    def __init__(self, **kwargs):
        super().__init__(required=False, strip=False, **kwargs)
        self.validators = []


def _radio(choices, required_message: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": CHOOSE_AN_OPTION},
        **kwargs,
    )


def _checkboxes(choices, **kwargs) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": CHOOSE_AN_OPTION},
        **kwargs,
    )


def _yes_no(value: str) -> bool:
    return value == "yes"


def service_choices() -> list[tuple[str, str]]:
    services = ServicePage.objects.visible().order_by("path").values_list("pk", "title")
    return [(NOT_SURE, "Not sure yet")] + [(str(pk), title) for pk, title in services]


def clinician_choices() -> list[tuple[str, str]]:
    # A waitlisted clinician still takes requests (they join the waitlist), so they are offered too,
    # labelled honestly; only clinicians not accepting anyone are left out.
    clinicians = (
        ClinicianPage.objects.visible().with_availability()
        .exclude(availability=OpeningStatus.CLOSED)
        .order_by("title")
        .values_list("pk", "title", "credentials", "availability")
    )
    choices = [(NOT_SURE, "No preference")]
    for pk, title, credentials, availability in clinicians:
        label = f"{title}, {credentials}" if credentials else title
        if availability == OpeningStatus.WAITLIST:
            label += " (waitlist)"
        choices.append((str(pk), label))
    return choices


class ConsultationRequestForm(ConsultationTimeForm, forms.ModelForm):
    name = PlainTextField(
        label="Your name",
        max_length=150,
        help_text="It doesn’t have to be your legal name.",
        error_messages={"required": "Please tell us your name."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    preferred_name = PlainTextField(
        label="Name you’d like us to use (optional)",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    pronouns = PlainTextField(
        label="Pronouns (optional)",
        max_length=60,
        required=False,
        help_text="For example: she/her, he/him, they/them.",
    )
    email = EmailField(
        label="Email address",
        max_length=254,
        required=False,
        help_text="Give us an email address, a phone number, or both.",
        error_messages={"invalid": "Please check the email address: it should look like name@example.com."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PlainTextField(
        label="Phone number",
        max_length=40,
        required=False,
        help_text="A US number such as (713) 555-0142, or an international number starting with +.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    preferred_contact = _radio(
        ConsultationRequest.ContactMethod.choices,
        "Please choose how you would like us to contact you.",
        label="How would you like us to contact you?",
    )
    voicemail_ok = forms.BooleanField(
        label="It’s OK to leave a voicemail",
        required=False,
        help_text="Our message would only give a first name and ask you to call back.",
    )
    texts_ok = forms.BooleanField(label="It’s OK to send me text messages", required=False)
    therapy_for = _radio(
        ConsultationRequest.TherapyFor.choices,
        "Please choose who the therapy is for.",
        label="Who is the therapy for?",
    )
    guardian_name = PlainTextField(
        label="If it’s for your child or teen: the parent or guardian’s name",
        max_length=150,
        required=False,
        help_text="Therapy for someone under 18 needs a parent or guardian’s consent. This is often you.",
    )
    in_texas = forms.TypedChoiceField(
        label="Will you be in Texas during your sessions?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=_yes_no,
        widget=forms.RadioSelect,
        help_text="Our clinicians are licensed in Texas, so sessions happen while you are in Texas, "
        "by video too.",
        error_messages={
            "required": "Please tell us whether you will be in Texas during your sessions.",
            "invalid_choice": CHOOSE_AN_OPTION,
        },
    )
    service = forms.ChoiceField(
        label="What would you like help with?",
        required=False,
        error_messages={"invalid_choice": CHOOSE_AN_OPTION},
    )
    preferred_clinician = forms.ChoiceField(
        label="Preferred clinician (optional)",
        required=False,
        help_text="Only clinicians taking new clients or keeping a waitlist are listed.",
        error_messages={"invalid_choice": CHOOSE_AN_OPTION},
    )
    session_language = forms.ChoiceField(
        label="Language you’d like sessions in (optional)",
        choices=[(NOT_SURE, "No preference"), *LANGUAGES],
        required=False,
        error_messages={"invalid_choice": CHOOSE_AN_OPTION},
    )
    session_format = _radio(
        ConsultationRequest.SessionFormat.choices,
        "Please choose how you would like to meet.",
        label="How would you like to meet?",
    )
    available_days = _checkboxes(
        ConsultationRequest.Day.choices, label="Which days usually suit you? (optional)",
        help_text="Choose any that apply.",
    )
    available_times = _checkboxes(
        ConsultationRequest.TimeOfDay.choices, label="Which times of day usually suit you? (optional)",
        help_text="Choose any that apply.",
    )
    payment = _radio(
        ConsultationRequest.Payment.choices,
        "Please choose how you plan to pay, or “Not sure yet”.",
        label="How do you plan to pay?",
    )
    insurance_carrier = PlainTextField(
        label="If you’ll use insurance: the name of your insurance company",
        max_length=120,
        required=False,
        help_text="For example: Blue Cross Blue Shield of Texas. No member number needed.",
    )
    message = MessageField(
        label="Anything you’d like us to know? (optional)",
        max_length=1000,
        required=False,
        help_text="Up to 1,000 characters. Keep it short, and leave out anything you would rather tell us "
        "in person.",
        error_messages={
            "max_length": "Please shorten your message to 1,000 characters or fewer (it has %(show_value)d). "
            "You can tell us more when we talk."
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    privacy_notice = forms.BooleanField(
        label="I have read the notice of privacy practices and agree to my request being stored",
        help_text="The notice explains how we keep and protect what you send us.",
        error_messages={
            "required": "Please tick this box to agree to the privacy notice, so we can keep your request."
        },
    )

    # Spam checks: a field people never meet, and when the form was shown. The honeypot's name matches no
    # autofill or password-manager heuristic (name, email, url, website, company...), so no browser fills it
    # in for a real person.
    leave_this_empty = UncheckedField(
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form_token = UncheckedField(widget=forms.HiddenInput)
    # The button pressed when the waitlist was offered (contact/form/waitlist_offer.py); never shown as a field.
    waitlist = UncheckedField(widget=forms.HiddenInput)

    class Meta:
        model = ConsultationRequest
        fields = [
            "name", "preferred_name", "pronouns", "email", "phone", "preferred_contact", "voicemail_ok",
            "texts_ok", "therapy_for", "guardian_name", "in_texas", "session_language", "session_format",
            "available_days", "available_times", "payment", "insurance_carrier", "message",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.load_choices()
        if not self.is_bound:
            self.initial.setdefault("form_token", spam.issue_form_token())

    def load_choices(self) -> None:
        """Choices that come from the database, evaluated once, so re-showing the form after a failed save needs
        none. During an outage the form takes them from a last-known copy instead (contact/outage/page.py)."""
        self.fields["service"].choices = service_choices()
        self.fields["preferred_clinician"].choices = clinician_choices()

    @property
    def has_expired(self) -> bool:
        return spam.has_expired(self.cleaned_data.get("form_token", ""))

    def renew_form_token(self) -> None:
        """Give a form shown again after it expired a fresh token, keeping everything else as typed."""
        self.data = self.data.copy()
        self.data["form_token"] = spam.issue_form_token()

    def clean_email(self):
        email = self.cleaned_data["email"]
        if not email:
            return email
        local, _, domain = email.rpartition("@")
        return f"{local}@{domain.lower()}"

    def clean_phone(self):
        raw = self.cleaned_data["phone"]
        if not raw:
            return raw
        invalid = ValidationError(
            "Please check the phone number: it should look like (713) 555-0142, or start with + and a country code.",
            code="invalid_phone",
        )
        try:
            number = phonenumbers.parse(raw, "US")
        except phonenumbers.NumberParseException:
            raise invalid from None
        if not phonenumbers.is_valid_number(number):
            raise invalid
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def clean(self):
        cleaned = super().clean()
        email, phone = cleaned.get("email"), cleaned.get("phone")
        method = cleaned.get("preferred_contact")
        Method = ConsultationRequest.ContactMethod

        if not email and not phone and "email" not in self.errors and "phone" not in self.errors:
            self.add_error("email", "Please give us an email address or a phone number, so we can reply.")
        elif method == Method.EMAIL and not email and "email" not in self.errors:
            self.add_error(
                "email", "You chose email as the best way to reach you. Please add your email address, "
                "or choose another way.",
            )
        elif method in {Method.CALL, Method.TEXT} and not phone and "phone" not in self.errors:
            self.add_error(
                "phone", "You chose a call or text as the best way to reach you. Please add your phone number, "
                "or choose another way.",
            )
        if method == Method.TEXT and not cleaned.get("texts_ok"):
            self.add_error(
                "texts_ok", "You chose text messages. Please tick this box so we may text you, "
                "or choose another way to be contacted.",
            )

        if cleaned.get("therapy_for") == ConsultationRequest.TherapyFor.CHILD:
            if not cleaned.get("guardian_name") and "guardian_name" not in self.errors:
                self.add_error("guardian_name", "Please tell us the parent or guardian’s name.")
        else:
            # Store the minimum: an answer to a question that did not apply is not kept.
            cleaned["guardian_name"] = ""

        if cleaned.get("payment") == ConsultationRequest.Payment.INSURANCE:
            if not cleaned.get("insurance_carrier") and "insurance_carrier" not in self.errors:
                self.add_error(
                    "insurance_carrier",
                    "Please tell us the name of your insurance company, or choose “Not sure yet”.",
                )
        else:
            cleaned["insurance_carrier"] = ""
        return cleaned

    @property
    def spam_reason(self) -> str:
        return spam.spam_reason(
            honeypot=self.cleaned_data.get("leave_this_empty", ""), form_token=self.cleaned_data.get("form_token", "")
        )

    def error_summary(self) -> list[tuple[str, str]]:
        """(element id, message) for each error, in the order of the form, for the summary's links."""
        summary = []
        for field in self:
            for message in field.errors:
                target = f"{field.auto_id}_0" if field.use_fieldset else field.auto_id
                summary.append((target, message))
        return summary

    def save(self, commit=True):
        consultation = super().save(commit=False)
        consultation.service_id = int(self.cleaned_data["service"]) if self.cleaned_data["service"] else None
        clinician = self.cleaned_data["preferred_clinician"]
        consultation.preferred_clinician_id = int(clinician) if clinician else None
        consultation.privacy_notice_accepted_at = timezone.now()
        if commit:
            consultation.save()
        return consultation

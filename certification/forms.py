"""Forms of the certification pages and admin screens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from certification.models.certificates import normalize_serial
from certification.services.revocation import MAX_REASON_LENGTH


class VerifyForm(forms.Form):
    serial = forms.CharField(
        label=_("Certificate serial"),
        max_length=64,
        help_text=_("As printed on the certificate, e.g. ABCD-EFGH-JKLM-NPQR-STUV."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_serial(self):
        serial = normalize_serial(self.cleaned_data["serial"])
        if serial is None:
            raise forms.ValidationError(
                _("That is not a certificate serial: it has 20 letters and digits in groups of 4.")
            )
        return serial


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kept with the certificate and sent to the holder."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("A reason is required to revoke a certificate."))
        return reason


class ApprovalRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the social media team"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

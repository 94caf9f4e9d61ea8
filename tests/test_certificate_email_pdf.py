"""The issue e-mail carries the certificate's PDF (named with its serial); the revocation mail
and an exemption's mail carry none."""

import pytest
from django.core import mail

from certification.notifications import send_certificate_email
from tests.factories import CertificateFactory, UserFactory, make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    return make_program("enthusiast", name="Enthusiast")


def test_the_issue_mail_attaches_the_pdf_named_with_the_serial(program):
    certificate = CertificateFactory(holder=UserFactory(first_name="Ada"), program=program)
    assert send_certificate_email(certificate.pk, "issued") == 1
    (message,) = mail.outbox
    ((name, content, mimetype),) = message.attachments
    assert name == f"enthusiast-certificate-{certificate.serial}.pdf"
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF")
    # The text part is the same mail as before.
    assert certificate.verification_url() in message.body


def test_the_attachment_survives_the_mime_message(program):
    certificate = CertificateFactory(program=program)
    send_certificate_email(certificate.pk, "issued")
    parts = [part for part in mail.outbox[0].message().walk() if part.get_filename()]
    assert [part.get_content_type() for part in parts] == ["application/pdf"]
    assert parts[0].get_payload(decode=True).startswith(b"%PDF")
    assert certificate.serial in parts[0].get_filename()


def test_an_exemption_is_mailed_without_a_pdf(program):
    certificate = CertificateFactory(program=program, kind="exemption")
    assert send_certificate_email(certificate.pk, "issued") == 1
    assert mail.outbox[0].attachments == []


def test_the_revocation_mail_has_no_attachment(program):
    certificate = CertificateFactory(program=program)
    send_certificate_email(certificate.pk, "revoked")
    assert mail.outbox[0].attachments == []

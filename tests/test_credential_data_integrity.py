"""Open Badges 3.0 with a Data Integrity proof (eddsa-rdfc-2022): the credential the holder fetches
verifies with Digital Bazaar's Node.js libraries (tests/verifiers/), given only what the site
publishes (the credential, the issuer Profile as controller document) and the contexts it names,
and fails there once altered or signed with another key. The site's own verify_proof agrees."""

import copy
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import base58
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certification import credentials, dataintegrity, jsonld
from certification.services import issue_certificate, revoke_certificate
from tests.factories import EmployeeFactory, make_program

pytestmark = pytest.mark.django_db

VERIFIERS = Path(__file__).resolve().parent / "verifiers"
VERIFIER = VERIFIERS / "verify-data-integrity.js"
LD_VC = "application/vc+ld+json"
CREDENTIAL = "/api/v1/certificates/{}/credential"


def node_verifier_or_skip():
    """The Node.js verifier, installed by `npm ci --prefix tests/verifiers`. Missing in CI is a
    failure; on a developer's machine without it, the tests that need it are skipped."""
    node = shutil.which("node")
    installed = (VERIFIERS / "node_modules" / "@digitalbazaar" / "vc").is_dir()
    if node and installed:
        return node
    problem = (
        "The Node.js Data Integrity verifier is not installed: "
        + ("node is not on PATH" if not node else "run `npm ci --prefix tests/verifiers`")
        + "."
    )
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(problem)
    pytest.skip(problem)


@pytest.fixture
def node():
    return node_verifier_or_skip()


@pytest.fixture
def di_key(settings, tmp_path):
    settings.ACADEMY_CREDENTIAL_SIGNING_KEY_FILE = tmp_path / "keys" / "signing-key.pem"
    settings.ACADEMY_CREDENTIAL_DI_KEY_FILE = tmp_path / "keys" / "data-integrity-key.pem"
    key, created = dataintegrity.ensure_key()
    assert created
    return key


@pytest.fixture
def certificate(db):
    program = make_program("enthusiast", name="Enthusiast")
    holder = EmployeeFactory(user__first_name="Alex", user__last_name="Morgan").user
    return issue_certificate(holder, program)


def fetch(client, certificate, **extra):
    client.force_login(certificate.holder)
    return client.get(CREDENTIAL.format(certificate.serial), HTTP_ACCEPT=LD_VC, **extra)


def controller_document(client):
    """The issuer Profile as GET /api/v1/issuer serves it, as the key's controller document."""
    response = client.get("/api/v1/issuer")
    assert response.status_code == 200
    return dataintegrity.controller_document(response.json())


def bundle(credential, profile):
    """What the Node verifier may load: the issuer's document and every context named."""
    documents = {profile["id"]: profile}
    for document in (credential, profile):
        for context in document["@context"]:
            if isinstance(context, str):
                documents[context] = jsonld.document_loader(context)["document"]
    return {"credential": credential, "documents": documents}


def node_verify(node, credential, profile):
    completed = subprocess.run(  # noqa: S603 (our own script, our own input)
        [node, str(VERIFIER)],
        input=json.dumps(bundle(credential, profile)),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.stdout, completed.stderr
    return json.loads(completed.stdout)


def test_the_holder_gets_the_credential_with_a_data_integrity_proof(client, certificate, di_key):
    response = fetch(client, certificate)
    assert response.status_code == 200
    assert response["Content-Type"] == LD_VC
    assert response["Cache-Control"] == "private, no-store"
    credential = response.json()
    proof = credential["proof"]
    assert {k: v for k, v in proof.items() if k not in {"created", "proofValue"}} == {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "verificationMethod": dataintegrity.verification_method_id(),
        "proofPurpose": "assertionMethod",
    }
    assert proof["verificationMethod"].startswith(credentials.issuer_id() + "#z6Mk")
    assert proof["created"].endswith("Z")
    assert len(base58.b58decode(proof["proofValue"][1:])) == 64
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    assert unsecured == credentials.build_credential(certificate)
    assert dataintegrity.verify_proof(credential) is True
    # ?format=ldp_vc asks for the same form without the header.
    client.force_login(certificate.holder)
    by_query = client.get(CREDENTIAL.format(certificate.serial) + "?format=ldp_vc")
    assert by_query["Content-Type"] == LD_VC
    assert dataintegrity.verify_proof(by_query.json()) is True
    # Without either, the VC-JWT form is unchanged.
    plain = client.get(CREDENTIAL.format(certificate.serial))
    assert "proof" not in plain.content.decode()


def test_the_issuer_profile_is_the_controller_document_of_the_key(client, di_key):
    profile = controller_document(client)
    assert profile["id"] == credentials.issuer_id()
    assert dataintegrity.MULTIKEY_V1 in profile["@context"]
    [method] = profile["assertionMethod"]
    assert method == {
        "id": f"{profile['id']}#{method['publicKeyMultibase']}",
        "type": "Multikey",
        "controller": profile["id"],
        "publicKeyMultibase": method["publicKeyMultibase"],
    }
    decoded = base58.b58decode(method["publicKeyMultibase"][1:])
    assert decoded == b"\xed\x01" + dataintegrity.raw_public_key(di_key)
    # Merging twice changes nothing, so the endpoint may already carry it.
    assert dataintegrity.controller_document(profile) == profile
    # Every term of the Profile is defined: nothing is lost when it is read as JSON-LD.
    expanded = jsonld.expand(profile)
    assert expanded[0]["https://w3id.org/security#assertionMethod"][0]["@id"] == method["id"]


def test_the_node_verifier_verifies_the_credential(client, certificate, di_key, node):
    credential = fetch(client, certificate).json()
    result = node_verify(node, credential, controller_document(client))
    assert result["verified"] is True, result["errors"]
    assert result["verificationMethod"] == credential["proof"]["verificationMethod"]
    # It found the key through the issuer's Profile (the controller, whose id is the issuer).
    assert credential["proof"]["verificationMethod"] in result["requested"]
    assert credentials.issuer_id() in result["requested"]


def altered(credential):
    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["achievement"]["name"] = "Spokesperson"
    return tampered


def test_an_altered_credential_fails_in_both_implementations(client, certificate, di_key, node):
    credential = fetch(client, certificate).json()
    profile = controller_document(client)
    for tampered in (
        altered(credential),
        {**credential, "validUntil": "2099-01-01T00:00:00Z"},
        {**credential, "proof": {**credential["proof"], "created": "2020-01-01T00:00:00Z"}},
    ):
        result = node_verify(node, tampered, profile)
        assert result["verified"] is False, tampered
        assert "Invalid signature." in result["errors"], result["errors"]
        assert dataintegrity.verify_proof(tampered) is False


def test_a_proof_by_another_key_fails_in_both_implementations(
    client, certificate, di_key, node, settings, tmp_path
):
    credential = {k: v for k, v in fetch(client, certificate).json().items() if k != "proof"}
    profile = controller_document(client)
    site_method = dataintegrity.verification_method_id()
    settings.ACADEMY_CREDENTIAL_DI_KEY_FILE = tmp_path / "other" / "data-integrity-key.pem"
    other_key = dataintegrity.create_key()
    forged = dataintegrity.add_proof(credential)
    settings.ACADEMY_CREDENTIAL_DI_KEY_FILE = tmp_path / "keys" / "data-integrity-key.pem"
    # The forger's own key is nowhere in the issuer's Profile: it cannot even be looked up.
    result = node_verify(node, forged, profile)
    assert result["verified"] is False
    assert any(e.startswith("No node") for e in result["errors"]), result["errors"]
    # The control: in a Profile that listed that key the same proof would verify, so what
    # rejects it above is only that the issuer's Profile does not name the key.
    planted = {**profile, "assertionMethod": [dataintegrity.verification_method(other_key)]}
    assert node_verify(node, forged, planted)["verified"] is True
    assert dataintegrity.verify_proof(forged, dataintegrity.public_key_multibase(other_key))
    with pytest.raises(dataintegrity.ProofError):
        dataintegrity.verify_proof(forged)
    # Naming the site's key over the forger's signature fails on the signature itself.
    impostor = {**forged, "proof": {**forged["proof"], "verificationMethod": site_method}}
    result = node_verify(node, impostor, profile)
    assert result["verified"] is False
    assert "Invalid signature." in result["errors"], result["errors"]
    assert dataintegrity.verify_proof(impostor) is False


def test_the_python_and_node_implementations_agree_on_a_fresh_proof(
    client, certificate, di_key, node
):
    """A proof made outside the request (another `created`) verifies in both."""
    credential = dataintegrity.add_proof(
        credentials.build_credential(certificate), created="2026-01-02T03:04:05Z"
    )
    assert credential["proof"]["created"] == "2026-01-02T03:04:05Z"
    assert dataintegrity.verify_proof(credential) is True
    result = node_verify(node, credential, controller_document(client))
    assert result["verified"] is True, result["errors"]


def test_the_same_rules_as_the_jwt_form(
    client, client_for, certificate, di_key, settings, tmp_path
):
    url = CREDENTIAL.format(certificate.serial)
    assert client.get(url, HTTP_ACCEPT=LD_VC).status_code == 401
    assert client.get(url + "?format=ldp_vc").status_code == 401
    other = client_for(EmployeeFactory().user)
    assert other.get(url, HTTP_ACCEPT=LD_VC).status_code == 404
    assert other.get(url + "?format=ldp_vc").status_code == 404
    key_file = settings.ACADEMY_CREDENTIAL_DI_KEY_FILE
    settings.ACADEMY_CREDENTIAL_DI_KEY_FILE = tmp_path / "none" / "data-integrity-key.pem"
    assert fetch(client, certificate).status_code == 503
    assert dataintegrity.controller_fields() == {}
    settings.ACADEMY_CREDENTIAL_DI_KEY_FILE = key_file
    revoke_certificate(certificate, reason="Shared customer data.")
    assert fetch(client, certificate).status_code == 410


def test_the_key_file_is_private_and_never_overwritten_unless_told(di_key, settings):
    path = Path(settings.ACADEMY_CREDENTIAL_DI_KEY_FILE)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "PRIVATE KEY" in path.read_text()
    with pytest.raises(FileExistsError):
        dataintegrity.create_key()
    assert dataintegrity.ensure_key() == (dataintegrity.signing_key(), False)
    before = dataintegrity.public_key_multibase()
    replaced = dataintegrity.create_key(overwrite=True)
    assert isinstance(replaced, Ed25519PrivateKey)
    assert dataintegrity.public_key_multibase() != before


def test_the_key_lives_beside_the_signing_key_by_default(settings, tmp_path):
    from lms.conf import academy_settings

    settings.ACADEMY_CREDENTIAL_SIGNING_KEY_FILE = tmp_path / "k" / "signing-key.pem"
    assert academy_settings.CREDENTIAL_DI_KEY_FILE == tmp_path / "k" / "data-integrity-key.pem"


def test_the_openapi_document_lists_the_data_integrity_form(client):
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/certificates/{serial}/credential"]["get"]
    assert LD_VC in operation["responses"]["200"]["content"]
    assert "ldp_vc" in operation["description"]


def test_the_vendored_contexts_are_those_digital_bazaar_ships(node):
    """The contexts handed to the verifier come from certification/standards/; the npm packages
    the verifier installs carry their own copies, and they are the same documents."""
    packages = VERIFIERS / "node_modules" / "@digitalbazaar"
    for url, shipped in (
        (jsonld.VC_V2, packages / "credentials-context" / "contexts" / "v2.jsonld"),
        (
            dataintegrity.MULTIKEY_V1,
            packages / "multikey-context" / "contexts" / "multikey-v1.jsonld",
        ),
    ):
        assert jsonld.document_loader(url)["document"] == json.loads(shipped.read_text()), url

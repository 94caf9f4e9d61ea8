"""JSON-LD without the network: the contexts our credentials name, served to pyld from the copies
in certification/standards/ (see its README). Any other URL is refused, so nothing is fetched at
run time and an unknown context is an error, never a silent download."""

import copy
import functools
import json
from pathlib import Path

from pyld import jsonld

STANDARDS = Path(__file__).resolve().parent / "standards"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
STATUS_LIST_V1 = "https://www.w3.org/ns/credentials/status/v1"
OB_V3_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"

#: URL -> vendored file (relative to certification/standards/).
CONTEXT_FILES = {
    VC_V2: "vc-2.0/credentials-v2.jsonld",
    OB_V3: "openbadges-3.0/context-3.0.3.json",
    STATUS_LIST_V1: "vc-2.0/bitstring-status-list-v1.jsonld",
    OB_V3_EXTENSIONS: "openbadges-3.0/extensions.json",
}


def register_context(url, relative_path):
    """Let another module (e.g. Open Badges 2.0, Data Integrity) add a vendored context."""
    CONTEXT_FILES[url] = relative_path
    _load.cache_clear()


@functools.cache
def _load(url):
    return json.loads((STANDARDS / CONTEXT_FILES[url]).read_text(encoding="utf-8"))


def document_loader(url, options=None):
    """pyld's loader signature: returns the vendored document or raises."""
    if url not in CONTEXT_FILES:
        raise jsonld.JsonLdError(
            f"No vendored copy of {url}; this project fetches no context at run time.",
            "jsonld.LoadDocumentError",
            {"url": url},
            code="loading document failed",
        )
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": copy.deepcopy(_load(url)),
        "contentType": "application/ld+json",
    }


def options(**extra):
    return {"documentLoader": document_loader, **extra}


def expand(document, **extra):
    return jsonld.expand(document, options(**extra))


def canonize(document):
    """RDF Dataset Canonicalization (RDFC-1.0, URDNA2015 in pyld) as N-Quads."""
    return jsonld.normalize(document, options(algorithm="URDNA2015", format="application/n-quads"))

"""System checks of the certification app (`manage.py check`)."""

from django.core.checks import Warning, register


@register()
def check_pdf_fonts(app_configs=None, **kwargs):
    """The certificate PDF sets Chinese, Japanese and Korean names in a system font: say when
    none is found, and which package installs one (names in those scripts would print as
    empty boxes)."""
    from certification.pdf import CJK, FACES, font_chain, font_dirs

    chain = font_chain()
    cjk = [face for face in FACES if face.ranges == CJK]
    if any(chain.available(face) for face in cjk):
        return []
    files = ", ".join(face.files["regular"] for face in cjk)
    return [
        Warning(
            "No Chinese, Japanese or Korean font for the certificate PDF: names in those scripts "
            "would print as empty boxes.",
            hint=f"Install one (Debian: apt-get install {cjk[0].package}), or put one of {files} "
            f"in a folder of ACADEMY_PDF_FONT_DIRS (now {', '.join(font_dirs()) or 'empty'}).",
            id="certification.W001",
        )
    ]

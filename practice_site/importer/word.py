"""Word documents (.docx) through mammoth: headings, lists, emphasis and the images inside."""

import io
import re

import mammoth

from .bundle import (
    Bundle,
    Folder,
    ImportRefused,
    content_identity,
    document_bundle,
    local_images,
    plain,
    title_from_name,
)
from .html import Findings, clean


def read_docx(name: str, data: bytes) -> Bundle:
    images: dict[str, bytes] = {}

    def keep_image(image):
        with image.open() as handle:
            content = handle.read()
        extension = (image.content_type or "image/png").split("/")[-1].replace("jpeg", "jpg")
        src = f"word-image-{len(images) + 1}.{extension}"
        images[src] = content
        return {"src": src}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            convert_image=mammoth.images.img_element(keep_image),
            style_map="p[style-name='Title'] => h1:fresh",
        )
    except Exception as error:  # noqa: BLE001 (a damaged document fails deep in mammoth in many ways)
        raise ImportRefused(f"{name} is a damaged Word document ({type(error).__name__}).") from error
    html = result.value
    title_match = re.search(r"<h1>(.*?)</h1>", html, re.S)
    if title_match:
        title = plain(title_match.group(1))
        html = html.replace(title_match.group(0), "", 1)
    else:
        title = title_from_name(name)
    findings = Findings.empty()
    bundle = document_bundle(name, title, clean(html, findings), findings=findings, identity=content_identity(data))
    local_images(bundle, Folder(), images)
    return bundle

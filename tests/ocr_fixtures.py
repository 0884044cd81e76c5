"""Scanned-page fixtures made inside the tests: Latvian text with diacritics rendered at 300 dpi into an image-only
PDF (no text layer), clean or as a poor scan (turned 1.5°, slightly blurred, grainy, salt-and-pepper specks)."""

from __future__ import annotations

import difflib
from pathlib import Path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # Debian fonts-dejavu-core (comes with Pillow's deps)
DPI = 300

# a page of municipal guidance written for this test: every Latvian diacritic, long and short words
PAGE_TEXT = (
    "Būvatļauju izsniegšanas kārtība Ķekavas novada pašvaldībā\n\n"
    "Būvvalde izskata iesniegumu par būvatļaujas izsniegšanu divdesmit darba dienu laikā no dienas, kad "
    "iesniegti visi nepieciešamie dokumenti. Iesniegumu var iesniegt klātienē klientu apkalpošanas centrā, "
    "elektroniski būvniecības informācijas sistēmā vai ar drošu elektronisko parakstu parakstītu dokumentu "
    "nosūtīt uz pašvaldības oficiālo elektronisko adresi.\n\n"
    "Ja iesniegumā trūkst ziņu vai pievienoto dokumentu, būvvalde rakstiski lūdz tās papildināt un nosaka "
    "saprātīgu termiņu. Līdz trūkstošo ziņu saņemšanai termiņš neskrien. Par lēmumu iesniedzējam paziņo "
    "rakstiski, norādot tā apstrīdēšanas kārtību un iestādi, kurā lēmumu var apstrīdēt viena mēneša laikā.\n\n"
    "Maksa par būvatļaujas izsniegšanu ir noteikta pašvaldības saistošajos noteikumos. Ģimenēm ar bērniem, "
    "senioriem un personām ar invaliditāti piemēro atvieglojumus, ja to ienākumi nepārsniedz noteikto "
    "slieksni. Šķēršļu novēršanai pašvaldība ik gadu apkopo klientu atsauksmes, vērtē pakalpojuma kvalitāti "
    "un publicē pārskatu par ieviestajiem uzlabojumiem.\n\n"
    "Ūdensapgādes un kanalizācijas pieslēguma atļauju izsniedz pašvaldības kapitālsabiedrība. Žoga "
    "būvniecībai pietiek ar paskaidrojuma rakstu, bet dzīvojamās mājas pārbūvei vajadzīga būvatļauja. "
    "Ēkas nojaukšanai iesniedz apliecinājuma karti, kurai pievieno īpašnieka rakstisku piekrišanu."
)


def render_page(text: str = PAGE_TEXT, *, dpi: int = DPI, font_pt: float = 11.0):
    """An A4 page image (greyscale) with the text wrapped between 2.3 cm margins."""
    from PIL import Image, ImageDraw, ImageFont

    w, h = int(8.27 * dpi), int(11.69 * dpi)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, int(font_pt / 72 * dpi))
    left, top, maxw = int(0.9 * dpi), int(1.0 * dpi), w - int(1.8 * dpi)
    line_h = int(font_pt / 72 * dpi * 1.5)
    y = top
    for para in text.split("\n\n"):
        line = ""
        for word in para.split():
            trial = (line + " " + word).strip()
            if line and font.getlength(trial) > maxw:
                draw.text((left, y), line, font=font, fill=0)
                y += line_h
                line = word
            else:
                line = trial
        draw.text((left, y), line, font=font, fill=0)
        y += int(line_h * 1.6)
    return img


def poor_scan(img, *, angle: float = 1.5, seed: int = 7, noise: float = 40.0, blur: float = 0.8):
    """The page as a poor scan: turned, slightly blurred, grainy (Gaussian noise), with salt-and-pepper specks."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(img).astype(np.float32)
    a += rng.normal(0, noise, a.shape)
    specks = rng.random(a.shape)
    a[specks < 0.01] = 0
    a[specks > 0.99] = 255
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def image_pdf(images, path: Path, *, dpi: int = DPI) -> Path:
    """An image-only PDF (no text layer), one page per image."""
    first, *rest = [im.convert("L") for im in images]
    first.save(path, "PDF", resolution=float(dpi), save_all=True, append_images=rest)
    return path


def words_correct(truth: str, got: str) -> float:
    """Share of the true words read exactly (diacritics and punctuation included), in order."""
    t, g = truth.split(), got.split()
    sm = difflib.SequenceMatcher(a=t, b=g, autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks()) / len(t)

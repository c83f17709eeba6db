"""Pictures for the demo, drawn locally with Pillow: nothing is downloaded.

Each picture is abstract (soft coloured shapes) with a short label such as "Sensory play
room", so that a listing's gallery looks populated without pretending to show real
children. The same seed always draws the same picture.
"""

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageColor, ImageDraw, ImageFont

# Colour schemes that keep the label's contrast above 4.5:1 (dark text on a white band).
PALETTES: list[tuple[str, list[str]]] = [
    ("teal and yellow", ["#d2ebe6", "#28a197", "#ffdd00", "#005a30", "#85994b"]),
    ("blue and orange", ["#dbe6f2", "#1d70b8", "#f47738", "#003078", "#5694ca"]),
    ("purple and pink", ["#ebe4f2", "#4c2c92", "#d53880", "#6f72af", "#f499be"]),
    ("green and gold", ["#e4efdb", "#00703c", "#ffdd00", "#85994b", "#005a30"]),
    ("red and cream", ["#f8eee6", "#d4351c", "#f47738", "#942514", "#ffdd00"]),
]


@dataclass(frozen=True)
class DemoPicture:
    slug: str
    label: str
    # Category slugs (providers/taxonomy_defaults.py) this picture suits in a gallery.
    categories: tuple[str, ...]

    @property
    def title(self) -> str:
        return f"Demo picture: {self.label}"


DEMO_PICTURES: list[DemoPicture] = [
    DemoPicture(
        "sensory-play-room",
        "Sensory play room",
        ("short-breaks", "nurseries", "play-and-youth-groups"),
    ),
    DemoPicture("swimming-session", "Swimming session", ("sport-and-leisure", "physiotherapy")),
    DemoPicture("art-club", "Art club", ("arts-and-music", "after-school-clubs")),
    DemoPicture("music-group", "Music group", ("arts-and-music", "play-and-youth-groups")),
    DemoPicture("youth-club-night", "Youth club night", ("play-and-youth-groups", "short-breaks")),
    DemoPicture(
        "talking-and-listening",
        "Talking and listening",
        ("speech-and-language-therapy", "tutoring"),
    ),
    DemoPicture(
        "holiday-club-outdoors", "Holiday club outdoors", ("holiday-clubs", "short-breaks")
    ),
    DemoPicture("climbing-wall", "Climbing wall", ("sport-and-leisure", "occupational-therapy")),
    DemoPicture(
        "cooking-skills", "Cooking skills", ("independent-living-skills", "employment-and-training")
    ),
    DemoPicture("travel-training", "Learning to travel by bus", ("transport-and-travel-training",)),
    DemoPicture(
        "garden-project", "Garden project", ("supported-internships", "employment-and-training")
    ),
    DemoPicture(
        "reading-together", "Reading together", ("education-support", "tutoring", "childcare")
    ),
    DemoPicture(
        "trampoline-fun", "Trampoline fun", ("sport-and-leisure", "physiotherapy", "holiday-clubs")
    ),
    DemoPicture(
        "drama-workshop", "Drama workshop", ("arts-and-music", "mental-health-and-wellbeing")
    ),
    DemoPicture("calm-space", "Calm space", ("mental-health-and-wellbeing", "health-services")),
    DemoPicture(
        "football-for-all", "Football for all", ("sport-and-leisure", "after-school-clubs")
    ),
    DemoPicture(
        "parent-coffee-morning", "Parent coffee morning", ("parent-support", "advice-and-advocacy")
    ),
    DemoPicture("forest-school", "Forest school", ("childcare", "holiday-clubs", "nurseries")),
    DemoPicture(
        "computer-club", "Computer club", ("employment-and-training", "after-school-clubs")
    ),
    DemoPicture(
        "baby-and-toddler-group",
        "Baby and toddler group",
        ("nurseries", "childcare", "health-services"),
    ),
    DemoPicture(
        "equipment-workshop",
        "Equipment that helps",
        ("equipment-and-adaptations", "occupational-therapy"),
    ),
    DemoPicture(
        "one-to-one-support", "One-to-one support", ("personal-assistants", "advice-and-advocacy")
    ),
]


def palette_for(index: int) -> tuple[str, list[str]]:
    return PALETTES[index % len(PALETTES)]


def alt_text_for(picture: DemoPicture, index: int) -> str:
    """Describe what the picture really shows: shapes and words, not children."""
    colours, _ = palette_for(index)
    return f"Illustration of soft {colours} shapes with the words '{picture.label}'"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow's built-in font is always there (no system fonts needed on CI machines).
    return ImageFont.load_default(size=size)


def draw_picture(
    label: str, *, seed: int, palette_index: int, size: tuple[int, int] = (960, 640)
) -> bytes:
    """A PNG of overlapping soft shapes with the label on a white band."""
    rng = random.Random(seed)
    _, colours = palette_for(palette_index)
    width, height = size
    image = Image.new("RGB", size, colours[0])
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(14):
        colour = colours[rng.randrange(1, len(colours))]
        alpha = rng.randrange(110, 220)
        rgba = (*ImageColor.getrgb(colour)[:3], alpha)
        x, y = rng.randrange(-80, width), rng.randrange(-80, height - 120)
        extent = rng.randrange(80, 320)
        shape = rng.choice(("circle", "rounded", "triangle"))
        if shape == "circle":
            draw.ellipse((x, y, x + extent, y + extent), fill=rgba)
        elif shape == "rounded":
            draw.rounded_rectangle(
                (x, y, x + extent * 1.4, y + extent * 0.8), radius=extent // 5, fill=rgba
            )
        else:
            draw.polygon(
                [(x, y + extent), (x + extent // 2, y), (x + extent, y + extent)], fill=rgba
            )
    image.paste(layer, (0, 0), layer)
    draw = ImageDraw.Draw(image)
    band_top = height - 130
    draw.rectangle((0, band_top, width, height), fill="#ffffff")
    draw.rectangle((0, band_top, 18, height), fill=colours[1])
    font = _font(56)
    draw.text((48, band_top + 34), label, fill="#0b0c0c", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def draw_logo(council_name: str, *, size: tuple[int, int] = (480, 120)) -> bytes:
    """A simple council logo: a bridge over water in a roundel, and the council's name."""
    width, height = size
    image = Image.new("RGB", size, "#ffffff")
    draw = ImageDraw.Draw(image)
    # Roundel with a bridge arch and two waves.
    cx, cy, r = 60, height // 2, 50
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill="#1d70b8")
    draw.arc((cx - 36, cy - 24, cx + 36, cy + 40), start=180, end=360, fill="#ffffff", width=8)
    draw.line((cx - 40, cy + 8, cx + 40, cy + 8), fill="#ffffff", width=6)
    for offset in (22, 34):
        draw.arc((cx - 30, cy + offset - 6, cx, cy + offset + 6), 0, 180, fill="#ffdd00", width=3)
        draw.arc((cx, cy + offset - 6, cx + 30, cy + offset + 6), 180, 360, fill="#ffdd00", width=3)
    words = council_name.split()
    first, rest = " ".join(words[:1]), " ".join(words[1:])
    draw.text((128, 18), first, fill="#0b0c0c", font=_font(44))
    draw.text((130, 70), rest, fill="#505a5f", font=_font(28))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()

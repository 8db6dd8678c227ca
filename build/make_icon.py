"""Draws the application icon (a graduation cap on a rounded square) with Pillow.

Writes seguimiento_desktop/resources/icons/app.png (256 px, the window icon at run time)
and app.ico (16–256 px, for the Windows executables, installer and uninstaller). The
results are committed; run again only to change the design:
    .venv/bin/python build/make_icon.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "seguimiento_desktop" / "resources" / "icons"
SIZE = 1024  # drawn large, scaled down for each size
BACKGROUND = (17, 94, 89, 255)  # deep teal
CAP = (255, 255, 255, 255)
TASSEL = (250, 204, 21, 255)  # amber


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((32, 32, SIZE - 32, SIZE - 32), radius=190, fill=BACKGROUND)
    # The cap's crown (a band under the board) and the board (a flat diamond).
    pen.polygon([(300, 520), (724, 520), (724, 700), (512, 770), (300, 700)], fill=CAP)
    pen.polygon([(512, 250), (900, 430), (512, 610), (124, 430)], fill=CAP)
    pen.polygon([(512, 300), (790, 430), (512, 560), (234, 430)], fill=BACKGROUND)
    pen.polygon([(512, 330), (730, 430), (512, 530), (294, 430)], fill=CAP)
    # The tassel: a cord from the button to the board's edge, and its fringe.
    pen.line([(512, 430), (820, 480), (820, 690)], fill=TASSEL, width=34, joint="curve")
    pen.ellipse((482, 400, 542, 460), fill=TASSEL)
    pen.rounded_rectangle((785, 670, 855, 820), radius=20, fill=TASSEL)
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.resize((256, 256), Image.LANCZOS).save(ICONS / "app.png", optimize=True)
    sizes = [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
    image.save(ICONS / "app.ico", sizes=sizes)
    print(f"{ICONS / 'app.png'}\n{ICONS / 'app.ico'}")


if __name__ == "__main__":
    main()

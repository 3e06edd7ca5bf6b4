"""Write assets/favicon.ico: the app's own icon (a green circle with a white loop, the circular
economy), drawn pixel by pixel so no image library is needed. Run: python scripts/make_favicon.py"""

from __future__ import annotations

import math
import struct
from pathlib import Path

SIZE = 32
GREEN = (0x00, 0x64, 0x4B)  # the page's accent colour (assets/style.css --accent)


def pixel(x: int, y: int) -> tuple[int, int, int, int]:
    """RGBA of one pixel: a filled circle, a white ring inside it, transparent outside."""
    centre = (SIZE - 1) / 2
    r = math.hypot(x - centre, y - centre)
    if r > SIZE / 2 - 0.5:
        return (0, 0, 0, 0)
    if 7.0 <= r <= 10.0 and not (x > centre + 2 and abs(y - centre) < 3):  # a ring with a gap
        return (255, 255, 255, 255)
    return (*GREEN, 255)


def ico_bytes() -> bytes:
    rows = []
    for y in reversed(range(SIZE)):  # BMP rows run bottom-up
        for x in range(SIZE):
            r, g, b, a = pixel(x, y)
            rows.append(struct.pack("BBBB", b, g, r, a))
    pixels = b"".join(rows)
    mask = b"\x00" * (SIZE * SIZE // 8)  # all visible; alpha does the shape
    header = struct.pack(
        "<IiiHHIIiiII", 40, SIZE, SIZE * 2, 1, 32, 0, len(pixels) + len(mask), 0, 0, 0, 0
    )
    image = header + pixels + mask
    directory = struct.pack("<HHH", 0, 1, 1) + struct.pack(
        "<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16
    )
    return directory + image


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "assets" / "favicon.ico"
    target.write_bytes(ico_bytes())
    print(f"wrote {target}")

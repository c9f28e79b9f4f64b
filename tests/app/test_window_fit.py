"""The main window fits the screen's free area, frame included, so the status bar always shows."""

from __future__ import annotations

from socialpolicy.app.window_fit import ASSUMED_FRAME, window_fit

LAPTOP = (0, 0, 1366, 740)  # 1366x768 less a 28-pixel panel


def test_first_start_on_a_1366x768_screen_fits_and_is_centred() -> None:
    x, y, w, h = window_fit(LAPTOP, (0, 0, 1280, 800), ASSUMED_FRAME, centre=True)
    left, top, right, bottom = ASSUMED_FRAME
    assert w == 1280 and h == 740 - top - bottom
    assert x - left == (1366 - w - left - right) // 2 and y - top == 0
    assert y + h + bottom <= 740  # the status bar's bottom edge is on the screen


def test_a_large_screen_keeps_the_size_and_a_saved_place_is_pulled_back_on_screen() -> None:
    big = (0, 0, 1920, 1050)
    assert window_fit(big, (100, 120, 1280, 800), (0, 30, 0, 0), centre=False) == (100, 120, 1280, 800)
    # Saved on a wide monitor, opened on the laptop: smaller, and moved so all of it shows.
    x, y, w, h = window_fit(LAPTOP, (1500, 600, 1800, 1000), (2, 30, 2, 2), centre=False)
    assert (w, h) == (1362, 708) and x - 2 >= 0 and y + h + 2 <= 740 and x + w + 2 <= 1366
    # A panel on the left or top: the area does not start at 0.
    assert window_fit((60, 28, 1306, 740), (0, 0, 800, 600), (0, 0, 0, 0), centre=False)[:2] == (60, 28)

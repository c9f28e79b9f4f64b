"""Where the main window goes: inside the screen's free area (without the task bar and panels), so
the status bar with coverage and counts is never off-screen, whatever size was saved or asked for."""

from __future__ import annotations

Rect = tuple[int, int, int, int]  # x, y, width, height
Margins = tuple[int, int, int, int]  # left, top, right, bottom: what the window manager's frame adds
# Before a window is first shown its frame is unknown: assume a title bar and thin borders.
ASSUMED_FRAME: Margins = (4, 34, 4, 4)


def window_fit(area: Rect, client: Rect, frame: Margins, *, centre: bool) -> Rect:
    """The window's client rectangle fitted, with its ``frame``, into ``area``: no larger than the area,
    moved so all of it shows; ``centre`` puts it in the middle of the area (the first start)."""
    ax, ay, aw, ah = area
    left, top, right, bottom = (max(0, m) for m in frame)
    x, y, w, h = client
    w = max(1, min(w, aw - left - right))
    h = max(1, min(h, ah - top - bottom))
    outer_w, outer_h = w + left + right, h + top + bottom
    fx, fy = x - left, y - top
    if centre:
        fx, fy = ax + (aw - outer_w) // 2, ay + (ah - outer_h) // 2
    fx = min(max(fx, ax), ax + aw - outer_w)
    fy = min(max(fy, ay), ay + ah - outer_h)
    return fx + left, fy + top, w, h

"""Watching the projector turn its pages: every item of every paged area comes on the screen.

The projector pages an area (a canvas box, a statements list) that holds more than fits, with a
"Page 1 of N" line at its foot. `every_item_comes_by` polls the page until each item of each
area has been on the screen whole (shown, not clamped, inside its area, `within` and the
window), then checks that no item was ever cut off and that the paged areas went through
"Page 1 of N" to "Page N of N" while the others never paged. Open the projector with
`?page_seconds=1` so a whole cycle passes quickly.
"""

# Kept in the page between polls: window.testSeen (area -> texts seen whole), testLabels
# (area -> page lines seen), testCut (texts seen cut off).
SEEN_ALL = """([areas, item, text, within]) => {
  const seen = window.testSeen = window.testSeen || {};
  const labels = window.testLabels = window.testLabels || {};
  const cut = window.testCut = window.testCut || [];
  const inside = (r, b) => r.top >= b.top - 1 && r.bottom <= b.bottom + 1 &&
                           r.left >= b.left - 1 && r.right <= b.right + 1;
  const bounds = [{top: 0, left: 0, bottom: innerHeight, right: innerWidth}];
  if (within) bounds.push(document.querySelector(within).getBoundingClientRect());
  let missing = 0;
  for (const key of areas) {
    const area = document.querySelector(key);
    const mine = seen[key] = seen[key] || {};
    const b = area.getBoundingClientRect();
    const line = area.querySelector('.fit-pages span');
    (labels[key] = labels[key] || {})[line ? line.textContent : ''] = true;
    for (const el of area.querySelectorAll(item)) {
      const words = el.querySelector(text);
      const r = el.getBoundingClientRect();
      if (r.height > 0 && getComputedStyle(el).display !== 'none') {
        if (words.scrollHeight <= words.clientHeight + 1 && inside(r, b) &&
            bounds.every((bound) => inside(r, bound))) {
          mine[words.textContent] = true;
        } else {
          cut.push(words.textContent);
        }
      }
      if (!mine[words.textContent]) missing += 1;
    }
  }
  return missing === 0;
}"""


def every_item_comes_by(page, areas, item, text, paged, within=None, timeout=60_000):
    """`areas`: CSS selectors of the areas; `item` / `text`: of an item and its words within
    an area; `paged`: the areas that must page (the others must show everything at once)."""
    page.wait_for_function(SEEN_ALL, arg=[list(areas), item, text, within], polling=100,
                           timeout=timeout)
    assert page.evaluate("() => window.testCut") == []
    for key, seen in page.evaluate("() => window.testLabels").items():
        if key not in paged:
            assert set(seen) == {""}, (key, seen)
            continue
        total = len(seen)
        assert total >= 2, key
        assert set(seen) == {f"Page {n} of {total}" for n in range(1, total + 1)}, (key, seen)

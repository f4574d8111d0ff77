"""Measuring a projector screen: nothing scrolls, no visible text lies outside the screen or is
cut off by a box, and at 1920×1080 no text is smaller than 24 px. Screenshots are kept in
test-results/projector/ for a person to look at."""

from pathlib import Path

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "projector"

MEASURE = """() => {
  const vw = innerWidth, vh = innerHeight, doc = document.documentElement;
  const out = {scroll: [doc.scrollWidth, doc.scrollHeight, document.body.scrollWidth,
                        document.body.scrollHeight], outside: [], smallest: 1e9, smallestText: ""};
  const clips = (el) => {
    const st = getComputedStyle(el);
    return st.overflowX !== "visible" || st.overflowY !== "visible";
  };
  for (const el of document.body.querySelectorAll("*")) {
    const own = [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim());
    if (!own.length || el.closest(".skip-link, .visually-hidden, template, script")) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
    const text = own.map(n => n.textContent.trim()).join(" ").slice(0, 50);
    let cut = r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1;
    for (let a = el.parentElement; a && a !== document.body && !cut; a = a.parentElement) {
      if (!clips(a)) continue;
      const b = a.getBoundingClientRect();
      cut = r.bottom > b.bottom + 1 || r.right > b.right + 1 ||
            r.top < b.top - 1 || r.left < b.left - 1;
    }
    if (cut) out.outside.push(text);
    let size = parseFloat(getComputedStyle(el).fontSize);
    const svg = el.closest("svg");  // SVG text is sized in the drawing's units: as rendered
    if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width) {
      size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    }
    if (size < out.smallest) { out.smallest = size; out.smallestText = text; }
  }
  return out;
}"""


def check(page, width, height, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{width}x{height}-{name}.png"))
    seen = page.evaluate(MEASURE)
    assert max(seen["scroll"][0], seen["scroll"][2]) <= width, (name, seen["scroll"])
    assert max(seen["scroll"][1], seen["scroll"][3]) <= height, (name, seen["scroll"])
    assert seen["outside"] == [], (name, seen["outside"][:10])
    if width == 1920:
        assert seen["smallest"] >= 24, (name, seen["smallest"], seen["smallestText"])
    return seen

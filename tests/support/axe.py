"""axe-core (tests/vendor) on a page: its serious and critical WCAG 2.2 AA violations."""

from pathlib import Path

AXE = Path(__file__).parents[1] / "vendor" / "axe.min.js"


def audit(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]

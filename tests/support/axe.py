"""axe-core (tests/vendor) on a page: its serious and critical WCAG 2.2 AA violations."""

from pathlib import Path

AXE = Path(__file__).parents[1] / "vendor" / "axe.min.js"


def audit(page, frames: bool = False) -> list[str]:
    """`frames`: also what the page's frames show (axe reads a frame only if it runs there
    too), e.g. the editor's phone and projector previews."""
    page.add_script_tag(path=str(AXE))
    if frames:
        for frame in page.main_frame.child_frames:
            frame.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def three_screens(server, browser) -> tuple:
    """A joined phone (390×844), the projector (1280×720) and the logged-in console (1280×900)
    of `server.session`, each with the CSP bypassed so axe can be injected. The caller waits for
    its kind's content, audits, and closes the three contexts."""
    s = server.session

    def page(**options):
        return browser.new_context(bypass_csp=True, **options).new_page()

    phone = page(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone.goto(f"{server.url}/j/{s['code']}")
    phone.get_by_role("button", name="Take part").click()
    phone.wait_for_url(f"**/s/{s['code']}")
    projector = page(viewport={"width": 1280, "height": 720})
    projector.goto(f"{server.url}/p/{s['code']}?key={s['key']}")
    console = page(viewport={"width": 1280, "height": 900})
    console.context.add_cookies([{"name": k, "value": v, "url": server.url}
                                 for k, v in server.login().cookies.get_dict().items()])
    console.goto(f"{server.url}/console/sessions/{s['id']}")
    return phone, projector, console

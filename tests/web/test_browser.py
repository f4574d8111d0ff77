"""A person's view: the projector in one browser, a phone in another."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def server(live_server):
    return live_server(shared=True)


def test_projector_shows_qr_and_counts_a_phone_joining(server, browser, tmp_path):
    s = server.session
    projector = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    projector.goto(f"{server.url}/p/{s['code']}?key={s['key']}")
    qr = projector.locator("#join-qr")
    qr.wait_for()
    projector.wait_for_function(
        "() => document.getElementById('join-qr').complete && "
        "document.getElementById('join-qr').naturalWidth > 0"
    )
    assert s["code"] in projector.locator(".join-code").inner_text()
    count = projector.locator("#count-joined")
    projector.wait_for_function(
        "() => document.getElementById('count-joined').textContent === '0'")

    phone_context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = phone_context.new_page()
    phone.goto(f"{server.url}/j/{s['code']}")
    phone.get_by_label("English").check()
    phone.fill("#name", "Noor")
    phone.select_option("#role", "resident")
    phone.get_by_role("button", name="Take part").click()
    phone.wait_for_url(f"**/s/{s['code']}")
    phone.locator(".waiting").wait_for()

    projector.wait_for_function(
        "() => document.getElementById('count-joined').textContent === '1'", timeout=10_000
    )
    assert count.inner_text() == "1"
    projector.screenshot(path=str(tmp_path / "projector.png"))
    # The page loaded without a reload: the QR image is the same element.
    assert qr.is_visible()
    phone_context.close()

"""Browser tests: Playwright driving Debian's Chromium, and axe-core for accessibility.

Use the ``page`` fixture with ``live_server``; log in with ``login(page, live_server, user)``
and check a page with ``assert_accessible(page)``. Mark tests ``@pytest.mark.browser``.

A click that loads a new page (a link, a form's submit button) goes through
``follow(page, target)``: a plain ``page.click`` returns before the next page is there,
and reading or checking the page then sees the old one or an empty document.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("DIGIBANK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SMALL_PHONE = {"width": 320, "height": 640}


def chromium_available() -> bool:
    return bool(shutil.which(CHROMIUM) or os.path.exists(CHROMIUM))


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}; install Debian's chromium package")
        pytest.skip(f"Chromium is missing at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do: a busy CI machine can take more than the
    # default five seconds to render a page.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-BE")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


SUBMIT = "main form button[type=submit]"


def follow(page, target=SUBMIT) -> None:
    """Click a link or submit button (a selector or a locator) and wait for the page it loads."""
    locator = page.locator(target) if isinstance(target, str) else target
    with page.expect_navigation():
        locator.click()
    page.wait_for_load_state()


def login(page, live_server, user, password=None) -> None:
    from digibank.testing.factories import TEST_PASSWORD

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", password or TEST_PASSWORD)
    follow(page)


def axe_violations(page, *, disable: tuple[str, ...] = ()) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "resultTypes": ["violations"],
    }
    if disable:
        options["rules"] = {rule: {"enabled": False} for rule in disable}
    results = Axe().run(page, options=options)
    return results.response["violations"]


def assert_accessible(page, *, disable: tuple[str, ...] = ()) -> None:
    """No axe-core violation on the current page, at its size and on a small phone.

    Some problems only exist on a narrow screen (a table that has to scroll sideways must
    be reachable by keyboard), so every check runs at both widths.
    """
    size = page.viewport_size
    sizes = [size] if size == SMALL_PHONE else [size, SMALL_PHONE]
    lines = []
    for viewport in sizes:
        if viewport != page.viewport_size:
            page.set_viewport_size(viewport)
        for v in axe_violations(page, disable=disable):
            targets = [", ".join(n["target"]) for n in v["nodes"][:3]]
            width = viewport["width"] if viewport else "?"
            lines.append(f"- {v['id']} ({v['impact']}) at {width}px: {v['help']} at {targets}")
    if size and page.viewport_size != size:
        page.set_viewport_size(size)
    if lines:
        raise AssertionError(
            "\n".join([f"axe-core found {len(lines)} problem(s) on {page.url}:", *lines])
        )
